/**
 * @module The strings of Parquet's PLAIN byte arrays, read where they lie: each value's UTF-8
 * bytes follow its length (4 bytes, little-endian).
 */

const UTF8 = new TextDecoder()

/** The length of the byte array whose bytes start at `at` (in the 4 bytes before it). */
export function utf8Length(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at - 4]! | (bytes[at - 3]! << 8) | (bytes[at - 2]! << 16) | (bytes[at - 1]! << 24)) >>> 0
  )
}

/** The string of the byte array starting at `at`, decoded as hyparquet decodes it (`TextDecoder`). */
export function utf8At(bytes: Uint8Array, at: number): string {
  return UTF8.decode(bytes.subarray(at, at + utf8Length(bytes, at)))
}
