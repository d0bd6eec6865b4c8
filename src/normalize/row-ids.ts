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
const ID_CHARS = 14
const POOL_IDS = 4096

let pool = Buffer.alloc(0)
let poolOffset = 0

/** A random row id: base64 of 10 random bytes, padding stripped (dlt's `generate_dlt_id`). */
export function generateDltId(): string {
  if (poolOffset >= pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_IDS * DLT_ID_LENGTH_BYTES))
    poolOffset = 0
  }
  const start = poolOffset
  poolOffset += DLT_ID_LENGTH_BYTES
  return pool.toString('base64', start, poolOffset).slice(0, ID_CHARS)
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
