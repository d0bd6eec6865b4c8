/**
 * @module What a schema update created or altered at a destination that keeps no DDL (files, a
 * custom function): the difference between the schema stored before and the one being loaded,
 * as dlt's `JobClientBase.update_stored_schema` reports it.
 */
import type { Schema } from '../../schema/schema.js'
import type { StoredSchema, TableSchema } from '../../schema/schema-types.js'
import type { SchemaMigration } from '../destination.js'

const completeColumnNames = (table: TableSchema | undefined): string[] =>
  table
    ? Object.values(table.columns)
        .filter((c) => c.data_type !== undefined)
        .map((c) => c.name)
    : []

/** Data tables of `tableNames` that are new since `previous`, and their new columns. */
export function diffSchemas(
  previous: StoredSchema | undefined,
  schema: Schema,
  tableNames: readonly string[],
): SchemaMigration {
  const createdTables: string[] = []
  const addedColumns: { table: string; column: string }[] = []
  for (const name of tableNames) {
    if (name.startsWith('_dlt_')) continue
    const columns = completeColumnNames(schema.getTable(name))
    const before = new Set(completeColumnNames(previous?.tables[name]))
    if (columns.length === 0) continue
    if (before.size === 0) createdTables.push(name)
    else {
      for (const column of columns) {
        if (!before.has(column)) addedColumns.push({ table: name, column })
      }
    }
  }
  return { createdTables, addedColumns }
}
