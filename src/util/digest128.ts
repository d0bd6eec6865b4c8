/**
 * @module dlt's `digest128`: the shake128 digest of a text, `length` bytes, base64 without
 * padding. Row ids (10 bytes) and incremental boundary hashes (15 bytes, dlt's default) use it.
 */
import { createHash, type Hash } from 'node:crypto'

// Copying an empty hash skips the algorithm lookup of `createHash` (~25% faster per id; the
// one-shot `crypto.hash()` is slower here). `copy()` needs the output length again.
const EMPTY_HASHES = new Map<number, { hash: Hash; options: { outputLength: number } }>()

/** base64 (no padding) of the `length`-byte shake128 digest of `text` (UTF-8). @default 15 bytes */
export function digest128(text: string, length = 15): string {
  let empty = EMPTY_HASHES.get(length)
  if (!empty) {
    const options = { outputLength: length }
    empty = { hash: createHash('shake128', options), options }
    EMPTY_HASHES.set(length, empty)
  }
  const base64 = empty.hash.copy(empty.options).update(text, 'utf8').digest('base64')
  return base64.slice(0, Math.ceil((length * 4) / 3))
}
