/**
 * @module How cursor values compare, what `lastValueFunc` picks, and how cursor values travel
 * through the JSON state. Numbers and bigints compare numerically; `Date`s and ISO-8601 strings
 * by instant (so a string kept in state compares right against `Date` items and back); other
 * strings by code point, as Python does.
 */
import { dateToEpochNanos, epochNanosToDate, parseIsoDateTime } from './iso-date-time.js'

/** The built-in last-value functions. */
export const LAST_VALUE_FUNCS = ['max', 'min'] as const
/** `'max'` or `'min'`. */
export type LastValueFuncName = (typeof LAST_VALUE_FUNCS)[number]
/** A custom last-value function: picks the last value out of the values it is given (dlt's). */
export type LastValueFunction = (values: readonly unknown[]) => unknown

/**
 * Compares two cursor values: negative when `a` comes first, 0 when equal, positive after.
 * Throws `TypeError` when they cannot be compared (a number and a string, an object, an invalid
 * `Date`).
 */
export function compareCursorValues(a: unknown, b: unknown): number {
  if (isNumeric(a) && isNumeric(b)) return a < b ? -1 : a > b ? 1 : 0
  const instantA = toInstant(a)
  const instantB = toInstant(b)
  if (instantA !== undefined && instantB !== undefined) return compareBigInt(instantA, instantB)
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b)
  // A bigint cursor kept in state as a decimal string (beyond 2^53).
  if (typeof a === 'bigint' && isIntegerText(b)) return compareBigInt(a, BigInt(b))
  if (isIntegerText(a) && typeof b === 'bigint') return compareBigInt(BigInt(a), b)
  throw new TypeError(`cannot compare ${describeType(a)} with ${describeType(b)}`)
}

/** Equality as the last-value logic needs it: comparable values by `compareCursorValues`. */
export function cursorValuesEqual(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined || a === null || b === null) return a === b
  try {
    return compareCursorValues(a, b) === 0
  } catch {
    // Values of a custom `lastValueFunc` may be anything: fall back to identity.
    return Object.is(a, b)
  }
}

/** Makes the function that picks the last value of a list of values (Python's `max`/`min`). */
export function resolveLastValueFunc(
  func: LastValueFuncName | LastValueFunction,
): (values: readonly unknown[]) => unknown {
  if (typeof func === 'function') return func
  const sign = func === 'max' ? 1 : -1
  return (values) => {
    let best = values[0]
    // As Python's max/min, the first of equal values wins.
    for (let i = 1; i < values.length; i++)
      if (sign * compareCursorValues(values[i], best) > 0) best = values[i]
    return best
  }
}

/**
 * A cursor value as the JSON state keeps it: a `Date` becomes its ISO string, a bigint a number
 * (or a decimal string beyond 2^53); anything else is returned as is.
 */
export function toStateValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint')
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString()
  return value
}

/**
 * Turns a value read from the state back into the type of `like` (usually the `initialValue`):
 * an ISO string becomes a `Date` when `like` is a `Date`, a number a bigint when `like` is one.
 */
export function reviveCursorValue(value: unknown, like: unknown): unknown {
  if (like instanceof Date && typeof value === 'string') {
    const parsed = parseIsoDateTime(value)
    return parsed === undefined ? value : epochNanosToDate(parsed.epochNanos)
  }
  if (typeof like === 'bigint' && (typeof value === 'number' || isIntegerText(value)))
    return Number.isInteger(value) || typeof value === 'string' ? BigInt(value) : value
  return value
}

/** A short type name for messages: `number`, `string`, `Date`, `object`, … */
export function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (value instanceof Date) return 'Date'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function isNumeric(value: unknown): value is number | bigint | boolean {
  return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
}

function toInstant(value: unknown): bigint | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('cannot compare an invalid Date')
    return dateToEpochNanos(value)
  }
  if (typeof value === 'string') return parseIsoDateTime(value)?.epochNanos
  return undefined
}

function isIntegerText(value: unknown): value is string {
  return typeof value === 'string' && /^-?\d+$/.test(value)
}

function compareBigInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Compares by Unicode code point (Python's order), not by UTF-16 unit as `<` does. */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i)
    const cb = b.charCodeAt(i)
    if (ca === cb) continue
    // Surrogates (astral code points) sort above the rest of the BMP (U+E000–U+FFFF).
    const sa = ca >= 0xd800 && ca <= 0xdfff
    const sb = cb >= 0xd800 && cb <= 0xdfff
    if (sa !== sb) return sa ? 1 : -1
    return ca - cb
  }
  return a.length - b.length
}
