/**
 * @module Encodes a normalized row as one JSON line of a loader file.
 *
 * The value encodings every destination reads (see `destinations/duckdb/duckdb-client.ts`):
 * `bigint` values as a string of digits (JSON has no 64-bit integers), `Uint8Array` as base64,
 * `Date` as an ISO-8601 string; everything else as plain JSON.
 */

/** One JSON line (no newline) for `row`. */
export function encodeRow(row: Record<string, unknown>): string {
  // bigint and bytes, also inside json values, need the replacer; a Date has toJSON
  return JSON.stringify(row, hasSpecialValue(row) ? replaceSpecialValues : undefined)
}

/** Characters a JSON string must escape (and surrogates, which `JSON.stringify` checks). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** One value as `encodeRow` writes it inside a row (not `undefined`). */
export function encodeJsonValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // most strings need no escaping: a regex test and a concat beat JSON.stringify by ~40 %
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`
    case 'number':
      return Number.isFinite(value) ? `${value}` : 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return `"${value}"`
    default:
      if (value instanceof Uint8Array) return `"${base64(value)}"`
      // the replacer makes JSON.stringify ~3x slower: only values holding bigint or bytes need it
      return (
        JSON.stringify(value, hasSpecialValue(value) ? replaceSpecialValues : undefined) ?? 'null'
      )
  }
}

/** True if `value` is or holds a `bigint` or a `Uint8Array` (which plain JSON cannot write). */
function hasSpecialValue(value: unknown): boolean {
  if (typeof value === 'bigint') return true
  if (value === null || typeof value !== 'object') return false
  if (value instanceof Uint8Array) return true
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasSpecialValue(value[i])) return true
    return false
  }
  for (const key in value) if (hasSpecialValue((value as Record<string, unknown>)[key])) return true
  return false
}

/** Base64 of the bytes, without copying them first. */
function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

function replaceSpecialValues(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return base64(value)
  return value
}
