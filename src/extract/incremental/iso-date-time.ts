/**
 * @module ISO-8601 date and date-time strings as incremental cursors: parsing them to an exact
 * instant (nanoseconds since the epoch, so microsecond cursors never collide) and writing an
 * instant back in the shape the original string had (same offset, separator and precision).
 */

/** A parsed ISO-8601 date (`2024-01-31`, `20240131`) or date-time (`2024-01-31T10:00:00.5+02:00`). */
export interface IsoDateTime {
  /** Nanoseconds since 1970-01-01T00:00:00Z; naive date-times and dates are read as UTC (as dlt). */
  readonly epochNanos: bigint
  /** True for a date without a time of day. */
  readonly dateOnly: boolean
  /** How the original was written, so `formatIsoLike` can reproduce it. */
  readonly shape: IsoShape
}

/** The textual shape of an ISO string: what `formatIsoLike` needs to write another instant alike. */
export interface IsoShape {
  /** `true` for `YYYYMMDD` dates. */
  readonly compact: boolean
  /** `'T'` or `' '` between date and time. */
  readonly separator: string
  /** The offset as written (`Z`, `+02:00`, `-0500`), or `''` for a naive date-time. */
  readonly offsetText: string
  /** Minutes east of UTC that `offsetText` stands for. */
  readonly offsetMinutes: number
  /** Digits of the fraction of a second (0 when there was none). */
  readonly fractionDigits: number
  /** Whether seconds were written (`10:00` has none). */
  readonly hasSeconds: boolean
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/
const NANOS_PER_MS = 1_000_000n
const NANOS_PER_DAY = 86_400_000_000_000n

/** Parses an ISO-8601 date or date-time; `undefined` when `text` is not one (or not a real day). */
export function parseIsoDateTime(
  text: string,
  options?: { compactDates?: boolean },
): IsoDateTime | undefined {
  const compact = options?.compactDates === true ? COMPACT_DATE.exec(text) : null
  const match = compact ?? DATE_TIME.exec(text)
  if (match === null) return undefined
  const [, y, mo, d, separator, h, mi, s, fraction, offset] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h ?? 0)
  const minute = Number(mi ?? 0)
  const second = Number(s ?? 0)
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const ms = Date.UTC(year, month - 1, day, hour, minute, second)
  // Date.UTC rolls 2024-02-30 over into March: reject days that do not exist.
  const check = new Date(ms)
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined
  // Date.UTC maps years 0–99 to 1900–1999.
  if (check.getUTCFullYear() !== year) return undefined
  const offsetMinutes = parseOffset(offset ?? '')
  const fractionNanos = BigInt((fraction ?? '').padEnd(9, '0') || '0')
  const epochNanos =
    BigInt(ms) * NANOS_PER_MS + fractionNanos - BigInt(offsetMinutes) * 60_000_000_000n
  return {
    epochNanos,
    dateOnly: separator === undefined,
    shape: {
      compact: compact !== null,
      separator: separator ?? 'T',
      offsetText: offset ?? '',
      offsetMinutes,
      fractionDigits: fraction?.length ?? 0,
      hasSeconds: s !== undefined,
    },
  }
}

/** Nanoseconds since the epoch of a valid `Date`. */
export function dateToEpochNanos(date: Date): bigint {
  return BigInt(date.getTime()) * NANOS_PER_MS
}

/** The `Date` of an instant (precision below a millisecond is floored away). */
export function epochNanosToDate(epochNanos: bigint): Date {
  return new Date(Number(floorDiv(epochNanos, NANOS_PER_MS)))
}

/** Writes `epochNanos` in `shape`: the same offset, separator and (at least) the same precision. */
export function formatIsoLike(epochNanos: bigint, shape: IsoShape, dateOnly: boolean): string {
  const local = epochNanos + BigInt(shape.offsetMinutes) * 60_000_000_000n
  const date = new Date(Number(floorDiv(local, NANOS_PER_MS)))
  const yyyy = String(date.getUTCFullYear()).padStart(4, '0')
  const mm = pad2(date.getUTCMonth() + 1)
  const dd = pad2(date.getUTCDate())
  if (dateOnly) return shape.compact ? `${yyyy}${mm}${dd}` : `${yyyy}-${mm}-${dd}`
  const nanosOfSecond = (((local % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n)
    .toString()
    .padStart(9, '0')
  let fraction = nanosOfSecond.slice(0, shape.fractionDigits)
  // A fractional lag on a whole-second cursor needs digits the original did not have.
  if (shape.fractionDigits === 0 && nanosOfSecond !== '000000000')
    fraction = nanosOfSecond.replace(/0+$/, '')
  const seconds = shape.hasSeconds || fraction !== '' ? `:${pad2(date.getUTCSeconds())}` : ''
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}${seconds}`
  return `${yyyy}-${mm}-${dd}${shape.separator}${time}${fraction ? `.${fraction}` : ''}${shape.offsetText}`
}

/** Start (00:00) of the UTC day `days` after the day of `epochNanos`. */
export function startOfUtcDay(epochNanos: bigint, days: number): bigint {
  return (floorDiv(epochNanos, NANOS_PER_DAY) + BigInt(days)) * NANOS_PER_DAY
}

/** Dlt's `time.max` (23:59:59.999999) of the UTC day `days` after the day of `epochNanos`. */
export function endOfUtcDay(epochNanos: bigint, days: number): bigint {
  return startOfUtcDay(epochNanos, days + 1) - 1_000n
}

function parseOffset(text: string): number {
  if (text === '' || text === 'Z' || text === 'z') return 0
  const sign = text.startsWith('-') ? -1 : 1
  const digits = text.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0))
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b < 0n ? q - 1n : q
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}
