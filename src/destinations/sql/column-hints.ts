/**
 * @module Column lookups by hint, as dlt's `get_columns_names_with_prop` does them: only
 * *complete* columns (those with a `data_type`) count, and a hint counts when it is set to a
 * non-default value (`true` for flags, any value for `dedup_sort` and `x-…` hints other than
 * `false`/`undefined`).
 */
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'

/** Names of column hints looked up by the SQL layer. */
export type ColumnHintName =
  | 'primary_key'
  | 'merge_key'
  | 'row_key'
  | 'parent_key'
  | 'root_key'
  | 'unique'
  | 'hard_delete'
  | 'dedup_sort'
  | `x-${string}`

/** The columns that have a data type, in schema order (dlt skips incomplete columns in DDL). */
export function completeColumns(table: TableSchema): ColumnSchema[] {
  return Object.values(table.columns).filter((column) => column.data_type !== undefined)
}

/** Names of the complete columns of `table` with `hint` set, in schema order. */
export function columnsWithHint(table: TableSchema, hint: ColumnHintName): string[] {
  return completeColumns(table)
    .filter((column) => {
      const value = (column as unknown as Record<string, unknown>)[hint]
      return value !== undefined && value !== false && (value !== null || hint.startsWith('x-'))
    })
    .map((column) => column.name)
}

/** The first complete column of `table` with `hint` set, if any. */
export function firstColumnWithHint(table: TableSchema, hint: ColumnHintName): string | undefined {
  return columnsWithHint(table, hint)[0]
}
