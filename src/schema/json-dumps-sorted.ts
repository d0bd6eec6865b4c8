/**
 * @module dlt's `json.dumps(value, sort_keys=True)` as hashes take it: compact, keys sorted at
 * every level, values written as `jsonDumps` writes them (bigints as digits, `Date`s as Python's
 * UTC `isoformat()`, bytes as base64).
 */

import { setOwnValue } from '../util/own-property.js'
import { jsonDumps } from './coerce-value.js'

/** Compact JSON of `value` with sorted keys, as dlt hashes rows. */
export function jsonDumpsSorted(value: unknown): string {
  return jsonDumps(sortKeysDeep(value))
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep)
  if (value === null || typeof value !== 'object') return value
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    setOwnValue(out, key, sortKeysDeep((value as Record<string, unknown>)[key]))
  }
  return out
}
