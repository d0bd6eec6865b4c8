/**
 * @module Reflection of the tables to read: every named table must exist (else
 * `SqlTableNotFoundError` names the missing ones and lists what the schema has), then the table
 * adapters run — `includedColumns` / `excludedColumns` first, as dlt's default adapter, then the
 * user's `tableAdapterCallback`.
 */

import { SqlTableNotFoundError } from './sql-database-errors.js'
import type { SqlTableOptions } from './sql-database-options.js'
import type { SqlSourceConnection } from './sql-source-connection.js'
import { copyTableSchema, type SqlTableSchema } from './sql-table-schema.js'

/** The tables `names` of `schema`, in the order given. */
export async function reflectTables(
  connection: SqlSourceConnection,
  schema: string,
  names: readonly string[],
  database: string,
): Promise<SqlTableSchema[]> {
  const tables = await connection.reflect(schema, names)
  const found = new Set(tables.map((table) => table.name))
  const missing = names.filter((name) => !found.has(name))
  if (missing.length > 0) {
    const available = await connection.listTables(schema, true)
    throw new SqlTableNotFoundError(schema, missing, available, database)
  }
  return tables
}

/** `table` after the column selection and the user's adapter. */
export function adaptTable(
  table: SqlTableSchema,
  options: Pick<SqlTableOptions, 'includedColumns' | 'excludedColumns' | 'tableAdapterCallback'>,
): SqlTableSchema {
  let adapted = copyTableSchema(table)
  const { includedColumns, excludedColumns, tableAdapterCallback } = options
  for (const [option, names] of [
    ['includedColumns', includedColumns],
    ['excludedColumns', excludedColumns],
  ] as const) {
    const unknown = (names ?? []).filter((name) => !table.columns.some((c) => c.name === name))
    if (unknown.length > 0) {
      throw new TypeError(
        `\`${option}\` of table "${table.name}" names columns it does not have: ${unknown.join(', ')}; its columns are ${table.columns.map((c) => c.name).join(', ')}`,
      )
    }
  }
  if (includedColumns !== undefined) {
    adapted.columns = adapted.columns.filter((column) => includedColumns.includes(column.name))
  }
  if (excludedColumns !== undefined) {
    adapted.columns = adapted.columns.filter((column) => !excludedColumns.includes(column.name))
  }
  if (tableAdapterCallback) adapted = tableAdapterCallback(adapted) ?? adapted
  if (adapted.columns.length === 0) {
    throw new TypeError(
      `Table "${table.name}" has no columns left to read after \`includedColumns\`, \`excludedColumns\` and \`tableAdapterCallback\``,
    )
  }
  return adapted
}
