/**
 * @module hyparquet's parsers for timestamps and dates as `readParquet` sets them: text instead of
 * `Date`s — no object per value, and microseconds and nanoseconds kept to the microsecond (a
 * `Date` holds milliseconds), as dlt keeps them. Timestamps are written in the canonical form
 * dlt's normalizer gives a UTC timestamp (`2024-01-01T10:00:00+00:00`,
 * `2024-01-01T10:00:00.123456+00:00`), so normalize's coerced value is the extracted text itself.
 * The columns are hinted `timestamp` / `date`, so the text loads as such.
 */

const DAY_MS = 86_400_000
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
/** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z in microseconds: the years dlt (Python) keeps. */
const FIRST_MICROS = -62_135_596_800_000_000n
const END_MICROS = 253_402_300_800_000_000n
const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'))

/** The parsers, for `parquetRead({ parsers })`. */
export const ISO_PARSERS = {
  timestampFromMilliseconds: (millis: bigint) => isoFromMicros(millis * 1000n),
  timestampFromMicroseconds: (micros: bigint) => isoFromMicros(micros),
  timestampFromNanoseconds: (nanos: bigint) => isoFromMicros(floorDiv(nanos, 1000n)),
  dateFromDays: (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10),
}

/**
 * `2024-01-01T00:00:00+00:00`, with `.ffffff` (six digits) before the offset when the
 * microseconds are not 0: the text dlt's normalizer makes of that instant. Outside the years
 * 1–9999 (which dlt cannot hold) `Date.toISOString()`'s text plus the microseconds.
 */
export function isoFromMicros(micros: bigint): string {
  if (micros > MAX_SAFE || micros < -MAX_SAFE) return isoFromBigMicros(micros)
  // exact in a double: integer arithmetic without BigInt (a value's BigInt ops cost ~0.3 µs)
  const all = Number(micros)
  const fraction = floorMod(all, 1_000_000)
  const seconds = (all - fraction) / 1_000_000
  const second = floorMod(seconds, 86_400)
  const iso = `${dayPrefix((seconds - second) / 86_400)}${PAD2[Math.floor(second / 3600)]}:${
    PAD2[Math.floor(second / 60) % 60]
  }:${PAD2[second % 60]}`
  return fraction === 0 ? `${iso}+00:00` : `${iso}.${sixDigits(fraction)}+00:00`
}

let cachedDay = Number.NaN
let cachedPrefix = ''

/** `2024-01-01T` for a day since the epoch; the last one is kept (a column's days repeat). */
function dayPrefix(day: number): string {
  if (day !== cachedDay) {
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, -13)
    cachedDay = day
  }
  return cachedPrefix
}

/**
 * The same beyond 2^53 µs (years past 2255) through BigInt and `Date`; years dlt cannot hold
 * (before 1, after 9999) as `Date.toISOString()` writes them, plus the microseconds.
 */
function isoFromBigMicros(micros: bigint): string {
  const millis = floorDiv(micros, 1000n)
  const rest = micros - millis * 1000n
  const iso = new Date(Number(millis)).toISOString()
  if (micros < FIRST_MICROS || micros >= END_MICROS) {
    return rest === 0n ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`
  }
  const fraction = Number(micros - floorDiv(micros, 1_000_000n) * 1_000_000n)
  return fraction === 0
    ? `${iso.slice(0, 19)}+00:00`
    : `${iso.slice(0, 19)}.${sixDigits(fraction)}+00:00`
}

function sixDigits(n: number): string {
  return String(n).padStart(6, '0')
}

function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}
