/**
 * @module Adding the columns normalization inferred to a schema table, as dlt's `update_table`
 * (`utils.merge_table` → `merge_columns`) does, including its column order: new columns are
 * appended, and an incomplete column (a hint without data type) that gets completed moves to the
 * end, after the columns that were completed before it.
 */

import { isCompleteColumn } from '../schema/coerce-row.js'
import type { Schema } from '../schema/schema.js'
import type { ColumnSchema, TableColumns, TableSchema } from '../schema/schema-types.js'
import { ownValue, setOwnValue } from '../util/own-property.js'

/** dlt's `new_table`: a nested table gets `parent`, a root table `write_disposition` and `resource`. */
export function newTable(name: string, parent: string, columns: TableColumns): TableSchema {
  if (parent) return { name, columns, parent }
  return { name, columns, write_disposition: 'append', resource: name }
}

/**
 * Adds `columns` to table `name` of `schema` (creating the table, as a child of `parent` if given)
 * and returns the table as it now is in the schema.
 */
export function addColumnsToTable(
  schema: Schema,
  name: string,
  parent: string,
  columns: Record<string, ColumnSchema>,
): TableSchema {
  const tables = schema.tables
  // own lookups and writes: names like `constructor` (or `__proto__` under `direct`) are data
  const table = ownValue(tables, name)
  if (!table) {
    const created = newTable(name, parent, columns)
    setOwnValue(tables, name, created)
    return created
  }
  const existing = table.columns
  for (const [columnName, column] of Object.entries(columns)) {
    const current = ownValue(existing, columnName)
    if (!current) {
      setOwnValue(existing, columnName, column)
      continue
    }
    // dlt: merge_column(copy(current), column) — the new hints override the current ones
    const merged: ColumnSchema = { ...current, ...column }
    if (isCompleteColumn(column) && !isCompleteColumn(current)) delete existing[columnName]
    setOwnValue(existing, columnName, merged)
  }
  return table
}
