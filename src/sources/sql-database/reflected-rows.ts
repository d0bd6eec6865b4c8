/**
 * @module Reflection query results (one row per column, one per key column) grouped into
 * `SqlTableSchema`s, in the order the tables were asked for — what both drivers' reflection ends
 * with.
 */
import type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'

/** A column of a table, as a reflection query found it. */
export interface ReflectedColumnRow {
  readonly table: string
  readonly column: SqlColumn
}

/** A primary key column of a table, in key order. */
export interface ReflectedKeyRow {
  readonly table: string
  readonly column: string
}

/** The tables of `names` that have columns, with their columns and keys in the order found. */
export function tablesFromRows(
  schema: string,
  names: readonly string[],
  columns: readonly ReflectedColumnRow[],
  keys: readonly ReflectedKeyRow[],
): SqlTableSchema[] {
  const tables = new Map<string, SqlTableSchema>()
  for (const { table: name, column } of columns) {
    let table = tables.get(name)
    if (!table) {
      table = { schema, name, columns: [], primaryKey: [] }
      tables.set(name, table)
    }
    table.columns.push(column)
  }
  for (const key of keys) tables.get(key.table)?.primaryKey.push(key.column)
  return names.flatMap((name) => tables.get(name) ?? [])
}
