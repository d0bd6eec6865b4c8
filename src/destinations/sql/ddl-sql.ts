/**
 * @module DDL as dlt's `SqlJobClientBase` writes it: `CREATE SCHEMA IF NOT EXISTS`, `CREATE TABLE`
 * with the complete columns in schema order (`NOT NULL` from `nullable: false`), and one
 * `ALTER TABLE … ADD COLUMN` per new column (dlt's `alter_add_multi_column = False` form, which
 * every database accepts). What exists is read from `information_schema.columns`; only new
 * tables and new columns are detected, as in dlt (type or hint changes are never migrated).
 */
import { DLT_PREFIX } from '../../schema/schema.js'
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'
import { completeColumns } from './column-hints.js'
import type { QualifiedNames } from './qualified-names.js'
import type { SqlDialect } from './sql-dialect.js'

/** Options of `createTableSql`. */
export interface TableDdlOptions {
  /** Create in the staging dataset. @default false */
  readonly staging?: boolean
  /** The columns to create. @default all complete columns of the table */
  readonly columns?: readonly ColumnSchema[]
}

/** Existing column names per table, as read from `information_schema.columns`. */
export type StorageColumns = ReadonlyMap<string, ReadonlySet<string>>

/** `CREATE SCHEMA IF NOT EXISTS "catalog"."dataset"`. */
export function createDatasetSql(names: QualifiedNames, staging = false): string {
  return `CREATE SCHEMA IF NOT EXISTS ${names.qualifiedDataset(staging)}`
}

/**
 * `"name" TYPE [hints] [NOT NULL]` (dlt's column definition order); `NOT NULL` is left out of
 * ALTER when the dialect refuses it.
 */
export function columnDefinitionSql(
  dialect: SqlDialect,
  column: ColumnSchema,
  table: TableSchema,
  forAlter = false,
): string {
  const hints = dialect.columnHintsSql?.(column) ?? ''
  const notNull =
    column.nullable === false && (!forAlter || dialect.supportsAddColumnNotNull) ? ' NOT NULL' : ''
  const type = dialect.columnType(column, table)
  return `${dialect.quoteIdentifier(column.name)} ${type}${hints ? ` ${hints}` : ''}${notNull}`
}

/**
 * `CREATE TABLE` for `table`. dlt's own tables get `IF NOT EXISTS`, as dlt does, so that
 * creating them twice (e.g. by two pipelines sharing a dataset) is harmless.
 */
export function createTableSql(
  dialect: SqlDialect,
  names: QualifiedNames,
  table: TableSchema,
  options: TableDdlOptions = {},
): string {
  const columns = options.columns ?? completeColumns(table)
  const definitions = columns.map((column) => columnDefinitionSql(dialect, column, table))
  if (options.staging) definitions.push(...(dialect.stagingColumnsSql ?? []))
  const ifNotExists = table.name.startsWith(DLT_PREFIX) ? 'IF NOT EXISTS ' : ''
  return `CREATE TABLE ${ifNotExists}${names.table(table.name, options.staging)} (${definitions.join(', ')})`
}

/** One `ALTER TABLE … ADD COLUMN` per column in `columns`. */
export function addColumnSql(
  dialect: SqlDialect,
  names: QualifiedNames,
  table: TableSchema,
  columns: readonly ColumnSchema[],
  staging = false,
): string[] {
  const qualified = names.table(table.name, staging)
  return columns.map(
    (column) =>
      `ALTER TABLE ${qualified} ADD COLUMN ${columnDefinitionSql(dialect, column, table, true)}`,
  )
}

/**
 * The query (and its parameters) listing the columns of every table in the dataset, in
 * `ordinal_position` order: `table_name, column_name, data_type, is_nullable`.
 */
export function storageColumnsSql(
  names: QualifiedNames,
  staging = false,
): { sql: string; params: string[] } {
  const params = [names.datasetName(staging)]
  let where = 'table_schema = $1'
  if (names.catalog !== undefined) {
    params.push(names.catalog)
    where += ' AND table_catalog = $2'
  }
  return {
    sql:
      // aliased: MySQL 8 names information_schema's columns in upper case
      'SELECT table_name AS table_name, column_name AS column_name, data_type AS data_type, ' +
      'is_nullable AS is_nullable FROM information_schema.columns ' +
      `WHERE ${where} ORDER BY table_name, ordinal_position`,
    params,
  }
}

/** Groups `information_schema.columns` rows by table (names case-folded, as they are compared). */
export function groupStorageColumns(
  rows: readonly Record<string, unknown>[],
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const row of rows) {
    const table = String(row['table_name']).toLowerCase()
    const columns = out.get(table) ?? new Set<string>()
    out.set(table, columns)
    columns.add(String(row['column_name']).toLowerCase())
  }
  return out
}

/** What must be created for one table: the whole table, some columns, or nothing. */
export interface TableUpdate {
  readonly table: TableSchema
  readonly create: boolean
  readonly newColumns: readonly ColumnSchema[]
}

/**
 * Compares `table` with the destination: a table without columns there is created, otherwise the
 * complete columns it lacks are added. DuckDB and PostgreSQL fold unquoted identifiers but keep
 * quoted ones as written; dlt's names are already normalized, so comparison is case-insensitive
 * like dlt's `casefold_identifier`.
 */
export function planTableUpdate(table: TableSchema, storage: StorageColumns): TableUpdate {
  const existing = storage.get(table.name.toLowerCase())
  const columns = completeColumns(table)
  if (!existing || existing.size === 0) return { table, create: true, newColumns: columns }
  const newColumns = columns.filter((column) => !existing.has(column.name.toLowerCase()))
  return { table, create: false, newColumns }
}

/** The DDL statements for `update` (empty when nothing is new). */
export function tableUpdateSql(
  dialect: SqlDialect,
  names: QualifiedNames,
  update: TableUpdate,
  staging = false,
): string[] {
  if (update.newColumns.length === 0) return []
  if (update.create) {
    return [createTableSql(dialect, names, update.table, { staging, columns: update.newColumns })]
  }
  return addColumnSql(dialect, names, update.table, update.newColumns, staging)
}
