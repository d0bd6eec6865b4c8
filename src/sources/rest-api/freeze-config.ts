/**
 * @module Intake of a config: a deep copy of its plain objects and lists, frozen, so neither the
 * caller's later changes nor anything downstream can alter the config a source was made from.
 * Functions and class instances (paginators, auths) are kept as they are.
 */
import { isPlainObject } from './config-shape/validate-shape.js'

/** A frozen deep copy of the plain parts of `value`. */
export function freezeConfig<T>(value: T): T {
  return copy(value, new Set()) as T
}

function copy(value: unknown, path: Set<unknown>): unknown {
  if (!Array.isArray(value) && !isPlainObject(value)) return value
  if (path.has(value)) throw new TypeError('The REST API config must not contain cycles')
  path.add(value)
  const result = Array.isArray(value)
    ? value.map((item) => copy(item, path))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item, path)]))
  path.delete(value)
  return Object.freeze(result)
}
