/**
 * @module The boundary de-duplication hashes: dlt's `digest128` (shake128, 15 bytes, base64
 * without padding) of the sorted-key compact JSON of a row's primary key values, or of the whole
 * row when there is no key.
 */
import { jsonDumpsSorted } from '../../schema/json-dumps-sorted.js'
import { digest128 } from '../../util/digest128.js'
import { ownValue } from '../../util/own-property.js'

/**
 * The hash that identifies `row` at the cursor boundary (dlt's `compute_unique_value`): of the
 * primary key value (one column) or list of values (several), else of the whole row.
 * Throws `KeyMissing` when a key column is absent, so the caller can say which.
 */
export function rowHash(row: unknown, primaryKey: readonly string[] | undefined): string {
  if (primaryKey === undefined) return digest128(jsonDumpsSorted(row))
  const values = primaryKey.map((column) => {
    const record = row as Record<string, unknown> | null
    // own keys only: a key column may be named `constructor`
    const value =
      typeof record === 'object' && record !== null ? ownValue(record, column) : undefined
    if (value === undefined) throw new KeyMissing(column)
    return value
  })
  return digest128(jsonDumpsSorted(values.length === 1 ? values[0] : values))
}

/** Thrown by `rowHash` when a primary key column is not in the row. @internal */
export class KeyMissing extends Error {
  override name = 'KeyMissing'
  readonly column: string
  constructor(column: string) {
    super(`primary key column ${column} is missing`)
    this.column = column
  }
}
