/**
 * @module hyparquet's parsers for timestamps and dates as `readParquet` sets them: ISO text
 * instead of `Date`s — no object per value, and microseconds and nanoseconds kept to the
 * microsecond (a `Date` holds milliseconds), as dlt keeps them. The columns are hinted
 * `timestamp` / `date`, so the text loads as such.
 */

const DAY_MS = 86_400_000
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'))
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'))

/** The parsers, for `parquetRead({ parsers })`. */
export const ISO_PARSERS = {
  timestampFromMilliseconds: (millis: bigint) => isoFromMicros(millis * 1000n),
  timestampFromMicroseconds: (micros: bigint) => isoFromMicros(micros),
  timestampFromNanoseconds: (nanos: bigint) => isoFromMicros(floorDiv(nanos, 1000n)),
  dateFromDays: (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10),
}

/** `2024-01-01T00:00:00.123456Z` (as `Date.toISOString()`, plus microseconds when not 0). */
export function isoFromMicros(micros: bigint): string {
  if (micros > MAX_SAFE || micros < -MAX_SAFE) return isoFromBigMicros(micros)
  // exact in a double: integer arithmetic without BigInt (a value's BigInt ops cost ~0.3 µs)
  const all = Number(micros)
  const rest = floorMod(all, 1000)
  const millis = (all - rest) / 1000
  const ms = floorMod(millis, DAY_MS)
  const iso = `${dayPrefix((millis - ms) / DAY_MS)}${PAD2[Math.floor(ms / 3_600_000)]}:${
    PAD2[Math.floor(ms / 60_000) % 60]
  }:${PAD2[Math.floor(ms / 1000) % 60]}.${PAD3[ms % 1000]}`
  return rest === 0 ? `${iso}Z` : `${iso}${PAD3[rest]}Z`
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

/** The same for microseconds beyond 2^53 (years past 2255), through BigInt and `Date`. */
function isoFromBigMicros(micros: bigint): string {
  const millis = floorDiv(micros, 1000n)
  const rest = micros - millis * 1000n
  const iso = new Date(Number(millis)).toISOString()
  return rest === 0n ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`
}

function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}
