/**
 * @module Encodes an extracted item as its line of typed JSON, refusing what is not data.
 *
 * The common item is plain JSON data (objects, arrays, strings, finite numbers, booleans, null):
 * one quick walk checks that, with no paths and no set of ancestors, and the native
 * `JSON.stringify` writes it. An item holding a `Date`, `bigint`, bytes or a string that starts
 * with a typed-JSON prefix character is written by a walk of its own here (with the quick walk,
 * about twice as fast as `validateItem` and `JSON.stringify` with a replacer). Only an item the
 * quick walk cannot pass (something that is not data, or nesting deeper than it follows: maybe a
 * circular reference) goes through `validateItem`, which names the table and the path of the
 * value in its error. The lines are byte for byte those of `validateItem` followed by
 * `encodeTypedJson` or `JSON.stringify`.
 */
import { encodeTypedJson, isTypedJsonPrefixed, TYPED_JSON_PREFIX } from '../storage/typed-json.js'
import { encodeJsonValue } from '../storage/writers/encode-row.js'
import { InvalidItemError, validateItem } from './validate-item.js'

/** What the quick walk found: plain JSON, typed values, or something for `validateItem`. */
const PLAIN = 0
const TYPED = 1
const CHECK = 2
type Kind = typeof PLAIN | typeof TYPED | typeof CHECK

// deeper nesting than this is rare in data and certain in a circular reference: the exact check
// tells the two apart
const MAX_QUICK_DEPTH = 64

/**
 * The line of typed JSON (no newline) for `item`, going to `table`. Throws `InvalidItemError`
 * (naming `table` and the path of the value) if the item holds a function, a symbol, a number
 * that is not finite, an invalid `Date`, an instance of a class, or a circular reference.
 */
export function encodeItem(item: unknown, table: string): string {
  const kind = scan(item, 0)
  if (kind === PLAIN && item !== undefined) return JSON.stringify(item)
  if (kind === TYPED) return encodeTyped(item)!
  // throws for anything that is not data; an item that is only deep is encoded as before
  const line = validateItem(item, table) ? encodeTypedJson(item) : JSON.stringify(item)
  if (line === undefined) throw new InvalidItemError(table, '', 'an item cannot be undefined')
  return line
}

function scan(value: unknown, depth: number): Kind {
  switch (typeof value) {
    case 'string':
      return isTypedJsonPrefixed(value) ? TYPED : PLAIN
    case 'number':
      return Number.isFinite(value) ? PLAIN : CHECK
    case 'boolean':
    case 'undefined':
      return PLAIN
    case 'bigint':
      return TYPED
    case 'object':
      break
    default:
      return CHECK
  }
  if (value === null) return PLAIN
  if (depth === MAX_QUICK_DEPTH) return CHECK
  let kind: Kind = PLAIN
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = scan(value[i], depth + 1)
      if (found === CHECK) return CHECK
      if (found === TYPED) kind = TYPED
    }
    return kind
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? CHECK : TYPED
    return value instanceof Uint8Array ? TYPED : CHECK
  }
  for (const key in value) {
    const found = scan((value as Record<string, unknown>)[key], depth + 1)
    if (found === CHECK) return CHECK
    if (found === TYPED) kind = TYPED
  }
  return kind
}

/**
 * Typed JSON of a value `scan` passed (so: data, not circular), as `encodeTypedJson` writes it;
 * undefined for `undefined` (left out of objects, `null` in arrays, as JSON does).
 */
function encodeTyped(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return encodeJsonValue(isTypedJsonPrefixed(value) ? TYPED_JSON_PREFIX.escape + value : value)
    case 'number':
      return `${value}`
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return `"${TYPED_JSON_PREFIX.bigint}${value}"`
    case 'undefined':
      return undefined
  }
  if (value === null) return 'null'
  if (Array.isArray(value)) {
    let line = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) line += ','
      line += encodeTyped(value[i]) ?? 'null'
    }
    return `${line}]`
  }
  if (value instanceof Date) return `"${TYPED_JSON_PREFIX.date}${value.toISOString()}"`
  if (value instanceof Uint8Array) {
    const base64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
    return `"${TYPED_JSON_PREFIX.bytes}${base64}"`
  }
  let line = '{'
  let separator = ''
  // own keys, as JSON.stringify takes them (`for…in` would add enumerable inherited ones)
  for (const key of Object.keys(value as object)) {
    const encoded = encodeTyped((value as Record<string, unknown>)[key])
    if (encoded === undefined) continue
    line += separator + encodeKey(key) + encoded
    separator = ','
  }
  return `${line}}`
}

// items of a table repeat their keys: escaping each once saves a regex test per key and item
const encodedKeys = new Map<string, string>()
const MAX_ENCODED_KEYS = 10_000

/** `"key":` */
function encodeKey(key: string): string {
  let encoded = encodedKeys.get(key)
  if (encoded === undefined) {
    encoded = `${encodeJsonValue(key)}:`
    if (encodedKeys.size < MAX_ENCODED_KEYS) encodedKeys.set(key, encoded)
  }
  return encoded
}
