/**
 * @module Turns a raw provider value into the declared type. Environment variables are strings, so
 * `"20"` becomes `20` for a number field, `"true"` becomes `true`, and `'["a","b"]'` an array
 * (dlt's `deserialize_value`); TOML values already have their type and are checked.
 */

/** The value types a config field may declare. */
export const VALUE_KINDS = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const
/** A value type a config field may declare. */
export type ValueKind = (typeof VALUE_KINDS)[number]

/** Outcome of `parseValue`: the typed value, or what was expected. */
export type ParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly expected: string }

const EXPECTED: Readonly<Record<ValueKind, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true/false, yes/no, 1/0)',
  object: 'a table or a JSON object',
  array: 'an array or a JSON array',
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1'])
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0'])

/** Parses `raw` as `kind`. Strings are parsed; values of the right type pass unchanged. */
export function parseValue(kind: ValueKind, raw: unknown): ParseResult {
  const value = PARSERS[kind](raw)
  return value === FAIL ? { ok: false, expected: EXPECTED[kind] } : { ok: true, value }
}

/**
 * dlt's `auto_cast` for values read without a declared type: `true`/`false` (any case) become
 * booleans, integers and decimals numbers, JSON arrays and objects are parsed; anything else stays
 * a string. Integers beyond `Number.MAX_SAFE_INTEGER` stay strings rather than lose digits.
 */
export function autoCast(raw: string): unknown {
  const lower = raw.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  const number = parseNumber(raw)
  if (number !== FAIL && (!Number.isInteger(number) || Number.isSafeInteger(number))) return number
  const json = parseJson(raw)
  if (json !== FAIL && typeof json === 'object' && json !== null) return json
  return raw
}

const FAIL = Symbol('fail')
type Parsed = unknown | typeof FAIL

const PARSERS: Readonly<Record<ValueKind, (raw: unknown) => Parsed>> = {
  string(raw) {
    if (typeof raw === 'string') return raw
    if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint')
      return String(raw)
    if (raw instanceof Date) return raw.toISOString()
    return FAIL
  },
  number(raw) {
    if (typeof raw === 'number') return Number.isNaN(raw) ? FAIL : raw
    return typeof raw === 'string' ? parseNumber(raw) : FAIL
  },
  integer(raw) {
    const value = PARSERS.number(raw)
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : FAIL
  },
  boolean(raw) {
    if (typeof raw === 'boolean') return raw
    if (typeof raw === 'number') return raw !== 0
    if (typeof raw !== 'string') return FAIL
    const word = raw.trim().toLowerCase()
    if (TRUE_WORDS.has(word)) return true
    return FALSE_WORDS.has(word) ? false : FAIL
  },
  object(raw) {
    const value = typeof raw === 'string' ? parseJson(raw) : raw
    return isPlainObject(value) ? value : FAIL
  },
  array(raw) {
    const value = typeof raw === 'string' ? parseJson(raw) : raw
    return Array.isArray(value) ? value : FAIL
  },
}

const DECIMAL = /^[+-]?(\d+(_\d+)*\.?\d*|\.\d+)(e[+-]?\d+)?$/i
const HEX = /^0x[0-9a-f]+$/i

function parseNumber(raw: string): Parsed {
  const text = raw.trim()
  if (HEX.test(text)) return Number.parseInt(text.slice(2), 16)
  if (!DECIMAL.test(text)) return FAIL
  const value = Number(text.replaceAll('_', ''))
  return Number.isFinite(value) ? value : FAIL
}

function parseJson(raw: string): Parsed {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    // Not JSON: the caller reports the expected type instead of JSON's syntax error, which would
    // quote the value (possibly a secret).
    return FAIL
  }
}

/** True for a plain object (a TOML table or a parsed JSON object), not an array or a Date. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  )
}
