/**
 * @module Typed JSON lines: the encoding of extracted items, which must survive the trip through
 * a file with their JavaScript types intact. Plain JSON would turn a `Date` into a string (losing
 * the difference between a timestamp and a text that looks like one), fail on `bigint`, and spell
 * a `Uint8Array` as an object of bytes.
 *
 * Like dlt's typed JSON, special values become strings with a private-use prefix character:
 * `\uF027` + ISO-8601 for `Date`, `\uF02C` + digits for `bigint`, `\uF02B` + base64 for bytes. A
 * user string that happens to start with a prefix character gets the escape prefix `\uF02F`.
 */

/** The prefix characters of typed JSON strings, for encoders that write typed JSON themselves. */
export const TYPED_JSON_PREFIX = {
  /** `\uF027` + ISO-8601: a `Date`. */
  date: '\uF027',
  /** `\uF02B` + base64: a `Uint8Array`. */
  bytes: '\uF02B',
  /** `\uF02C` + decimal digits: a `bigint`. */
  bigint: '\uF02C',
  /** `\uF02F` + the text: a user string that starts with a prefix character. */
  escape: '\uF02F',
} as const

const { date: DATE, bytes: BYTES, bigint: BIGINT, escape: ESCAPE } = TYPED_JSON_PREFIX
const FIRST_PREFIX = 0xf026
const LAST_PREFIX = 0xf02f
const HAS_PREFIX = /[\uF026-\uF02F]/

/** True if `text` starts with a prefix character (it must then be escaped: use `encodeTypedJson`). */
export function isTypedJsonPrefixed(text: string): boolean {
  const code = text.charCodeAt(0)
  return code >= FIRST_PREFIX && code <= LAST_PREFIX
}

const isPrefixed = isTypedJsonPrefixed

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'string': {
      // `Date#toJSON` already ran: the holder still has the Date itself.
      if (this[key] instanceof Date) return DATE + value
      return isPrefixed(value) ? ESCAPE + value : value
    }
    case 'bigint':
      return BIGINT + value.toString()
    case 'object': {
      const raw = this[key]
      // `Buffer#toJSON` already ran: the holder still has the bytes.
      if (raw instanceof Uint8Array) return BYTES + Buffer.from(raw).toString('base64')
      return value
    }
    default:
      return value
  }
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !isPrefixed(value)) return value
  const payload = value.slice(1)
  switch (value[0]) {
    case DATE:
      return new Date(payload)
    case BIGINT:
      return BigInt(payload)
    case BYTES:
      return new Uint8Array(Buffer.from(payload, 'base64'))
    default:
      return payload // ESCAPE, or a prefix this version does not know: keep the text
  }
}

/** Encodes one item as a line of typed JSON (no newline). */
export function encodeTypedJson(item: unknown): string {
  return JSON.stringify(item, replacer)
}

/** Decodes one line of typed JSON back into the item `encodeTypedJson` was given. */
export function decodeTypedJson(line: string): unknown {
  // Most lines carry no special value: skip the (slower) reviver for them.
  return HAS_PREFIX.test(line) ? JSON.parse(line, reviver) : JSON.parse(line)
}
