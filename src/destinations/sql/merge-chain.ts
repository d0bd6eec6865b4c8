/**
 * @module What the merge strategies share (after dlt's `SqlMergeFollowupJob` helpers): the
 * context a statement is generated in, the row key and root key of a table in the chain, the
 * `hard_delete` condition, and the de-duplicating `SELECT` over a staging table.
 */
import type { MergeStrategy, TableSchema } from '../../schema/schema-types.js'
import { MergeDispositionError } from '../destination-errors.js'
import { columnsWithHint, firstColumnWithHint } from './column-hints.js'
import type { QualifiedNames } from './qualified-names.js'
import type { SqlDialect } from './sql-dialect.js'

/** The operation a temporary table serves. */
export type TempTableOperation = 'delete' | 'insert'

/** Per-call options of merge SQL generation. */
export interface MergeSqlOptions {
  /**
   * Names a temporary table. @default `<root>_<op>_<random hex>`, as dlt's `uniq_id` suffix.
   * Tests pass a deterministic function to compare generated SQL.
   */
  readonly tempTableName?: (root: string, operation: TempTableOperation) => string
}

/** Everything a merge strategy needs to write its statements. */
export interface MergeSqlContext extends MergeSqlOptions {
  readonly dialect: SqlDialect
  readonly names: QualifiedNames
}

/** `context.tempTableName` or the default random name. */
export function newTempTableName(
  context: MergeSqlContext,
  root: string,
  operation: TempTableOperation,
): string {
  if (context.tempTableName) return context.tempTableName(root, operation)
  const suffix = Math.floor(Math.random() * 2 ** 48)
    .toString(16)
    .padStart(12, '0')
  return `${root}_${operation}_${suffix}`
}

/**
 * A `tempTableName` option for databases with short identifiers: `<root>_<op>_<12 hex>` with the
 * root cut so that the whole name fits `maxLength` characters.
 */
export function boundedTempTableName(
  maxLength: number,
): (root: string, operation: TempTableOperation) => string {
  return (root, operation) => {
    const suffix = Math.floor(Math.random() * 2 ** 48)
      .toString(16)
      .padStart(12, '0')
    return `${root.slice(0, maxLength - operation.length - 14)}_${operation}_${suffix}`
  }
}

/** Quotes every name in `names`. */
export function quoteAll(dialect: SqlDialect, names: readonly string[]): string[] {
  return names.map((name) => dialect.quoteIdentifier(name))
}

/**
 * The row key of `table` (dlt's `get_row_key_col`): the `row_key` column, else the first
 * `unique` column, else a single primary key column.
 */
export function rowKeyColumn(table: TableSchema, strategy: MergeStrategy): string {
  const column = firstColumnWithHint(table, 'row_key') ?? firstColumnWithHint(table, 'unique')
  if (column) return column
  const primaryKeys = columnsWithHint(table, 'primary_key')
  if (primaryKeys.length === 1) return primaryKeys[0]!
  throw new MergeDispositionError(
    table.name,
    strategy,
    primaryKeys.length > 1
      ? 'it has several primary key columns and no `row_key` (e.g. `_dlt_id`) column'
      : 'it has no `row_key`, `unique` or single primary key column (e.g. `_dlt_id`)',
  )
}

/**
 * The root key of nested `table` (dlt's `get_root_key_col`): the `root_key` column
 * (`_dlt_root_id`), or for a direct child of the root its `parent_key` (`_dlt_parent_id`).
 */
export function rootKeyColumn(
  chain: readonly TableSchema[],
  table: TableSchema,
  strategy: MergeStrategy,
): string {
  const column = firstColumnWithHint(table, 'root_key')
  if (column) return column
  const parentKey = firstColumnWithHint(table, 'parent_key')
  if (parentKey && table.parent === chain[0]?.name) return parentKey
  throw new MergeDispositionError(
    table.name,
    strategy,
    'it has no `root_key` column (e.g. `_dlt_root_id`); nested tables of merge tables need one',
  )
}

/**
 * The `hard_delete` column of `table` and the condition selecting deleted rows (a bool column:
 * `= TRUE`; any other type: `IS NOT NULL`), or with `invert` the rows that are not deleted.
 * `alias` prefixes the column (e.g. `s.`). Undefined when no column has the hint.
 */
export function hardDeleteCondition(
  dialect: SqlDialect,
  table: TableSchema,
  options: { readonly invert?: boolean; readonly alias?: string } = {},
): { column: string; condition: string } | undefined {
  const column = firstColumnWithHint(table, 'hard_delete')
  if (column === undefined) return undefined
  const ref = `${options.alias ?? ''}${dialect.quoteIdentifier(column)}`
  const isBool = table.columns[column]?.data_type === 'bool'
  const condition = options.invert
    ? `${ref} IS NULL${isBool ? ` OR ${ref} = ${dialect.escapeLiteral(false)}` : ''}`
    : isBool
      ? `${ref} = ${dialect.escapeLiteral(true)}`
      : `${ref} IS NOT NULL`
  return { column, condition }
}

/** Options of `dedupSelectSql`. */
export interface DedupSelectOptions {
  /** Quoted column and order from `dedup_sort`; without it the dialect's default order is used. */
  readonly dedupSort?: { readonly column: string; readonly order: 'asc' | 'desc' } | undefined
  /** `WHERE` condition over the numbered rows. @default '1 = 1' */
  readonly condition?: string | undefined
  /** Quoted columns the condition needs that are not in `columns`. */
  readonly conditionColumns?: readonly string[]
  /** The staging data is known to be unique per key (`x-stage-data-deduplicated`). */
  readonly skipDedup?: boolean
}

/**
 * `SELECT columns` from `tableName` keeping one row per primary key (dlt's
 * `gen_select_from_dedup_sql`): rows are numbered per key ordered by `dedup_sort` (so `desc`
 * keeps the highest value) and the first one is kept. Names must be quoted already.
 */
export function dedupSelectSql(
  dialect: SqlDialect,
  tableName: string,
  primaryKeys: readonly string[],
  columns: readonly string[],
  options: DedupSelectOptions = {},
): string {
  const condition = options.condition ?? '1 = 1'
  const columnList = columns.join(', ')
  if (options.skipDedup) return `SELECT ${columnList} FROM ${tableName} WHERE ${condition}`
  const innerColumns = [...columns, ...(options.conditionColumns ?? [])]
    .filter((column, index, all) => all.indexOf(column) === index)
    .join(', ')
  const orderBy = options.dedupSort
    ? `${options.dedupSort.column} ${options.dedupSort.order.toUpperCase()}`
    : dialect.defaultDedupOrderBy
  return (
    `SELECT ${columnList} FROM (SELECT ROW_NUMBER() OVER (PARTITION BY ${primaryKeys.join(', ')} ` +
    `ORDER BY ${orderBy}) AS _dlt_dedup_rn, ${innerColumns} FROM ${tableName}) ` +
    `AS _dlt_dedup_numbered WHERE _dlt_dedup_rn = 1 AND (${condition})`
  )
}
