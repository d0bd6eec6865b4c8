/**
 * @module SQLite's catalog as the source reads it: tables and views from `sqlite_master`, columns
 * from `PRAGMA table_info` — the declared type (`VARCHAR(20)`, `NUMERIC(10, 2)`) split into its
 * name, length, precision and scale, `NOT NULL`, and the position in the primary key.
 */
import { quoteIdentifier } from './sql-literal.js'
import type { SqlColumn } from './sql-table-schema.js'

/** Tables (and views, with `includeViews`) of `schema` (`main`, or an attached database). */
export function sqliteTablesSql(schema: string, includeViews: boolean): string {
  const types = includeViews ? "'table', 'view'" : "'table'"
  return `SELECT name FROM ${quoteIdentifier(schema, 'sqlite')}.sqlite_master WHERE type IN (${types}) AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`
}

/** The columns of `table` in `schema`: one row per column (cid, name, type, notnull, pk). */
export function sqliteColumnsSql(schema: string, table: string): string {
  return `PRAGMA ${quoteIdentifier(schema, 'sqlite')}.table_info(${quoteIdentifier(table, 'sqlite')})`
}

/** A `PRAGMA table_info` row as a column. */
export function sqliteColumn(row: Record<string, unknown>): SqlColumn {
  const declared = String(row['type'] ?? '').trim()
  const match = /^([^(]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/.exec(declared)
  const dbType = (match?.[1] ?? declared).toLowerCase()
  const first = match?.[2] === undefined ? undefined : Number(match[2])
  const second = match?.[3] === undefined ? undefined : Number(match[3])
  const column: SqlColumn = {
    name: String(row['name']),
    dbType,
    columnType: declared,
    nullable: Number(row['notnull']) === 0 && Number(row['pk']) === 0,
  }
  if (first !== undefined) {
    if (/dec|num/.test(dbType)) {
      column.precision = first
      if (second !== undefined) column.scale = second
    } else if (/char|text|binary|blob/.test(dbType)) {
      column.length = first
    }
  }
  return column
}

/** The primary key columns of `table_info` rows, in key order. */
export function sqlitePrimaryKey(rows: readonly Record<string, unknown>[]): string[] {
  return rows
    .filter((row) => Number(row['pk']) > 0)
    .sort((a, b) => Number(a['pk']) - Number(b['pk']))
    .map((row) => String(row['name']))
}
