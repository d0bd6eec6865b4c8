/**
 * @module Compact JSON with sorted object keys: the canonical text that content hashes are taken of.
 */
import { setOwnValue } from './own-property.js'

/** Compact JSON with object keys sorted at every level (Python's `json.dumps(sort_keys=True)`). */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(inner).sort())
      setOwnValue(sorted, key, (inner as Record<string, unknown>)[key])
    return sorted
  })
}
