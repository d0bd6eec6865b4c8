/**
 * @module The lag (attribution window): moves the start of a run back from the stored last value
 * so that a window of recent rows is read again (dlt's `apply_lag`). Numbers move by `lag`;
 * date-times (`Date`s, ISO strings) by `lag` seconds; dates (`2024-01-31`) by `lag` days. The
 * lagged value keeps the shape of the value (a string stays a string in its own format) and never
 * crosses `initialValue`.
 */
import type { LastValueFuncName } from './cursor-compare.js'
import { cursorValuesEqual, describeType, resolveLastValueFunc } from './cursor-compare.js'
import type { IsoDateTime } from './iso-date-time.js'
import {
  dateToEpochNanos,
  endOfUtcDay,
  epochNanosToDate,
  formatIsoLike,
  parseIsoDateTime,
  startOfUtcDay,
} from './iso-date-time.js'

/**
 * Applies `lag` to `lastValue` in the direction of `func` (`max` moves back, `min` forward), but
 * never past `initialValue`. Throws `TypeError` naming `lag` for cursors that cannot lag
 * (strings that are not ISO dates, objects).
 */
export function applyLag(
  lag: number,
  lastValue: unknown,
  func: LastValueFuncName,
  initialValue: unknown,
): unknown {
  const lagged = lagValue(lag, lastValue, func, isDateCursor(initialValue))
  if (
    initialValue !== undefined &&
    cursorValuesEqual(resolveLastValueFunc(func)([initialValue, lagged]), initialValue)
  )
    return initialValue
  return lagged
}

function lagValue(lag: number, value: unknown, func: LastValueFuncName, inDays: boolean): unknown {
  const sign = func === 'max' ? -1 : 1
  if (typeof value === 'number') {
    const moved = value + sign * lag
    // dlt: an int cursor stays an int (Python's int() truncates).
    return Number.isInteger(value) ? Math.trunc(moved) : moved
  }
  if (typeof value === 'bigint')
    // Python's int(value ∓ lag), for non-negative results.
    return func === 'max' ? value - BigInt(Math.ceil(lag)) : value + BigInt(Math.floor(lag))
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const nanos = dateToEpochNanos(value)
    return epochNanosToDate(inDays ? lagDays(nanos, lag, func) : lagSeconds(nanos, lag, sign))
  }
  const parsed =
    typeof value === 'string' ? parseIsoDateTime(value, { compactDates: true }) : undefined
  if (parsed === undefined)
    throw new TypeError(
      `\`lag\` needs a number, a Date or an ISO-8601 date/date-time cursor; got ${describeType(value)}`,
    )
  return lagIsoString(parsed, lag, func, inDays)
}

function lagIsoString(parsed: IsoDateTime, lag: number, func: LastValueFuncName, inDays: boolean) {
  const sign = func === 'max' ? -1 : 1
  if (parsed.dateOnly) {
    // Python's date + timedelta(days=±lag) drops the part of a day.
    const days = Math.floor(sign * lag)
    return formatIsoLike(startOfUtcDay(parsed.epochNanos, days), parsed.shape, true)
  }
  const nanos = inDays
    ? lagDays(parsed.epochNanos, lag, func)
    : lagSeconds(parsed.epochNanos, lag, sign)
  return formatIsoLike(nanos, parsed.shape, false)
}

function lagSeconds(epochNanos: bigint, lag: number, sign: number): bigint {
  return epochNanos + BigInt(sign * Math.round(lag * 1e9))
}

/** dlt: a date-time cursor declared as a date lags whole days: from the start (max) or the end (min) of the day. */
function lagDays(epochNanos: bigint, lag: number, func: LastValueFuncName): bigint {
  return func === 'max'
    ? startOfUtcDay(epochNanos, Math.floor(-lag))
    : endOfUtcDay(epochNanos, Math.floor(lag))
}

/** dlt: an `initialValue` written as a date (`2024-01-31`) declares a date cursor, lagged in days. */
function isDateCursor(initialValue: unknown): boolean {
  return (
    typeof initialValue === 'string' &&
    parseIsoDateTime(initialValue, { compactDates: true })?.dateOnly === true
  )
}
