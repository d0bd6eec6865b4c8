/**
 * @module The `upsert` merge (dlt's `SqlMergeFollowupJob.gen_upsert_sql`): a `MERGE` of the
 * staging root into the root by primary key (update when matched, insert when not, delete when
 * matched and flagged by `hard_delete`), then per nested table: delete the rows of upserted roots
 * that staging no longer has, `MERGE` the staging rows by row key, and delete the rows of
 * hard-deleted roots. As in dlt, a staging row flagged deleted whose key is not at the
 * destination yet is inserted (flag and all).
 *
 * `insert-only` (dlt's `gen_upsert_sql(insert_only=True)`) is the same `MERGE` without its update
 * and delete branches: staging rows whose key is not there yet are inserted (minus rows flagged
 * by `hard_delete`), existing rows are never changed, nested rows are inserted by row key.
 *
 * Databases without `MERGE` get the same rows from `upsert-without-merge-sql.ts`.
 */
import type { TableSchema } from '../../schema/schema-types.js'
import { MergeDispositionError } from '../destination-errors.js'
import { columnsWithHint, completeColumns } from './column-hints.js'
import {
  hardDeleteCondition,
  type MergeSqlContext,
  quoteAll,
  rootKeyColumn,
  rowKeyColumn,
} from './merge-chain.js'
import { upsertWithoutMergeSql } from './upsert-without-merge-sql.js'

/** Options of `upsertSql`. */
export interface UpsertSqlOptions {
  /** The `insert-only` strategy: insert missing keys, never update or delete. @default false */
  readonly insertOnly?: boolean
}

/** The `upsert` (or `insert-only`) statements for `chain` (root first). */
export function upsertSql(
  context: MergeSqlContext,
  chain: readonly TableSchema[],
  options: UpsertSqlOptions = {},
): string[] {
  const { dialect, names } = context
  const root = chain[0]!
  const q = (name: string) => dialect.quoteIdentifier(name)
  const primaryKeys = quoteAll(dialect, columnsWithHint(root, 'primary_key'))
  const strategy = options.insertOnly ? 'insert-only' : 'upsert'
  if (primaryKeys.length === 0) {
    throw new MergeDispositionError(root.name, strategy, 'it needs a primary key')
  }
  if (dialect.supportsMerge === false) {
    return upsertWithoutMergeSql(context, chain, primaryKeys, options.insertOnly === true)
  }
  const stagingRoot = names.table(root.name, true)
  const on = primaryKeys.map((key) => `d.${key} = s.${key}`).join(' AND ')
  if (options.insertOnly) return insertOnlySql(context, chain, stagingRoot, on)
  const deleted = hardDeleteCondition(dialect, root, { alias: 's.' })
  const sql = [
    mergeStatement(
      names.table(root.name),
      stagingRoot,
      on,
      columnNames(context, root),
      deleted && `WHEN MATCHED AND ${deleted.condition} THEN DELETE`,
    ),
  ]
  if (chain.length === 1) return sql

  const rootRowKey = q(rowKeyColumn(root, 'upsert'))
  const deletedRoots = hardDeleteCondition(dialect, root)
  for (const table of chain.slice(1)) {
    const rowKey = q(rowKeyColumn(table, 'upsert'))
    const rootKey = q(rootKeyColumn(chain, table, 'upsert'))
    const target = names.table(table.name)
    const staging = names.table(table.name, true)
    sql.push(
      `DELETE FROM ${target} WHERE ${rootKey} IN (SELECT ${rootRowKey} FROM ${stagingRoot}) ` +
        `AND ${rowKey} NOT IN (SELECT ${rowKey} FROM ${staging})`,
    )
    sql.push(
      mergeStatement(target, staging, `d.${rowKey} = s.${rowKey}`, columnNames(context, table)),
    )
    if (deletedRoots) {
      sql.push(
        `DELETE FROM ${target} WHERE ${rootKey} IN ` +
          `(SELECT ${rootRowKey} FROM ${stagingRoot} WHERE ${deletedRoots.condition})`,
      )
    }
  }
  return sql
}

function insertOnlySql(
  context: MergeSqlContext,
  chain: readonly TableSchema[],
  stagingRoot: string,
  on: string,
): string[] {
  const { dialect, names } = context
  const root = chain[0]!
  // dlt: rows flagged by `hard_delete` are filtered out of staging before the insert
  const notDeleted = hardDeleteCondition(dialect, root, { invert: true })
  const source = notDeleted
    ? `(SELECT * FROM ${stagingRoot} WHERE ${notDeleted.condition})`
    : stagingRoot
  const sql = [
    insertMissingStatement(names.table(root.name), source, on, columnNames(context, root)),
  ]
  for (const table of chain.slice(1)) {
    const rowKey = dialect.quoteIdentifier(rowKeyColumn(table, 'insert-only'))
    sql.push(
      insertMissingStatement(
        names.table(table.name),
        names.table(table.name, true),
        `d.${rowKey} = s.${rowKey}`,
        columnNames(context, table),
      ),
    )
  }
  return sql
}

/** `MERGE INTO target d USING source s ON … WHEN NOT MATCHED THEN INSERT …`. */
function insertMissingStatement(
  target: string,
  source: string,
  on: string,
  columns: readonly string[],
): string {
  const values = columns.map((column) => `s.${column}`).join(', ')
  return (
    `MERGE INTO ${target} AS d USING ${source} AS s ON ${on} ` +
    `WHEN NOT MATCHED THEN INSERT (${columns.join(', ')}) VALUES (${values})`
  )
}

function columnNames(context: MergeSqlContext, table: TableSchema): string[] {
  return quoteAll(
    context.dialect,
    completeColumns(table).map((column) => column.name),
  )
}

/** `MERGE INTO target d USING source s ON … [extra] WHEN MATCHED … WHEN NOT MATCHED …`. */
function mergeStatement(
  target: string,
  source: string,
  on: string,
  columns: readonly string[],
  extraClause?: string,
): string {
  const update = columns.map((column) => `${column} = s.${column}`).join(', ')
  const values = columns.map((column) => `s.${column}`).join(', ')
  return (
    `MERGE INTO ${target} AS d USING ${source} AS s ON ${on} ` +
    (extraClause ? `${extraClause} ` : '') +
    `WHEN MATCHED THEN UPDATE SET ${update} ` +
    `WHEN NOT MATCHED THEN INSERT (${columns.join(', ')}) VALUES (${values})`
  )
}
