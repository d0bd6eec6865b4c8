/**
 * @module Parsing of the value encodings of a JSON-lines loader file (see
 * `storage/writers/encode-row.ts` and `schema/coerce-value.ts`) into exact numbers: timestamps as
 * nano- or microseconds since the epoch (a JS `Date` holds only milliseconds), dates as days,
 * times as microseconds since midnight, decimals as unscaled integers, binary from base64.
 */

const TIMESTAMP =
  /^(-?\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i
const DATE = /^(-?\d{4,})-(\d{2})-(\d{2})$/
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?/
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i

/** Days from 1970-01-01 to a proleptic Gregorian date (any year, unlike `Date.UTC`'s 0–99). */
function epochDays(year: number, month: number, day: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return Math.round(date.getTime() / 86_400_000)
}

/** Fractional-second digits as nanoseconds (`'5'` → 500000000). */
function fractionNanos(digits: string | undefined): bigint {
  return BigInt((digits ?? '').padEnd(9, '0'))
}

/** `a / b` rounded toward negative infinity (bigint division truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/**
 * Nanoseconds since the epoch of an ISO-8601 timestamp, its offset applied; a timestamp without
 * an offset is read as UTC (the wall time of a `timezone: false` column).
 * @throws TypeError when `text` is not an ISO-8601 timestamp
 */
export function parseTimestampNanos(text: string): bigint {
  const match = TIMESTAMP.exec(text)
  if (!match) throw new TypeError(`Not an ISO-8601 timestamp: "${text}"`)
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const days = BigInt(epochDays(Number(y), Number(mo), Number(d)))
  const seconds = BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(s ?? 0))
  let nanos = (days * 86_400n + seconds) * 1_000_000_000n + fractionNanos(fraction)
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1n : 1n
    const digits = zone.slice(1).replace(':', '')
    const offset = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0))
    nanos -= sign * offset * 60_000_000_000n
  }
  return nanos
}

/** Microseconds since the epoch of an ISO-8601 timestamp (see `parseTimestampNanos`). */
export function parseTimestampMicros(text: string): bigint {
  return floorDiv(parseTimestampNanos(text), 1000n)
}

/** Days since the epoch of an ISO date (`YYYY-MM-DD`). */
export function parseDateDays(text: string): number {
  const match = DATE.exec(text)
  if (!match) throw new TypeError(`Not an ISO-8601 date: "${text}"`)
  return epochDays(Number(match[1]), Number(match[2]), Number(match[3]))
}

/** Microseconds since midnight of an ISO time (`HH:MM[:SS[.ffffff]]`). */
export function parseTimeMicros(text: string): bigint {
  const match = TIME.exec(text)
  if (!match) throw new TypeError(`Not an ISO-8601 time: "${text}"`)
  const [, h, mi, s, fraction] = match
  const seconds = BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(s ?? 0))
  return seconds * 1_000_000n + fractionNanos(fraction) / 1000n
}

/**
 * The unscaled integer of a decimal at `scale` (`'12.345'`, scale 2 → 1235n), rounding half to
 * even as Python's `Decimal.quantize` does; accepts exponents (`'1E+2'`).
 */
export function parseDecimalUnscaled(text: string, scale: number): bigint {
  const match = DECIMAL.exec(text.trim())
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new TypeError(`Not a decimal number: "${text}"`)
  }
  const [, sign, whole = '', fraction = '', exponent] = match
  // the value is digits × 10^-(fraction length - exponent); shift it to `scale` digits
  const digits = BigInt(`${whole}${fraction}` || '0')
  const shift = scale - fraction.length + Number(exponent ?? 0)
  let unscaled: bigint
  if (shift >= 0) unscaled = digits * 10n ** BigInt(shift)
  else {
    const divisor = 10n ** BigInt(-shift)
    unscaled = digits / divisor
    const remainder = (digits % divisor) * 2n
    if (remainder > divisor || (remainder === divisor && unscaled % 2n === 1n)) unscaled += 1n
  }
  return sign === '-' ? -unscaled : unscaled
}

/** Bytes of a base64 string. */
export function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'))
}

/** A `bigint`/`wei` value of a loader file (a JSON number, or a string of digits) as `bigint`. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') return BigInt(Math.trunc(value))
  return BigInt(String(value))
}
