/**
 * @module JSON written as UTF-8 bytes straight into a buffer: the bytes `encodeJsonValue`
 * (`encode-row.ts`) gives once encoded as UTF-8, without the string. A loader line assembled
 * this way allocates nothing for its ASCII text, numbers, bytes and plain `json` values; only
 * what is rare (escapes, non-ASCII text, `bigint`, Dates) goes through a string first.
 *
 * Each function writes at `at` and returns the offset after what it wrote, or -1 when that would
 * pass `limit` (the caller retries with more room; what was written below `limit` is garbage).
 */
import { isTypedJsonPrefixed } from '../typed-json.js'
import { encodeJsonValue } from './encode-row.js'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c
const COLON = 0x3a
const MINUS = 0x2d
const POINT = 0x2e
const DIGIT_0 = 0x30
const BASE64_CHARS = Buffer.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  'latin1',
)
const BASE64_PAD = 0x3d
/**
 * Strings from this length are checked by a regular expression and copied by Node: for short
 * ones, the check-and-copy loop is faster (21 characters: 60 vs 76 ns; 57: 130 vs 100 ns).
 */
const NATIVE_STRING_LENGTH = 40
/** Any character a JSON string must escape, or that is not ASCII. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const NOT_PLAIN_ASCII = /[\u0000-\u001f"\\\u0080-\uffff]/
/** Byte arrays from this length are base64-encoded by Node (one native call beats the loop). */
const NATIVE_BASE64_BYTES = 256

/** `text` as it is (already JSON, e.g. a pre-encoded `"name":` key or a number), as UTF-8. */
export function writeText(buffer: Buffer, at: number, limit: number, text: string): number {
  const length = text.length
  if (at + length > limit) return -1
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) return writeUtf8(buffer, at, limit, text)
    buffer[at + i] = code
  }
  return at + length
}

/** A string as a JSON string (quoted, escaped as `JSON.stringify` escapes it). */
export function writeJsonString(buffer: Buffer, at: number, limit: number, text: string): number {
  const length = text.length
  // the shortest form: ASCII that needs no escape
  if (at + length + 2 > limit) return -1
  if (length >= NATIVE_STRING_LENGTH) {
    if (NOT_PLAIN_ASCII.test(text)) return writeText(buffer, at, limit, encodeJsonValue(text))
    buffer[at] = QUOTE
    const end = at + 1 + buffer.write(text, at + 1, 'latin1')
    buffer[end] = QUOTE
    return end + 1
  }
  buffer[at] = QUOTE
  const start = at + 1
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === QUOTE || code === BACKSLASH || code >= 0x80) {
      return writeText(buffer, at, limit, encodeJsonValue(text))
    }
    buffer[start + i] = code
  }
  buffer[start + length] = QUOTE
  return start + length + 1
}

/** One value as `encodeJsonValue` writes it inside a row (not `undefined`). */
export function writeJsonValue(buffer: Buffer, at: number, limit: number, value: unknown): number {
  switch (typeof value) {
    case 'string':
      return writeJsonString(buffer, at, limit, value)
    case 'number':
      return writeNumber(buffer, at, limit, value)
    case 'boolean':
      return writeText(buffer, at, limit, value ? 'true' : 'false')
    default:
      if (value instanceof Uint8Array && value.length < NATIVE_BASE64_BYTES) {
        return writeBase64String(buffer, at, limit, value)
      }
      if (value !== null && typeof value === 'object') {
        const end = writePlainJson(buffer, at, limit, value, 0, false)
        if (end !== NOT_PLAIN) return end
      }
      return writeText(buffer, at, limit, encodeJsonValue(value))
  }
}

/** What `writePlainJson` returns for a value it leaves to `JSON.stringify`. */
export const NOT_PLAIN = -2

/**
 * An extracted item as its line of typed JSON (`encodeTypedJson`), when it is plain JSON data
 * and no string value starts with a typed-JSON prefix character: the bytes `JSON.stringify`
 * gives, without its string. `NOT_PLAIN` for anything else (the caller encodes it as a string).
 */
export function writePlainItem(buffer: Buffer, at: number, limit: number, item: unknown): number {
  return writePlainJson(buffer, at, limit, item, 0, true)
}
/** Deeper values are left to `JSON.stringify` (which also names a cycle). */
const MAX_PLAIN_DEPTH = 32

/**
 * A plain object or array of strings, finite numbers, booleans and nulls (a `json` value parsed
 * from JSON) as `JSON.stringify` writes it, without its string; `NOT_PLAIN` for anything else
 * (`bigint`, bytes, Dates, `undefined`, class instances, `toJSON`, non-finite numbers) and, with
 * `typed`, for a string value that typed JSON would escape.
 */
function writePlainJson(
  buffer: Buffer,
  at: number,
  limit: number,
  value: unknown,
  depth: number,
  typed: boolean,
): number {
  switch (typeof value) {
    case 'string':
      return typed && isTypedJsonPrefixed(value)
        ? NOT_PLAIN
        : writeJsonString(buffer, at, limit, value)
    case 'number':
      return Number.isFinite(value) ? writeNumber(buffer, at, limit, value) : NOT_PLAIN
    case 'boolean':
      return writeText(buffer, at, limit, value ? 'true' : 'false')
    case 'object':
      break
    default:
      return NOT_PLAIN
  }
  if (value === null) return writeText(buffer, at, limit, 'null')
  if (depth >= MAX_PLAIN_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return NOT_PLAIN
  }
  if (Array.isArray(value)) {
    if (at >= limit) return -1
    buffer[at++] = OPEN_BRACKET
    for (let i = 0; i < value.length; i++) {
      if (i > 0) {
        if (at >= limit) return -1
        buffer[at++] = COMMA
      }
      at = writePlainJson(buffer, at, limit, value[i], depth + 1, typed)
      if (at < 0) return at
    }
    if (at >= limit) return -1
    buffer[at++] = CLOSE_BRACKET
    return at
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN
  if (at >= limit) return -1
  buffer[at++] = OPEN_BRACE
  let first = true
  for (const key in value) {
    // inherited enumerable keys, which JSON.stringify skips, only where someone added them
    if (!Object.hasOwn(value, key)) return NOT_PLAIN
    if (first) first = false
    else {
      if (at >= limit) return -1
      buffer[at++] = COMMA
    }
    at = writeJsonString(buffer, at, limit, key)
    if (at < 0 || at >= limit) return -1
    buffer[at++] = COLON
    const item = (value as Record<string, unknown>)[key]
    at = writePlainJson(buffer, at, limit, item, depth + 1, typed)
    if (at < 0) return at
  }
  if (at >= limit) return -1
  buffer[at++] = CLOSE_BRACE
  return at
}

/**
 * A number as `${value}` writes it (`null` if not finite). Integers and numbers of whole cents
 * (prices) are written digit by digit: JavaScript's shortest round-trip form of the double
 * nearest to `k / 100` is that decimal (no other one with at most two fraction digits lies within
 * its rounding interval below 1e13), and making it costs a fraction of `Number#toString`.
 */
function writeNumber(buffer: Buffer, at: number, limit: number, value: number): number {
  if (Number.isInteger(value)) {
    if (value < MAX_DIGITS_NUMBER && value > -MAX_DIGITS_NUMBER) {
      return writeDigits(buffer, at, limit, value, 1)
    }
  } else if (value < MAX_CENTS_NUMBER && value > -MAX_CENTS_NUMBER) {
    const cents = Math.round(value * 100)
    if (cents / 100 === value) return writeDigits(buffer, at, limit, cents, 100)
  }
  return writeText(buffer, at, limit, Number.isFinite(value) ? `${value}` : 'null')
}

/** Integers below this are written digit by digit (`${n}` has no exponent below 1e21). */
const MAX_DIGITS_NUMBER = 1e15
/** Numbers of whole cents below this are written digit by digit (ulp far below a cent). */
const MAX_CENTS_NUMBER = 1e13

/**
 * The integer `scaled / divisor` (`divisor` 1 or 100) in decimal, without trailing zeros of the
 * fraction; `-0` as `0`.
 */
function writeDigits(
  buffer: Buffer,
  at: number,
  limit: number,
  scaled: number,
  divisor: 1 | 100,
): number {
  const negative = scaled < 0
  const abs = negative ? -scaled : scaled
  let whole = divisor === 1 ? abs : Math.floor(abs / 100)
  const fraction = abs - whole * divisor // 0 for integers
  let digits = 1
  for (let power = 10; power <= whole; power *= 10) digits++
  const fractionDigits = fraction === 0 ? 0 : fraction % 10 === 0 ? 2 : 3 // with the point
  const end = at + (negative ? 1 : 0) + digits + fractionDigits
  if (end > limit) return -1
  if (negative) buffer[at] = MINUS
  let i = end - fractionDigits
  if (fractionDigits > 0) {
    buffer[i] = POINT
    buffer[i + 1] = DIGIT_0 + Math.floor(fraction / 10)
    if (fractionDigits === 3) buffer[i + 2] = DIGIT_0 + (fraction % 10)
  }
  do {
    const rest = Math.floor(whole / 10)
    buffer[--i] = DIGIT_0 + whole - rest * 10
    whole = rest
  } while (whole > 0)
  return end
}

/** Bytes as a quoted base64 string (with padding, as `Buffer#toString('base64')`). */
function writeBase64String(buffer: Buffer, at: number, limit: number, bytes: Uint8Array): number {
  const length = bytes.length
  if (at + Math.ceil(length / 3) * 4 + 2 > limit) return -1
  const chars = BASE64_CHARS
  buffer[at++] = QUOTE
  let i = 0
  for (; i + 2 < length; i += 3) {
    const triple = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    buffer[at] = chars[triple >> 18]!
    buffer[at + 1] = chars[(triple >> 12) & 0x3f]!
    buffer[at + 2] = chars[(triple >> 6) & 0x3f]!
    buffer[at + 3] = chars[triple & 0x3f]!
    at += 4
  }
  const rest = length - i
  if (rest > 0) {
    const pair = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0)
    buffer[at] = chars[pair >> 18]!
    buffer[at + 1] = chars[(pair >> 12) & 0x3f]!
    buffer[at + 2] = rest === 2 ? chars[(pair >> 6) & 0x3f]! : BASE64_PAD
    buffer[at + 3] = BASE64_PAD
    at += 4
  }
  buffer[at++] = QUOTE
  return at
}

function writeUtf8(buffer: Buffer, at: number, limit: number, text: string): number {
  // a UTF-16 code unit takes at most 3 bytes; count exactly only when that bound does not fit
  if (at + text.length * 3 > limit && at + Buffer.byteLength(text, 'utf8') > limit) return -1
  return at + buffer.write(text, at, 'utf8')
}
