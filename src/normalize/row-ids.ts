/**
 * @module Row ids (`_dlt_id`) as dlt makes them (`dlt/common/normalizers/utils.py`,
 * `dlt/common/normalizers/json/helpers.py`): random for root rows, a hash of parent id, table
 * and list position for nested rows, and hashes of the key or of the whole row for `upsert` and
 * `scd2` merge tables.
 */
import { randomFillSync } from 'node:crypto'
import { jsonDumpsSorted } from '../schema/json-dumps-sorted.js'
import { digest128 } from '../util/digest128.js'
import { ownValue, setOwnValue } from '../util/own-property.js'

/** dlt's `DLT_ID_LENGTH_BYTES`: ids are 10 bytes, 14 base64 characters without padding. */
export const DLT_ID_LENGTH_BYTES = 10
const POOL_IDS = 4096
const BASE64_CODES = Uint8Array.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  (char) => char.charCodeAt(0),
)

let pool = Buffer.alloc(0)
let poolOffset = 0

/** Takes the next 10 random bytes of the pool: `pool[at..at + 10)`. */
function takeIdBytes(): number {
  if (poolOffset >= pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_IDS * DLT_ID_LENGTH_BYTES))
    poolOffset = 0
  }
  const at = poolOffset
  poolOffset += DLT_ID_LENGTH_BYTES
  return at
}

/**
 * A random row id: base64 of 10 random bytes, padding stripped (dlt's `generate_dlt_id`). Its 14
 * characters are made here from the bytes: half the cost of `Buffer#toString('base64')` and a
 * slice, whose id is also slower to copy into a loader line (a sliced string).
 */
export function generateDltId(): string {
  const at = takeIdBytes()
  const b = pool
  const c = BASE64_CODES
  const x = (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!
  const y = (b[at + 3]! << 16) | (b[at + 4]! << 8) | b[at + 5]!
  const z = (b[at + 6]! << 16) | (b[at + 7]! << 8) | b[at + 8]!
  const last = b[at + 9]!
  return String.fromCharCode(
    c[x >> 18]!,
    c[(x >> 12) & 0x3f]!,
    c[(x >> 6) & 0x3f]!,
    c[x & 0x3f]!,
    c[y >> 18]!,
    c[(y >> 12) & 0x3f]!,
    c[(y >> 6) & 0x3f]!,
    c[y & 0x3f]!,
    c[z >> 18]!,
    c[(z >> 12) & 0x3f]!,
    c[(z >> 6) & 0x3f]!,
    c[z & 0x3f]!,
    c[last >> 2]!,
    c[(last & 0x03) << 4]!, // the last byte's 2 low bits and 4 zero bits, as base64 pads
  )
}

/** `generateDltId()`'s 14 characters written as ASCII bytes into `out` from `at`, without the string. */
export function writeDltId(out: Uint8Array, at: number): void {
  const from = takeIdBytes()
  const b = pool
  const c = BASE64_CODES
  for (let i = 0; i < 9; i += 3) {
    const x = (b[from + i]! << 16) | (b[from + i + 1]! << 8) | b[from + i + 2]!
    const to = at + (i / 3) * 4
    out[to] = c[x >> 18]!
    out[to + 1] = c[(x >> 12) & 0x3f]!
    out[to + 2] = c[(x >> 6) & 0x3f]!
    out[to + 3] = c[x & 0x3f]!
  }
  const last = b[from + 9]!
  out[at + 12] = c[last >> 2]!
  out[at + 13] = c[(last & 0x03) << 4]!
}

/** Id of a nested row: `digest128("<parent id>_<table>_<list index>")` (dlt's `get_nested_row_hash`). */
export function nestedRowId(parentRowId: string, table: string, listIndex: number): string {
  return digest128(`${parentRowId}_${table}_${listIndex}`, DLT_ID_LENGTH_BYTES)
}

/**
 * dlt's `get_row_hash`: hash of the row's JSON with sorted keys, either of the `subset` columns
 * (`upsert`: the primary key) or of every non-`_dlt` key (`scd2` row versions).
 */
export function rowHash(
  row: Readonly<Record<string, unknown>>,
  subset?: readonly string[],
): string {
  const picked: Record<string, unknown> = {}
  if (subset) {
    for (const key of subset) setOwnValue(picked, key, ownValue(row, key))
  } else {
    for (const key in row) if (!key.startsWith('_dlt')) setOwnValue(picked, key, row[key])
  }
  return digest128(jsonDumpsSorted(picked), DLT_ID_LENGTH_BYTES)
}
