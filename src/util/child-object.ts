/**
 * @module Nested state objects: get a child object, creating it on first use.
 */
import { ownValue, setOwnValue } from './own-property.js'

/**
 * `parent[key]` as an object, set to `{}` first when it is missing. Only own properties count, so
 * that keys such as `constructor` or `__proto__` (resource and source names) are ordinary keys.
 */
export function childObject(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  let child = ownValue(parent, key) as Record<string, unknown> | undefined
  if (child === undefined || child === null || typeof child !== 'object') {
    child = {}
    setOwnValue(parent, key, child)
  }
  return child
}
