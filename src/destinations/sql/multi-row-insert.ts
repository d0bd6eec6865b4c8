/**
 * @module Multi-row `INSERT … VALUES (…), (…)` statements from the rows of a loader file (dlt's
 * `insert_values` way of loading), each at most `maxLength` characters long so that it fits the
 * server's packet limit, with values written as literals by the destination's per-column
 * encoders: the server parses each statement once and holds no prepared statement per row.
 */

/** One multi-row `INSERT` and the number of rows it inserts. */
export interface InsertStatement {
  readonly sql: string
  readonly rows: number
}

/** How `multiRowInserts` writes rows. */
export interface MultiRowInsertSpec {
  /** `INSERT INTO target (columns) VALUES `, quoted already. */
  readonly head: string
  /** The row keys, in column order; a missing key inserts NULL. */
  readonly keys: readonly string[]
  /** Per key: a non-null value as a SQL literal. */
  readonly encoders: readonly ((value: unknown) => string)[]
  /** The longest statement, in characters (a single longer row makes a statement of its own). */
  readonly maxLength: number
}

/** The `INSERT` statements for `rows`. */
export async function* multiRowInserts(
  spec: MultiRowInsertSpec,
  rows: AsyncIterable<Record<string, unknown>>,
): AsyncGenerator<InsertStatement> {
  const { head, keys, encoders, maxLength } = spec
  let values = ''
  let count = 0
  for await (const row of rows) {
    let tuple = count === 0 ? '(' : ',('
    for (let i = 0; i < keys.length; i++) {
      const value = row[keys[i]!]
      if (i > 0) tuple += ','
      tuple += value === null || value === undefined ? 'NULL' : encoders[i]!(value)
    }
    tuple += ')'
    if (count > 0 && head.length + values.length + tuple.length > maxLength) {
      yield { sql: head + values, rows: count }
      values = tuple.slice(1)
      count = 1
    } else {
      values += tuple
      count++
    }
  }
  if (count > 0) yield { sql: head + values, rows: count }
}
