/**
 * @module Table and column hints as users write them (camelCase, TypeScript idiom), and their
 * translation into dlt's stored-schema table (snake_case hint keys, normalized names), as dlt's
 * `DltResourceHints.compute_table_schema` does: `columns` first in the order given, then primary
 * key and merge key columns that `columns` does not name, then the merge strategy's own columns.
 */

import { ownValue, setOwnValue } from '../util/own-property.js'
import { validateColumnHints } from './column-hint-rules.js'
import type { DataType } from './data-types.js'
import { isDataType } from './data-types.js'
import type { NamingConvention } from './naming/naming-convention.js'
import type {
  ColumnSchema,
  ContractMode,
  LoaderFileFormat,
  SchemaContract,
  TableSchema,
} from './schema-types.js'
import { CONTRACT_MODES, LOADER_FILE_FORMATS } from './schema-types.js'
import type { Scd2Options, WriteDispositionHint } from './write-disposition.js'
import { DEFAULT_VALIDITY_COLUMN_NAMES, parseWriteDisposition } from './write-disposition.js'

export type { WriteDispositionHint } from './write-disposition.js'
export { parseWriteDisposition } from './write-disposition.js'

/** Hints for one column. Unset hints are left to inference. */
export interface ColumnHint {
  /** The column's dlt data type; values that don't fit go to a variant column. */
  readonly dataType?: DataType
  /** `false` makes the column NOT NULL; a row without a value then fails. */
  readonly nullable?: boolean
  readonly primaryKey?: boolean
  readonly mergeKey?: boolean
  /** Precision of `decimal`, `timestamp`, `bigint` (bits) or `text`/`binary` (length). */
  readonly precision?: number
  /** Scale of `decimal`. */
  readonly scale?: number
  /** `false` stores a `timestamp` without time zone. */
  readonly timezone?: boolean
  /** `merge` only: a row whose value is `true` (or non-null, for non-bool columns) is deleted. */
  readonly hardDelete?: boolean
  /** `merge` only: which of several rows with the same key wins: the highest (`desc`) or lowest. */
  readonly dedupSort?: 'asc' | 'desc'
  readonly unique?: boolean
  readonly description?: string
}

/** Hints for a table: how it is written and what its columns are. */
export interface TableHints {
  /**
   * `append`, `replace`, `merge`, `skip`, or `{ disposition: 'merge', strategy, ...options }`
   * (see `WriteDispositionHint`). @default 'append'
   */
  readonly writeDisposition?: WriteDispositionHint
  /** Column name(s) of the primary key; `merge` deduplicates and replaces by it. */
  readonly primaryKey?: string | readonly string[]
  /** Column name(s) whose values select the rows a `merge` replaces. */
  readonly mergeKey?: string | readonly string[]
  /** Per-column hints, by column name (normalized with the naming convention). */
  readonly columns?: Readonly<Record<string, ColumnHint>>
  /** What happens when data doesn't fit the schema. @default 'evolve' */
  readonly schemaContract?: SchemaContract
  /** Nesting depth beyond which nested data is stored in `json` columns. @default 1000 */
  readonly maxTableNesting?: number
  /** The loader file format of this table. @default the destination's preferred format */
  readonly loaderFileFormat?: LoaderFileFormat
}

/** dlt's default names of the scd2 validity columns. */
export const SCD2_VALID_FROM = DEFAULT_VALIDITY_COLUMN_NAMES[0]
export const SCD2_VALID_TO = DEFAULT_VALIDITY_COLUMN_NAMES[1]

/** Translates `hints` into a partial dlt table for table `tableName` (already normalized). */
export function tableSchemaFromHints(
  tableName: string,
  hints: TableHints,
  naming: NamingConvention,
): TableSchema {
  const table: TableSchema = { name: tableName, columns: {}, resource: tableName }
  const { disposition, strategy, tableHints, scd2 } = parseWriteDisposition(hints.writeDisposition)
  if (disposition) table.write_disposition = disposition
  if (strategy) table['x-merge-strategy'] = strategy
  Object.assign(table, tableHints)
  for (const [name, hint] of Object.entries(hints.columns ?? {})) {
    const column = columnSchemaFromHint(naming.normalizePath(name), hint, name)
    setOwnValue(table.columns, column.name, column)
  }
  addKeyColumns(table, 'primary_key', hints.primaryKey, naming, 'primaryKey')
  addKeyColumns(table, 'merge_key', hints.mergeKey, naming, 'mergeKey')
  // dlt refuses these only at load (SchemaCorruptedException); we refuse them where they are given
  validateColumnHints(table)
  if (scd2) addScd2Columns(table, scd2, naming)
  const keyed = strategy === 'upsert' || strategy === 'insert-only'
  if (keyed && !Object.values(table.columns).some((c) => c.primary_key)) {
    throw new TypeError(
      `Table "${tableName}": the "${strategy}" merge strategy needs a \`primaryKey\` (e.g. primaryKey: 'id')`,
    )
  }
  if (scd2?.retireAbsentRows === false && !Object.values(table.columns).some((c) => c.merge_key)) {
    // dlt's incremental scd2: only rows whose merge key is in the load are retired
    throw new TypeError(
      `Table "${tableName}": \`retireAbsentRows: false\` needs the natural key as \`mergeKey\` (e.g. mergeKey: 'id'), to tell a changed row from an absent one`,
    )
  }
  if (hints.schemaContract !== undefined)
    table.schema_contract = checkContract(hints.schemaContract)
  if (hints.maxTableNesting !== undefined) {
    if (!Number.isInteger(hints.maxTableNesting) || hints.maxTableNesting < 0) {
      throw new RangeError('The `maxTableNesting` option must be a non-negative integer')
    }
    table['x-normalizer'] = { max_nesting: hints.maxTableNesting }
  }
  if (hints.loaderFileFormat !== undefined) {
    if (!(LOADER_FILE_FORMATS as readonly string[]).includes(hints.loaderFileFormat)) {
      throw new TypeError(
        `The \`loaderFileFormat\` option must be one of ${LOADER_FILE_FORMATS.join(', ')}; got "${hints.loaderFileFormat}"`,
      )
    }
    table.file_format = hints.loaderFileFormat
  }
  return table
}

function columnSchemaFromHint(name: string, hint: ColumnHint, given: string): ColumnSchema {
  const column: ColumnSchema = { name }
  if (hint.dataType !== undefined) {
    if (!isDataType(hint.dataType)) {
      throw new TypeError(
        `Column "${given}": \`dataType\` "${String(hint.dataType)}" is not one of dlt's data types`,
      )
    }
    column.data_type = hint.dataType
  }
  if (hint.nullable !== undefined) column.nullable = hint.nullable
  if (hint.primaryKey) column.primary_key = true
  if (hint.mergeKey) column.merge_key = true
  if (hint.precision !== undefined) column.precision = hint.precision
  if (hint.scale !== undefined) column.scale = hint.scale
  if (hint.timezone !== undefined) column.timezone = hint.timezone
  if (hint.hardDelete) column.hard_delete = true
  if (hint.dedupSort !== undefined) {
    if (hint.dedupSort !== 'asc' && hint.dedupSort !== 'desc') {
      throw new TypeError(`Column "${given}": \`dedupSort\` must be 'asc' or 'desc'`)
    }
    column.dedup_sort = hint.dedupSort
  }
  if (hint.unique !== undefined) column.unique = hint.unique
  if (hint.description !== undefined) column.description = hint.description
  return column
}

function addKeyColumns(
  table: TableSchema,
  hint: 'primary_key' | 'merge_key',
  keys: string | readonly string[] | undefined,
  naming: NamingConvention,
  option: string,
): void {
  if (keys === undefined) return
  const list = typeof keys === 'string' ? [keys] : keys
  for (const key of list) {
    if (typeof key !== 'string' || !key) {
      throw new TypeError(`The \`${option}\` option must be a column name or a list of them`)
    }
    const name = naming.normalizePath(key)
    const existing = ownValue(table.columns, name)
    // dlt: a key column the hints don't name yet is created NOT NULL
    setOwnValue(
      table.columns,
      name,
      existing ? { ...existing, [hint]: true } : { name, nullable: false, [hint]: true },
    )
  }
}

/** dlt's scd2 columns: validity columns and the row version column (`_merge_merge_disposition_dict`). */
function addScd2Columns(table: TableSchema, options: Scd2Options, naming: NamingConvention): void {
  const [from, to] = options.validityColumnNames.map((name) => naming.normalizeIdentifier(name))
  setOwnValue<ColumnSchema>(table.columns, from!, {
    name: from!,
    data_type: 'timestamp',
    // dlt: validity columns are empty when first loaded into the staging table
    nullable: true,
    'x-valid-from': true,
  })
  setOwnValue<ColumnSchema>(table.columns, to!, {
    name: to!,
    data_type: 'timestamp',
    nullable: true,
    'x-valid-to': true,
    // dlt stores null too, so that a later run without the option resets it
    'x-active-record-timestamp': options.activeRecordTimestamp,
  })
  const version = naming.normalizeIdentifier(options.rowVersionColumnName)
  setOwnValue<ColumnSchema>(table.columns, version, {
    ...ownValue(table.columns, version),
    name: version,
    nullable: false,
    'x-row-version': true,
    // dlt: a row version repeats after delete and re-insert, so it is neither unique nor row key
    unique: false,
    row_key: false,
  })
}

function checkContract(contract: SchemaContract): SchemaContract {
  const check = (mode: unknown, where: string): void => {
    if (!(CONTRACT_MODES as readonly unknown[]).includes(mode)) {
      throw new TypeError(
        `The \`schemaContract\` ${where} must be one of ${CONTRACT_MODES.join(', ')}; got ${JSON.stringify(mode)}`,
      )
    }
  }
  if (typeof contract === 'string') {
    check(contract, 'option')
    return contract
  }
  if (contract === null || typeof contract !== 'object') check(contract, 'option')
  const out: Record<string, ContractMode> = {}
  for (const [entity, mode] of Object.entries(contract)) {
    if (!['tables', 'columns', 'data_type'].includes(entity)) {
      throw new TypeError(
        `The \`schemaContract\` option has an unknown entity "${entity}"; use tables, columns or data_type`,
      )
    }
    check(mode, `entry "${entity}"`)
    out[entity] = mode as ContractMode
  }
  return out
}
