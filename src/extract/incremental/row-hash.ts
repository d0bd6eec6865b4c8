/**
 * @module The boundary de-duplication hashes: dlt's `digest128` (shake128, 15 bytes, base64
 * without padding) of the sorted-key compact JSON of a row's primary key values, or of the whole
 * row when there is no key.
 */
import { createHash } from 'node:crypto'

/** dlt's `digest128`: base64 (no padding) of the 15-byte shake128 digest of `text` as UTF-8. */
export function digest128(text: string): string {
  return createHash('shake128', { outputLength: 15 })
    .update(text, 'utf8')
    .digest('base64')
    .replace(/=+$/, '')
}

/**
 * The hash that identifies `row` at the cursor boundary (dlt's `compute_unique_value`): of the
 * primary key value (one column) or list of values (several), else of the whole row.
 * Throws `KeyMissing` when a key column is absent, so the caller can say which.
 */
export function rowHash(row: unknown, primaryKey: readonly string[] | undefined): string {
  if (primaryKey === undefined) return digest128(canonicalJson(row))
  const values = primaryKey.map((column) => {
    const record = row as Record<string, unknown> | null
    if (typeof record !== 'object' || record === null || record[column] === undefined)
      throw new KeyMissing(column)
    return record[column]
  })
  return digest128(canonicalJson(values.length === 1 ? values[0] : values))
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

/**
 * Compact JSON with sorted keys, as dlt's `json.dumps(..., sort_keys=True)` writes it: bigints as
 * digits, `Date`s as Python's `isoformat()` of a UTC datetime (`2024-01-01T10:00:00+00:00`).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'bigint':
      return value.toString()
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null'
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'object':
      break
    default:
      return 'null'
  }
  if (value instanceof Date) return `"${pythonIsoFormat(value)}"`
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const record = value as Record<string, unknown>
  const toJson = (record as { toJSON?: unknown }).toJSON
  if (typeof toJson === 'function') return canonicalJson(toJson.call(record))
  const parts: string[] = []
  for (const key of Object.keys(record).sort()) {
    const inner = record[key]
    if (inner === undefined || typeof inner === 'function' || typeof inner === 'symbol') continue
    parts.push(`${JSON.stringify(key)}:${canonicalJson(inner)}`)
  }
  return `{${parts.join(',')}}`
}

function pythonIsoFormat(date: Date): string {
  const iso = date.toISOString()
  const ms = date.getUTCMilliseconds()
  // Python writes microseconds only when there are some.
  return `${iso.slice(0, 19)}${ms === 0 ? '' : `.${String(ms * 1000).padStart(6, '0')}`}+00:00`
}
