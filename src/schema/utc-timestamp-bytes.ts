/**
 * @module The common shapes of a UTC timestamp as UTF-8 bytes, for code that copies values from
 * one JSON line into another without strings: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1–6
 * digits, then `Z`, `+00:00` or nothing. `coerceValue('timestamp', 'text', text)` makes such a
 * text `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00` (a fraction of zeros dropped, others padded to six
 * digits); `utcTimestampLength` and `writeUtcTimestamp` give the same bytes. Other texts (offsets,
 * dates, epoch numbers) are for `coerceValue`.
 */
import { isValidDate, isValidTime } from './infer-type.js'

const DIGIT_0 = 0x30
const PLUS_UTC = Buffer.from('+00:00')

/** The two-digit number at `at`, or -1. */
function twoDigits(bytes: Uint8Array, at: number): number {
  const a = bytes[at]! - DIGIT_0
  const b = bytes[at + 1]! - DIGIT_0
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/**
 * The length of the canonical text of the timestamp `bytes[start..end)`, or -1 when it is not
 * one of the common UTC shapes (then `coerceValue` decides). The fraction's digits kept are
 * `length - 25` (0 or 6, after its point).
 */
export function utcTimestampLength(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start
  if (length < 19 || length > 32) return -1
  if (
    bytes[start + 4] !== 0x2d || // '-'
    bytes[start + 7] !== 0x2d ||
    bytes[start + 10] !== 0x54 || // 'T'
    bytes[start + 13] !== 0x3a || // ':'
    bytes[start + 16] !== 0x3a
  ) {
    return -1
  }
  const century = twoDigits(bytes, start)
  const yy = twoDigits(bytes, start + 2)
  const year = century < 0 || yy < 0 ? -1 : century * 100 + yy
  if (
    !isValidDate(year, twoDigits(bytes, start + 5), twoDigits(bytes, start + 8)) ||
    !isValidTime(
      twoDigits(bytes, start + 11),
      twoDigits(bytes, start + 14),
      twoDigits(bytes, start + 17),
    )
  ) {
    return -1
  }
  let at = start + 19
  let fraction = 0
  if (bytes[at] === 0x2e) {
    // '.'
    at++
    const digits = at
    let zeros = true
    while (at < end && at - digits < 6 && bytes[at]! >= DIGIT_0 && bytes[at]! <= 0x39) {
      zeros &&= bytes[at] === DIGIT_0
      at++
    }
    if (at === digits || (at < end && bytes[at]! >= DIGIT_0 && bytes[at]! <= 0x39)) return -1
    if (!zeros) fraction = 7
  }
  const rest = end - at
  if (rest === 1 ? bytes[at] !== 0x5a : rest === 6 ? !isPlusUtc(bytes, at) : rest !== 0) return -1
  return 25 + fraction
}

function isPlusUtc(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < 6; i++) if (bytes[at + i] !== PLUS_UTC[i]) return false
  return true
}

/**
 * Writes the canonical text of the timestamp `bytes[start..end)` into `out` at `at`; `length` is
 * its `utcTimestampLength` (not -1). Returns the end offset.
 */
export function writeUtcTimestamp(
  bytes: Uint8Array,
  start: number,
  end: number,
  length: number,
  out: Uint8Array,
  at: number,
): number {
  let o = at
  for (let i = start; i < start + 19; i++) out[o++] = bytes[i]!
  if (length > 25) {
    out[o++] = 0x2e
    let i = start + 20
    for (; i < end && bytes[i]! >= DIGIT_0 && bytes[i]! <= 0x39; i++) out[o++] = bytes[i]!
    for (let pad = i - start - 20; pad < 6; pad++) out[o++] = DIGIT_0
  }
  for (let i = 0; i < 6; i++) out[o++] = PLUS_UTC[i]!
  return o
}
