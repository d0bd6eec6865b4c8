/**
 * @module Byte-level helper of the CSV fast path: a field copied into a JSON string with
 * JSON.stringify's escapes (whether a field is a number: `util/json-number-bytes.ts`). Working on
 * the file's bytes spares a JavaScript string per field.
 */

/** JSON.stringify's escape of each byte below 0x20, and of `"` and `\`. */
const ESCAPES: readonly (Uint8Array | undefined)[] = Array.from({ length: 0x60 }, (_, byte) =>
  byte < 0x20 || byte === 0x22 || byte === 0x5c
    ? Buffer.from(JSON.stringify(String.fromCharCode(byte)).slice(1, -1), 'latin1')
    : undefined,
)

/**
 * Writes `bytes[start..end)` into `out` at `at` as the inside of a JSON string, escaping as
 * JSON.stringify does; with `quote` >= 0 a doubled quote byte is one quote (RFC 4180). Returns
 * where the writing ended. `out` must have room for 6 bytes per input byte.
 */
export function writeJsonStringBody(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
  quote: number,
): number {
  let o = at
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!
    if (byte === quote) i++
    const escaped = byte < 0x60 ? ESCAPES[byte] : undefined
    if (escaped === undefined) out[o++] = byte
    else for (let k = 0; k < escaped.length; k++) out[o++] = escaped[k]!
  }
  return o
}
