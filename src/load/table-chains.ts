/**
 * @module Which tables of a package are created, truncated, staged and merged: the write
 * disposition rules of dlt, decided from the schema and the package's root tables.
 */
import type { Schema } from '../schema/schema.js'
import type { TableSchema, WriteDisposition } from '../schema/schema-types.js'

/** True if the table has at least one column with a data type (dlt: a "complete" table). */
export function hasCompleteColumns(table: TableSchema): boolean {
  for (const column of Object.values(table.columns)) if (column.data_type) return true
  return false
}

/** True if a merge on this root table needs staging: a key, or a strategy that needs no key. */
export function mergeUsesStaging(root: TableSchema): boolean {
  if (root['x-merge-strategy'] === 'scd2') return true
  return Object.values(root.columns).some((column) => column.primary_key || column.merge_key)
}

/**
 * The disposition the loader applies: a table's root disposition, with `merge` on a table without
 * any key falling back to `append` as dlt does.
 */
export function effectiveDisposition(schema: Schema, tableName: string): WriteDisposition {
  const root = schema.getRootTable(tableName)
  const disposition = root.write_disposition ?? 'append'
  if (disposition === 'merge' && !mergeUsesStaging(root)) return 'append'
  return disposition
}

/** The tables of the package's root chains that exist (or will) at the destination. */
export function packageTables(schema: Schema, roots: readonly string[]): TableSchema[] {
  const out: TableSchema[] = []
  for (const root of roots) {
    if (!schema.getTable(root)) continue
    for (const table of schema.getTableChain(root)) if (hasCompleteColumns(table)) out.push(table)
  }
  return out
}
