/**
 * @module Type inference: which dlt data type a JavaScript value has, and dlt's type detections
 * (`iso_timestamp`, `iso_date`, `timestamp`, `large_integer`) that refine it for a new column.
 *
 * The ISO-8601 parser reproduces what dlt 1.26 accepts, which is pendulum's ISO parser followed by
 * pendulum's "common" fallback (dlt: `dlt/common/time.py` `parse_iso_like_datetime`), so that
 * exactly the same strings become `timestamp` columns as in Python.
 */
import type { DataType } from './data-types.js'

/** 2^63 as a double: integral numbers of this magnitude or more do not fit a `bigint` column. */
export const INT64_LIMIT = 2 ** 63
const INT64_MAX = 2n ** 63n - 1n
const INT64_MIN = -(2n ** 63n)
/**
 * The largest magnitude of a `wei` value: 38 digits, what DECIMAL(38,0) holds — the smallest
 * `wei` precision of dlt-ts's destinations (DuckDB, Parquet), so a `wei` column loads anywhere.
 * dlt's own bound is BigQuery's BIGNUMERIC maximum (`Wei.__call__`, `is_large_integer`).
 */
export const WEI_MAX = 10n ** 38n - 1n

/** True if integral `n` fits a `bigint` column: |n| < 2^63 (-2^63 prints as -9223372036854776000). */
export function isInt64Number(n: number): boolean {
  return n < INT64_LIMIT && n > -INT64_LIMIT
}

/** The data type of a JS bigint: `bigint` within int64, `wei` within `WEI_MAX`, else `text`. */
export function bigintDataType(value: bigint): 'bigint' | 'wei' | 'text' {
  if (value <= INT64_MAX && value >= INT64_MIN) return 'bigint'
  return value <= WEI_MAX && value >= -WEI_MAX ? 'wei' : 'text'
}

/**
 * A bigint as normalization passes it on: itself, or its decimal digits when it is too wide for
 * `wei` (then it is `text`, as dlt's `large_integer` detection and `Wei` variants make it).
 */
export function normalizeBigint(value: bigint): bigint | string {
  return value <= WEI_MAX && value >= -WEI_MAX ? value : value.toString()
}

/**
 * The dlt data type of a value as dlt's `py_type_to_sc_type` maps Python types: strings are
 * `text`, integral numbers below 2^63 in magnitude `bigint` (larger ones `double`: JS cannot know
 * their digits), other numbers `double`, JS bigints by `bigintDataType`, booleans `bool`, `Date`
 * `timestamp`, `Uint8Array` `binary`, arrays and plain objects `json`. Undefined for anything else
 * (functions, symbols, class instances, `null`/`undefined`).
 */
export function valueDataType(value: unknown): DataType | undefined {
  switch (typeof value) {
    case 'string':
      return 'text'
    case 'number':
      // dlt: a JSON `1.0` is a Python float, but JS cannot tell it from `1` (docs/compatibility.md)
      return Number.isInteger(value) && isInt64Number(value) ? 'bigint' : 'double'
    case 'boolean':
      return 'bool'
    case 'bigint':
      // a JS bigint outside 64 bits is dlt's `wei` (Python has no such split: DESIGN.md §4);
      // normalize passes one too wide for `wei` on as its digits (`normalizeBigint`)
      return bigintDataType(value)
    case 'object': {
      if (value === null) return undefined
      if (Array.isArray(value)) return 'json'
      const proto = Object.getPrototypeOf(value)
      if (proto === Object.prototype || proto === null) return 'json'
      if (value instanceof Date) return 'timestamp'
      if (value instanceof Uint8Array) return 'binary'
      return undefined
    }
    default:
      return undefined
  }
}

/** The type detections dlt knows, in the names a schema stores in `settings.detections`. */
export const TYPE_DETECTIONS = ['timestamp', 'iso_timestamp', 'iso_date', 'large_integer'] as const
/** One of dlt's type detections. */
export type TypeDetection = (typeof TYPE_DETECTIONS)[number]

// dlt: detections.is_timestamp accepts numbers within 5 years of "now" (taken at import time).
const NOW_TS = Date.now() / 1000
const FLOAT_TS_RANGE = 5 * 31_536_000

/**
 * Runs `detections` in order on `value` (of data type `valueType`) and returns the first type one
 * of them yields, as dlt's `autodetect_sc_type`. Unknown detection names are ignored.
 */
export function detectType(
  detections: readonly string[] | undefined,
  value: unknown,
  valueType: DataType,
): DataType | undefined {
  if (!detections) return undefined
  for (const detection of detections) {
    const detected = runDetection(detection, value, valueType)
    if (detected) return detected
  }
  return undefined
}

function runDetection(
  detection: string,
  value: unknown,
  valueType: DataType,
): DataType | undefined {
  switch (detection) {
    case 'iso_timestamp':
      return valueType === 'text' && isIsoTimestamp(value as string) ? 'timestamp' : undefined
    case 'iso_date':
      return valueType === 'text' && isIsoDate(value as string) ? 'date' : undefined
    case 'timestamp': {
      // dlt: only Python int and float, not bool
      if (typeof value !== 'number' && typeof value !== 'bigint') return undefined
      const n = Number(value)
      return n >= NOW_TS - FLOAT_TS_RANGE && n <= NOW_TS + FLOAT_TS_RANGE ? 'timestamp' : undefined
    }
    case 'large_integer': {
      // dlt: Python ints beyond int64 are `wei`, beyond `Wei`'s bound `text`. A JSON integer that
      // big reaches JS as an integral double, so those count too; the bound is `WEI_MAX`.
      let big: bigint
      if (valueType === 'bigint') big = BigInt(value as number | bigint)
      else if (valueType === 'double' && Number.isInteger(value)) big = BigInt(value as number)
      else return undefined
      if (big > WEI_MAX || big < -WEI_MAX) return 'text'
      return big > INT64_MAX || big < INT64_MIN ? 'wei' : undefined
    }
    default:
      return undefined
  }
}

/** True if dlt's `iso_timestamp` detection turns the string into a `timestamp` column. */
export function isIsoTimestamp(text: string): boolean {
  // Cheap pre-check: every date-time form needs a 4-digit year first and at least 7 characters.
  if (text.length < 7 || !isDigitAt(text, 0) || !isDigitAt(text, 3)) return false
  return parseIsoLike(text) === ISO_DATETIME
}

/** True if dlt's `iso_date` detection turns the string into a `date` column. */
export function isIsoDate(text: string): boolean {
  if (text.length < 4 || !isDigitAt(text, 0)) return false
  return parseIsoLike(text) === ISO_DATE
}

/** Result kinds of `parseIsoLike`. */
export const ISO_INVALID = 0
export const ISO_DATETIME = 1
export const ISO_DATE = 2
export const ISO_TIME = 3

/**
 * The fields of the last successful `parseIsoLike` call. Reused to keep the per-value coercion
 * path free of allocations; read it right after the call.
 */
export const parsedIso = {
  year: 0,
  month: 1,
  day: 1,
  hour: 0,
  minute: 0,
  second: 0,
  microsecond: 0,
  /** Offset from UTC in seconds; `undefined` for a naive value. */
  offset: undefined as number | undefined,
}

/**
 * Parses an ISO-8601-like string as dlt's `parse_iso_like_datetime` does and returns its kind
 * (`ISO_DATETIME`, `ISO_DATE`, `ISO_TIME`) or `ISO_INVALID`; the fields are left in `parsedIso`.
 */
export function parseIsoLike(text: string): number {
  const kind = parseIso8601(text)
  if (kind !== ISO_INVALID && isValidParsed(kind)) return kind
  return parseCommon(text)
}

function isDigitAt(text: string, index: number): boolean {
  const c = text.charCodeAt(index)
  return c >= 48 && c <= 57
}

// ---- pendulum's ISO-8601 parser (its Rust `Parser`), ported for identical acceptance ----------

let src = ''
let pos = 0
let extendedFormat = false
let hasTime = false

const cur = (): string => (pos < src.length ? src[pos]! : '\0')
const atEnd = (): boolean => pos >= src.length

/** Reads `length` ASCII digits; -1 on failure. */
function readInt(length: number): number {
  let value = 0
  for (let i = 0; i < length; i++) {
    const c = src.charCodeAt(pos)
    if (pos >= src.length || c < 48 || c > 57) return -1
    value = value * 10 + (c - 48)
    pos++
  }
  return value
}

function parseIso8601(text: string): number {
  src = text
  pos = 0
  extendedFormat = false
  hasTime = false
  const p = parsedIso
  p.year = 0
  p.month = 1
  p.day = 1
  p.hour = 0
  p.minute = 0
  p.second = 0
  p.microsecond = 0
  p.offset = undefined
  // A duration or interval ("P1D", "…/…") is never a date, time or date-time for dlt.
  if (cur() === 'P') return ISO_INVALID
  if (cur() === 'T') {
    if (!parseTime(false) || !atEnd()) return ISO_INVALID
    return ISO_TIME
  }
  const century = readInt(2)
  if (century < 0) return ISO_INVALID
  if (cur() === ':') {
    p.hour = century
    extendedFormat = true
    if (!parseTime(true) || !atEnd()) return ISO_INVALID
    return ISO_TIME
  }
  const yy = readInt(2)
  if (yy < 0) return ISO_INVALID
  p.year = century * 100 + yy
  if (!parseDatePart()) return ISO_INVALID
  if (!atEnd() && !parseTime(false)) return ISO_INVALID
  if (!atEnd()) return ISO_INVALID // "Unconverted data remains" (or an interval)
  return hasTime ? ISO_DATETIME : ISO_DATE
}

const dateEnds = (): boolean => atEnd() || cur() === ' ' || cur() === 'T'

function parseDatePart(): boolean {
  const p = parsedIso
  if (cur() === '-') {
    pos++
    extendedFormat = true
    if (cur() === 'W') {
      pos++
      const week = readInt(2)
      if (week < 0) return false
      let weekDay = 1
      if (!dateEnds()) {
        if (cur() !== '-') return false
        pos++
        weekDay = readInt(1)
        if (weekDay < 0) return false
      }
      return isoWeekToYmd(p.year, week, weekDay)
    }
    const month = readInt(2)
    if (month < 0) return false
    p.month = month
    if (dateEnds()) {
      p.day = 1
      return true
    }
    if (cur() === '-') {
      pos++
      const day = readInt(2)
      if (day < 0) return false
      p.day = day
      return true
    }
    const ordinalDigit = readInt(1)
    return ordinalDigit >= 0 && ordinalToYmd(p.year, month * 10 + ordinalDigit, false)
  }
  if (cur() === 'W') {
    pos++
    const week = readInt(2)
    if (week < 0) return false
    let weekDay = 1
    if (!dateEnds()) {
      weekDay = readInt(1)
      if (weekDay < 0) return false
    }
    return isoWeekToYmd(p.year, week, weekDay)
  }
  const month = readInt(2)
  if (month < 0) return false
  const digit = readInt(1)
  if (digit < 0) return false
  if (dateEnds()) return ordinalToYmd(p.year, month * 10 + digit, false)
  const digit2 = readInt(1)
  if (digit2 < 0) return false
  p.month = month
  p.day = digit * 10 + digit2
  return true
}

const isTzStart = (): boolean => cur() === 'Z' || cur() === '+' || cur() === '-'

function parseTime(skipHour: boolean): boolean {
  const p = parsedIso
  if (!skipHour && cur() !== 'T' && cur() !== ' ') return false
  hasTime = true
  if (!skipHour) {
    pos++
    p.hour = readInt(2)
    if (p.hour < 0) return false
  }
  if (!atEnd() && !isTzStart()) {
    if (cur() === ':') {
      pos++
      p.minute = readInt(2)
      if (p.minute < 0) return false
      if (!atEnd() && !isTzStart()) {
        if (cur() !== ':') return false
        pos++
        p.second = readInt(2)
        if (p.second < 0 || !parseFraction()) return false
        if (!extendedFormat) return false // basic date with extended time
      }
    } else {
      p.minute = readInt(2)
      if (p.minute < 0) return false
      if (!atEnd() && !isTzStart()) {
        p.second = readInt(2)
        if (p.second < 0 || !parseFraction()) return false
      }
      if (extendedFormat) return false // extended date with basic time
    }
  }
  return parseOffset()
}

function parseFraction(): boolean {
  if (cur() !== '.' && cur() !== ',') return true
  pos++
  let micro = 0
  let digits = 0
  while (digits < 6) {
    const c = src.charCodeAt(pos)
    if (pos < src.length && c >= 48 && c <= 57) {
      micro = micro * 10 + (c - 48)
    } else if (digits === 0) {
      return false
    } else {
      break
    }
    pos++
    digits++
  }
  while (isDigitAt(src, pos)) pos++
  for (; digits < 6; digits++) micro *= 10
  parsedIso.microsecond = micro
  return true
}

function parseOffset(): boolean {
  const c = cur()
  if (c === 'Z') {
    parsedIso.offset = 0
    pos++
    return true
  }
  if (c !== '+' && c !== '-') return true
  const sign = c === '+' ? 1 : -1
  pos++
  const hours = readInt(2)
  if (hours < 0) return false
  if (cur() === ':') pos++
  let minutes = 0
  if (!atEnd()) {
    minutes = readInt(2)
    if (minutes < 0) return false
  }
  const total = (minutes + hours * 60) * sign
  // pendulum rejects > 24h; Python's tzinfo also rejects offsets of 24h or more either way
  if (total >= 1440 || total <= -1440) return false
  parsedIso.offset = total * 60
  return true
}

const MONTH_OFFSETS = [
  [-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
  [-1, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
] as const
const DAY_OF_WEEK_TABLE = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4] as const

/** Whether `year` is a leap year in the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}
const pCycle = (y: number): number =>
  y + Math.trunc(y / 4) - Math.trunc(y / 100) + Math.trunc(y / 400)
const isLongYear = (y: number): boolean => pCycle(y) % 7 === 4 || pCycle(y - 1) % 7 === 3
const daysInYear = (y: number): number => (isLeapYear(y) ? 366 : 365)

function isoWeekToYmd(year: number, week: number, weekDay: number): boolean {
  if (week > 53 || (week > 52 && !isLongYear(year))) return false
  if (weekDay > 7) return false
  const y = year - 1 // week_day(year, 1, 4): January counts in the previous year's cycle
  let jan4 = (pCycle(y) + DAY_OF_WEEK_TABLE[0] + 4) % 7
  if (jan4 === 0) jan4 = 7
  return ordinalToYmd(year, week * 7 + weekDay - (jan4 + 3), true)
}

function ordinalToYmd(year: number, ordinal: number, allowOutOfBounds: boolean): boolean {
  let ord = ordinal
  let y = year
  if (ord < 1) {
    if (!allowOutOfBounds) return false
    ord += daysInYear(year - 1)
    y -= 1
  }
  if (ord > daysInYear(y)) {
    if (!allowOutOfBounds) return false
    ord -= daysInYear(y)
    y += 1
  }
  const offsets = MONTH_OFFSETS[isLeapYear(y) ? 1 : 0]
  // pendulum compares with `<`, so the last day of a month yields day 0 (rejected below)
  for (let i = 1; i < 14; i++) {
    if (ord < offsets[i]!) {
      parsedIso.year = y
      parsedIso.month = i - 1
      parsedIso.day = ord - offsets[i - 1]!
      return true
    }
  }
  return false
}

/** The checks Python's `datetime`/`date`/`time` constructors make. */
function isValidParsed(kind: number): boolean {
  const p = parsedIso
  if (kind !== ISO_TIME && !isValidDate(p.year, p.month, p.day)) return false
  return kind === ISO_DATE || isValidTime(p.hour, p.minute, p.second)
}

/** A date Python's `date` accepts (years 1–9999); a negative part (no digits) is none. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  )
}

/** A time of day Python's `time` accepts (no leap second); a negative part (no digits) is none. */
export function isValidTime(hour: number, minute: number, second: number): boolean {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59
}

/** Days in `month` (1-12) of `year`. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

// ---- pendulum's `_parse_common` fallback ------------------------------------------------------

// Python's `$` also matches before a trailing newline, hence `\n?`.
const COMMON =
  /^(?:(\d{4})(?:[/:]?(\d{2})[/:]?(\d{2}))?)?(?: ?(\d{1,2}):(\d{1,2})?(?::(\d{1,2}))?(?:[.|,](\d{1,9}))?)?\n?$/

function parseCommon(text: string): number {
  const m = COMMON.exec(text)
  if (!m) return ISO_INVALID
  const [, year, month, day, hour, minute, second, subsecond] = m
  const p = parsedIso
  p.offset = undefined
  p.year = year === undefined ? 0 : Number(year)
  p.month = month === undefined ? 1 : Number(month)
  p.day = day === undefined ? 1 : Number(day)
  if (hour === undefined) {
    if (year === undefined) return ISO_INVALID // the empty string
    return isValidParsed(ISO_DATE) ? ISO_DATE : ISO_INVALID
  }
  // pendulum calls int() on a missing minute, which raises: not a date-time
  if (minute === undefined) return ISO_INVALID
  p.hour = Number(hour)
  p.minute = Number(minute)
  p.second = second === undefined ? 0 : Number(second)
  p.microsecond = subsecond === undefined ? 0 : Number(subsecond.slice(0, 6).padEnd(6, '0'))
  const kind = year === undefined ? ISO_TIME : ISO_DATETIME
  return isValidParsed(kind) ? kind : ISO_INVALID
}
