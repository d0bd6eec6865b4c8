/**
 * @module Nested state objects: get a child object, creating it on first use.
 */

/** `parent[key]` as an object, set to `{}` first when it is missing. */
export function childObject(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  let child = parent[key] as Record<string, unknown> | undefined
  if (child === undefined || child === null || typeof child !== 'object') {
    child = {}
    parent[key] = child
  }
  return child
}
