/**
 * @module Checks that an item is data before it is written: JSON would silently drop functions and
 * symbols, and loop on circular references, so they are refused here with the path of the value.
 */
import { TerminalError } from '../errors/dlt-error.js'
import { isTypedJsonPrefixed } from '../storage/typed-json.js'

/** An item that holds something that is not data. */
export class InvalidItemError extends TerminalError {
  override name = 'InvalidItemError'
  readonly table: string
  readonly path: string

  constructor(table: string, path: string, problem: string) {
    super(
      `Invalid item for table "${table}" at \`${path || '<item>'}\`: ${problem}. ` +
        'Items must be plain objects, arrays, strings, numbers, booleans, null, bigint, Date or Uint8Array; convert the value (e.g. to a string or a plain object) in your resource before yielding it.',
    )
    this.table = table
    this.path = path
  }
}

/**
 * Throws `InvalidItemError` if `item` holds a value that cannot be loaded. Returns true if the item
 * holds a value plain JSON cannot carry (a `Date`, `bigint`, bytes, or a string starting with a
 * typed-JSON prefix character), so the caller knows when the slower typed encoding is needed.
 */
export function validateItem(item: unknown, table: string): boolean {
  return visit(item, table, '', new Set())
}

function visit(value: unknown, table: string, path: string, ancestors: Set<object>): boolean {
  switch (typeof value) {
    case 'string':
      return isTypedJsonPrefixed(value)
    case 'boolean':
    case 'undefined':
      return false
    case 'bigint':
      return true
    case 'number':
      if (!Number.isFinite(value)) {
        throw new InvalidItemError(table, path, `${value} is not a finite number`)
      }
      return false
    case 'function':
      throw new InvalidItemError(table, path, 'a function is not data')
    case 'symbol':
      throw new InvalidItemError(table, path, 'a symbol is not data')
  }
  if (value === null) return false
  const object = value as object
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new InvalidItemError(table, path, 'invalid Date')
    return true
  }
  if (object instanceof Uint8Array) return true
  if (ancestors.has(object)) throw new InvalidItemError(table, path, 'circular reference')
  ancestors.add(object)
  let typed = false
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) {
      if (visit(object[i], table, `${path}[${i}]`, ancestors)) typed = true
    }
  } else {
    const proto = Object.getPrototypeOf(object)
    if (proto !== Object.prototype && proto !== null) {
      const kind = (object as { constructor?: { name?: string } }).constructor?.name ?? 'unknown'
      throw new InvalidItemError(table, path, `an instance of class ${kind} is not a plain object`)
    }
    for (const key in object) {
      const child = (object as Record<string, unknown>)[key]
      if (visit(child, table, path ? `${path}.${key}` : key, ancestors)) typed = true
    }
  }
  ancestors.delete(object)
  return typed
}
