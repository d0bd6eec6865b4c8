/**
 * @module MySQL's and MariaDB's `information_schema` queries of the source: tables of a database,
 * their columns and primary keys, and MariaDB's JSON columns (a `longtext` with a
 * `json_valid(<column>)` check; MySQL has a native JSON type).
 */
import type { SqlColumn } from './sql-table-schema.js'

/** Tables of database `?` whose TABLE_TYPE is in `?`, by name. */
export const MYSQL_TABLES_SQL =
  'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN (?) ORDER BY TABLE_NAME'

/** TABLE_TYPEs of tables and of views. */
export const MYSQL_TABLE_TYPES = ['BASE TABLE', 'SYSTEM VERSIONED'] as const
export const MYSQL_VIEW_TYPES = ['VIEW'] as const

/** Columns of the tables `?` of database `?`, in table and column order. */
export const MYSQL_COLUMNS_SQL = `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
    DATA_TYPE AS db_type, COLUMN_TYPE AS column_type, IS_NULLABLE AS nullable,
    CHARACTER_MAXIMUM_LENGTH AS length, NUMERIC_PRECISION AS \`precision\`, NUMERIC_SCALE AS scale
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?)
  ORDER BY TABLE_NAME, ORDINAL_POSITION`

/** Primary key columns of the tables `?` of database `?`, in key order. */
export const MYSQL_KEYS_SQL = `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name
  FROM information_schema.KEY_COLUMN_USAGE
  WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) AND CONSTRAINT_NAME = 'PRIMARY'
  ORDER BY TABLE_NAME, ORDINAL_POSITION`

/** Check constraints of the tables `?` of database `?` (MySQL 8.0.16+, MariaDB 10.2+). */
export const MYSQL_CHECKS_SQL = `SELECT TABLE_NAME AS table_name, CHECK_CLAUSE AS clause
  FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME IN (?)`

const DECIMAL_TYPES = new Set(['decimal', 'numeric'])
const LENGTH_TYPES = new Set(['char', 'varchar', 'binary', 'varbinary'])

/** A row of `MYSQL_COLUMNS_SQL` as a column: decimal precision and scale, lengths. */
export function mysqlColumn(row: Record<string, unknown>): SqlColumn {
  const dbType = String(row['db_type']).toLowerCase()
  const column: SqlColumn = {
    name: String(row['column_name']),
    dbType,
    columnType: String(row['column_type']),
    nullable: row['nullable'] === 'YES',
  }
  if (DECIMAL_TYPES.has(dbType)) {
    if (row['precision'] != null) column.precision = Number(row['precision'])
    if (row['scale'] != null) column.scale = Number(row['scale'])
  }
  if (LENGTH_TYPES.has(dbType) && row['length'] != null) column.length = Number(row['length'])
  return column
}

/** `table.column` of each column a row of `MYSQL_CHECKS_SQL` checks with `json_valid`. */
export function jsonCheckedColumns(rows: readonly Record<string, unknown>[]): Set<string> {
  const found = new Set<string>()
  for (const row of rows) {
    const match = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(String(row['clause']).trim())
    if (match) found.add(`${String(row['table_name'])}.${match[1]!.replaceAll('``', '`')}`)
  }
  return found
}
