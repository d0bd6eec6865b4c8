/**
 * @module Rules about column hints across a table: `dedup_sort` and `hard_delete` may each be set
 * on one column of a table only. dlt checks this when it loads (`verify_schema_merge_disposition`
 * raises `SchemaCorruptedException`: 'Found multiple "dedup_sort" column hints for table …');
 * dlt-ts checks it as soon as hints are applied and whenever a table of the schema evolves, so a
 * bad hint never reaches a load package.
 */
import { TerminalError } from '../errors/dlt-error.js'
import type { TableSchema } from './schema-types.js'

/** Column hints of which a table may have one (dlt's key, and the option users write). */
export const SINGLE_COLUMN_HINTS = [
  ['dedup_sort', 'dedupSort'],
  ['hard_delete', 'hardDelete'],
] as const

/** A dlt column hint that only one column of a table may carry. */
export type SingleColumnHint = (typeof SINGLE_COLUMN_HINTS)[number][0]

/** Several columns of one table carry a hint that only one may carry. */
export class TableHintsError extends TerminalError {
  override name = 'TableHintsError'
  readonly table: string
  /** The hint, in dlt's spelling (`dedup_sort`, `hard_delete`). */
  readonly hint: SingleColumnHint
  /** The columns that carry it, in the table's column order. */
  readonly columns: readonly string[]

  constructor(table: string, hint: SingleColumnHint, columns: readonly string[], detail?: string) {
    const option = SINGLE_COLUMN_HINTS.find(([key]) => key === hint)?.[1] ?? hint
    const names = columns.map((column) => `"${column}"`).join(', ')
    super(
      `Table "${table}": more than one column has the ${option} hint (${names}), but only one ` +
        `column of a table may have it; set ${option} on one column only` +
        (detail ? ` (${detail})` : ''),
    )
    this.table = table
    this.hint = hint
    this.columns = columns
  }
}

/**
 * Throws `TableHintsError` if more than one column of `table` carries `dedup_sort` or
 * `hard_delete` (a `false` hint does not count, as in dlt). `detail` says where the hints came
 * from when that is not obvious.
 */
export function validateColumnHints(table: TableSchema, detail?: string): void {
  for (const [hint] of SINGLE_COLUMN_HINTS) {
    const columns = columnsWithHint(table, hint)
    if (columns.length > 1) throw new TableHintsError(table.name, hint, columns, detail)
  }
}

/** The names of the columns of `table` that carry `hint` (set and not `false`). */
export function columnsWithHint(table: TableSchema, hint: SingleColumnHint): string[] {
  const names: string[] = []
  for (const column of Object.values(table.columns)) {
    const value = column[hint]
    if (value !== undefined && value !== null && value !== false) names.push(column.name)
  }
  return names
}

/** The columns of `table` that carry each single-column hint, before the table evolves. */
export function singleHintColumns(table: TableSchema): Record<SingleColumnHint, string[]> {
  return {
    dedup_sort: columnsWithHint(table, 'dedup_sort'),
    hard_delete: columnsWithHint(table, 'hard_delete'),
  }
}

/**
 * `validateColumnHints` for a table that evolved from one whose hinted columns were `earlier`:
 * the message says which columns keep a hint from an earlier run (dlt never drops such a hint, so
 * a run hinting another column makes two).
 */
export function validateEvolvedColumnHints(
  table: TableSchema,
  earlier: Record<SingleColumnHint, string[]>,
): void {
  for (const [hint] of SINGLE_COLUMN_HINTS) {
    const columns = columnsWithHint(table, hint)
    if (columns.length < 2) continue
    const kept = earlier[hint].filter((column) => columns.includes(column))
    const detail = kept.length
      ? `${kept.map((column) => `"${column}"`).join(', ')} ${kept.length > 1 ? 'have' : 'has'} ` +
        'it from an earlier run, kept in the stored schema'
      : undefined
    throw new TableHintsError(table.name, hint, columns, detail)
  }
}
