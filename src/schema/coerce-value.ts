/**
 * @module Coercion of a value into a column's data type, as dlt's `coerce_value` and its dispatch
 * table (`dlt/common/data_types/type_helpers.py`): which pairs of types convert, and what a value
 * becomes (an int in a text column becomes `"3"`, a float with a fraction never goes into a
 * `bigint` column, `"n/a"` never goes into a `bigint` column).
 *
 * Coerced values are plain JavaScript values, the same for every writer:
 * `text` string; `bigint` number (or `bigint` beyond 2^53); `double` number; `bool` boolean;
 * `timestamp` the ISO-8601 string Python's `isoformat()` prints for the UTC datetime
 * (`2024-01-25T11:21:28.123456+00:00`, naive without offset for `timezone: false` columns);
 * `date` `YYYY-MM-DD`; `time` `HH:MM:SS[.ffffff]`; `decimal`/`wei` the string Python's
 * `str(Decimal)` prints; `binary` Uint8Array; `json` the object, array or scalar itself.
 */
import type { DataType } from './data-types.js'
import {
  ISO_DATE,
  ISO_DATETIME,
  ISO_TIME,
  isValidDate,
  isValidTime,
  parsedIso,
  parseIsoLike,
  WEI_MAX,
} from './infer-type.js'

/** Returned by `coerceValue` when the value does not fit the type (dlt raises `ValueError`). */
export const COERCE_FAILED: unique symbol = Symbol('COERCE_FAILED')

const DISPATCH: Readonly<Record<string, true>> = Object.fromEntries(
  [
    'text<json',
    'text<bigint',
    'text<double',
    'text<wei',
    'text<decimal',
    'text<bool',
    'text<binary',
    'text<timestamp',
    'text<date',
    'text<time',
    'binary<text',
    'binary<bigint',
    'bigint<text',
    'bigint<wei',
    'bigint<decimal',
    'bigint<double',
    'double<text',
    'double<bigint',
    'double<wei',
    'double<decimal',
    'decimal<text',
    'decimal<bigint',
    'decimal<double',
    'decimal<wei',
    'wei<text',
    'wei<bigint',
    'wei<double',
    'wei<decimal',
    'bool<text',
    'bool<bigint',
    'bool<double',
    'bool<decimal',
    'bool<wei',
    'json<text',
    'timestamp<text',
    'timestamp<bigint',
    'timestamp<double',
    'timestamp<date',
    'date<text',
    'date<timestamp',
    'date<bigint',
    'date<double',
    'time<text',
  ].map((key) => [key, true as const]),
)

/** True if dlt knows a conversion from `fromType` values into `toType` columns. */
export function canCoerceType(toType: DataType, fromType: DataType): boolean {
  return toType === fromType || DISPATCH[`${toType}<${fromType}`] === true
}

/**
 * Converts `value` (of data type `fromType`, see `valueDataType`) into `toType`, or returns
 * `COERCE_FAILED` when dlt would raise. Never throws for data.
 */
export function coerceValue(toType: DataType, fromType: DataType, value: unknown): unknown {
  if (toType === fromType) {
    return toType === 'timestamp' ? timestampFromDate(value as Date) : value
  }
  switch (toType) {
    case 'text':
      return fromType === 'json' ? jsonDumps(value) : pyStr(value, fromType)
    case 'bigint':
      if (fromType === 'text') return int64OrFailed(parsePyInt(value as string))
      // a double reaching here has a fraction, is not finite or is beyond int64 (`valueDataType`),
      // and a `wei` value is beyond int64 by definition: dlt's int() would fail at load instead
      return COERCE_FAILED
    case 'double':
      if (fromType === 'text') return parsePyFloat(value as string)
      if (fromType === 'bigint' || fromType === 'wei') return finiteOrFailed(Number(value))
      return COERCE_FAILED
    case 'bool':
      if (fromType === 'text') return strToBool(value as string)
      if (fromType === 'bigint' || fromType === 'wei')
        return typeof value === 'bigint' ? value !== 0n : value !== 0
      if (fromType === 'double') return value !== 0
      return COERCE_FAILED
    case 'timestamp':
      if (fromType === 'text') return timestampFromText(value as string)
      if (fromType === 'bigint' || fromType === 'double') return timestampFromEpoch(Number(value))
      return COERCE_FAILED
    case 'date':
      return coerceToDate(fromType, value)
    case 'time':
      return fromType === 'text' ? timeFromText(value as string) : COERCE_FAILED
    case 'decimal':
      return coerceToDecimal(fromType, value)
    case 'wei':
      return weiOrFailed(coerceToDecimal(fromType, value))
    case 'binary':
      if (fromType === 'text') return binaryFromText(value as string)
      if (fromType === 'bigint') return binaryFromInt(value as number | bigint)
      return COERCE_FAILED
    case 'json':
      return fromType === 'text' ? parseJsonText(value as string) : COERCE_FAILED
  }
}

function finiteOrFailed(n: number): number | typeof COERCE_FAILED {
  return Number.isFinite(n) ? n : COERCE_FAILED
}

const INT64_MAX = 2n ** 63n - 1n
const INT64_MIN = -(2n ** 63n)

/** The parsed int if a `bigint` column holds it (dlt takes any size and fails at load). */
function int64OrFailed(
  int: number | bigint | typeof COERCE_FAILED,
): number | bigint | typeof COERCE_FAILED {
  if (typeof int !== 'bigint') return int
  return int <= INT64_MAX && int >= INT64_MIN ? int : COERCE_FAILED
}

// ---- to text -----------------------------------------------------------------------------------

/** `str(value)` as Python prints the value dlt would hold (dlt: `_text_fallback`). */
export function pyStr(value: unknown, fromType: DataType): string {
  switch (fromType) {
    case 'bool':
      return value ? 'True' : 'False'
    case 'bigint':
      return typeof value === 'bigint' || Math.abs(value as number) < 1e21
        ? String(value)
        : BigInt(value as number).toString()
    case 'double':
      return pyFloatRepr(value as number)
    case 'timestamp':
      return timestampFromDate(value as Date) as string
    case 'binary':
      return Buffer.from(value as Uint8Array).toString('base64')
    default:
      return String(value)
  }
}

/** Python's `repr(float)`: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan'
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0'
  const [mantissa, expText] = n.toExponential().split('e') as [string, string]
  const exp = Number(expText)
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  const sign = negative ? '-' : ''
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : ''
    const e = Math.abs(exp).toString().padStart(2, '0')
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e}`
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`
  const intLen = exp + 1
  if (digits.length <= intLen) return `${sign}${digits.padEnd(intLen, '0')}.0`
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`
}

/**
 * Serializes a nested value as dlt's `json.dumps` (orjson, compact) does: datetimes as
 * `isoformat()`, bytes as base64, integers of any size as digits.
 */
export function jsonDumps(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null'
    case 'bigint':
      return value.toString()
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (value === null) return 'null'
      if (value instanceof Date) return JSON.stringify(timestampFromDate(value))
      if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'))
      if (Array.isArray(value)) return `[${value.map(jsonDumps).join(',')}]`
      const parts: string[] = []
      for (const key in value) {
        const v = (value as Record<string, unknown>)[key]
        if (v !== undefined) parts.push(`${JSON.stringify(key)}:${jsonDumps(v)}`)
      }
      return `{${parts.join(',')}}`
    }
    default:
      return 'null'
  }
}

// ---- numbers and booleans from text -------------------------------------------------------------

const PY_INT = /^[+-]?\d+(?:_\d+)*$/
const PY_HEX_INT = /^\s*[+-]?(?:0[xX])?_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*\s*$/
const PY_FLOAT =
  /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/
const PY_FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i

function intFromBig(big: bigint): number | bigint {
  return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big
}

/** `int(text.strip())`, with dlt's `0x` hexadecimal form; COERCE_FAILED if Python raises. */
export function parsePyInt(text: string): number | bigint | typeof COERCE_FAILED {
  const trimmed = text.trim()
  if (trimmed.startsWith('0x')) return parseHexInt(trimmed.slice(2))
  if (!PY_INT.test(trimmed)) return COERCE_FAILED
  return intFromBig(BigInt(trimmed.replaceAll('_', '')))
}

function parseHexInt(text: string): number | bigint | typeof COERCE_FAILED {
  if (!PY_HEX_INT.test(text)) return COERCE_FAILED
  let body = text.trim().replaceAll('_', '')
  const negative = body.startsWith('-')
  if (body.startsWith('-') || body.startsWith('+')) body = body.slice(1)
  if (body.startsWith('0x') || body.startsWith('0X')) body = body.slice(2)
  const big = BigInt(`0x${body}`)
  return intFromBig(negative ? -big : big)
}

/** `float(text.strip())`, with dlt's `0x` hexadecimal form; COERCE_FAILED if Python raises. */
export function parsePyFloat(text: string): number | typeof COERCE_FAILED {
  const trimmed = text.trim()
  if (trimmed.startsWith('0x')) {
    const int = parseHexInt(trimmed.slice(2))
    return int === COERCE_FAILED ? int : Number(int)
  }
  return parseFloatLiteral(trimmed)
}

function parseFloatLiteral(text: string): number | typeof COERCE_FAILED {
  if (PY_FLOAT.test(text)) return Number(text.replaceAll('_', ''))
  const special = PY_FLOAT_SPECIAL.exec(text)
  if (!special) return COERCE_FAILED
  if (special[2]!.toLowerCase() === 'nan') return Number.NaN
  return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
}

/** dlt's `str2bool`: yes/true/t/y/1 and no/false/f/n/0, case-insensitive, nothing else. */
function strToBool(text: string): boolean | typeof COERCE_FAILED {
  switch (text.toLowerCase()) {
    case 'yes':
    case 'true':
    case 't':
    case 'y':
    case '1':
      return true
    case 'no':
    case 'false':
    case 'f':
    case 'n':
    case '0':
      return false
    default:
      return COERCE_FAILED
  }
}

// ---- timestamps, dates and times ---------------------------------------------------------------

const MIN_EPOCH = -62135596800 // 0001-01-01T00:00:00Z
const MAX_EPOCH_EXCLUSIVE = 253402300800 // 10000-01-01T00:00:00Z

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)
const pad4 = (n: number): string => n.toString().padStart(4, '0')

/** `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00` (Python `isoformat()` of a UTC datetime). */
function formatUtc(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  us: number,
): string {
  const frac = us === 0 ? '' : `.${us.toString().padStart(6, '0')}`
  return `${pad4(y)}-${pad2(mo)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}${frac}+00:00`
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** Formats epoch seconds + microseconds as a UTC timestamp; COERCE_FAILED out of Python's range. */
function formatEpoch(seconds: number, micro: number): string | typeof COERCE_FAILED {
  if (seconds < MIN_EPOCH || seconds >= MAX_EPOCH_EXCLUSIVE) return COERCE_FAILED
  const days = Math.floor(seconds / 86400)
  let rest = seconds - days * 86400
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const h = Math.floor(rest / 3600)
  rest -= h * 3600
  const mi = Math.floor(rest / 60)
  return formatUtc(y, m, d, h, mi, rest - mi * 60, micro)
}

/** The UTC timestamp of the datetime in `parsedIso` (naive values count as UTC, as in dlt). */
function formatParsedUtc(): string | typeof COERCE_FAILED {
  const p = parsedIso
  if (!p.offset) return formatUtc(p.year, p.month, p.day, p.hour, p.minute, p.second, p.microsecond)
  const local = daysFromCivil(p.year, p.month, p.day) * 86400 + p.hour * 3600 + p.minute * 60
  return formatEpoch(local + p.second - p.offset, p.microsecond)
}

function timestampFromText(text: string): string | typeof COERCE_FAILED {
  const utc = plainUtcTimestamp(text)
  if (utc !== undefined) return utc
  const kind = parseIsoLike(text)
  if (kind === ISO_DATETIME) return formatParsedUtc()
  if (kind === ISO_DATE) {
    return formatUtc(parsedIso.year, parsedIso.month, parsedIso.day, 0, 0, 0, 0)
  }
  if (kind === ISO_TIME) return COERCE_FAILED
  // dlt: a string that is no ISO date-time may be epoch seconds (`float(value)`)
  const seconds = parseFloatLiteral(text.trim())
  return seconds === COERCE_FAILED ? seconds : timestampFromEpoch(seconds)
}

/**
 * The fast path for the common shapes, already UTC: `YYYY-MM-DDTHH:MM:SS`, an optional fraction
 * of 1–6 digits, and `Z`, `+00:00` or nothing (naive text is UTC to dlt). Undefined for anything
 * else, which the full parser handles.
 */
function plainUtcTimestamp(text: string): string | undefined {
  const length = text.length
  if (length < 19 || !isPlainUtcDateTime(text)) return undefined
  let end = 19
  let fraction = ''
  if (text.charCodeAt(19) === 46) {
    // '.'
    end = 20
    let zeros = true
    for (let code = text.charCodeAt(end); end < 26 && isDigit(code); code = text.charCodeAt(++end))
      zeros &&= code === 48
    if (end === 20 || isDigit(text.charCodeAt(end))) return undefined
    if (!zeros) fraction = `.${text.slice(20, end).padEnd(6, '0')}`
  }
  const rest = length - end
  if (
    rest !== 0 &&
    !(rest === 1 && text.charCodeAt(end) === 90) && // 'Z'
    !(rest === 6 && text.endsWith('+00:00'))
  ) {
    return undefined
  }
  return rest === 6 && fraction === '' && end === 19
    ? text
    : `${text.slice(0, 19)}${fraction}+00:00`
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57

const digitsAt = (text: string, at: number): number => {
  const a = text.charCodeAt(at) - 48
  const b = text.charCodeAt(at + 1) - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** A valid `YYYY-MM-DDTHH:MM:SS` prefix (no fraction), checked without parsing the rest. */
function isPlainUtcDateTime(text: string): boolean {
  if (
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== 'T' ||
    text[13] !== ':' ||
    text[16] !== ':'
  ) {
    return false
  }
  return (
    isValidDateAtStart(text) &&
    isValidTime(digitsAt(text, 11), digitsAt(text, 14), digitsAt(text, 17))
  )
}

/** A valid `YYYY-MM-DD` and nothing more. */
function isPlainDate(text: string): boolean {
  return (
    text.length === 10 &&
    text.charCodeAt(4) === 45 && // '-'
    text.charCodeAt(7) === 45 &&
    isValidDateAtStart(text)
  )
}

/** The digits of `YYYY?MM?DD` at the start of `text` make a date of years 1–9999. */
function isValidDateAtStart(text: string): boolean {
  const century = digitsAt(text, 0)
  const yy = digitsAt(text, 2)
  const year = century < 0 || yy < 0 ? -1 : century * 100 + yy
  return isValidDate(year, digitsAt(text, 5), digitsAt(text, 8))
}

/** Python's `datetime.fromtimestamp(seconds, UTC)` (microseconds rounded half to even). */
function timestampFromEpoch(seconds: number): string | typeof COERCE_FAILED {
  if (!Number.isFinite(seconds)) return COERCE_FAILED
  let whole = Math.trunc(seconds)
  let micro = roundHalfEven((seconds - whole) * 1e6)
  if (micro >= 1_000_000) {
    whole += 1
    micro -= 1_000_000
  } else if (micro < 0) {
    whole -= 1
    micro += 1_000_000
  }
  return formatEpoch(whole, micro)
}

function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** The UTC timestamp string of a `Date`. */
export function timestampFromDate(date: Date): string | typeof COERCE_FAILED {
  const ms = date.getTime()
  if (!Number.isFinite(ms)) return COERCE_FAILED
  const seconds = Math.floor(ms / 1000)
  return formatEpoch(seconds, (ms - seconds * 1000) * 1000)
}

/** Drops the UTC offset of a coerced timestamp for `timezone: false` columns (dlt: naive UTC). */
export function naiveTimestamp(timestamp: string): string {
  return timestamp.endsWith('+00:00') ? timestamp.slice(0, -6) : timestamp
}

function coerceToDate(fromType: DataType, value: unknown): string | typeof COERCE_FAILED {
  let timestamp: string | typeof COERCE_FAILED
  if (fromType === 'text') {
    // the common shape, `YYYY-MM-DD`, is its own date
    if (isPlainDate(value as string)) return value as string
    timestamp = timestampFromText(value as string)
  } else if (fromType === 'timestamp') timestamp = timestampFromDate(value as Date)
  else if (fromType === 'bigint' || fromType === 'double')
    timestamp = timestampFromEpoch(Number(value))
  else return COERCE_FAILED
  return timestamp === COERCE_FAILED ? timestamp : timestamp.slice(0, 10)
}

function timeFromText(text: string): string | typeof COERCE_FAILED {
  if (parseIsoLike(text) !== ISO_TIME) return COERCE_FAILED
  const p = parsedIso
  let seconds = p.hour * 3600 + p.minute * 60 + p.second - (p.offset ?? 0)
  seconds = ((seconds % 86400) + 86400) % 86400
  const h = Math.floor(seconds / 3600)
  const mi = Math.floor((seconds % 3600) / 60)
  const frac = p.microsecond === 0 ? '' : `.${p.microsecond.toString().padStart(6, '0')}`
  return `${pad2(h)}:${pad2(mi)}:${pad2(seconds % 60)}${frac}`
}

// ---- decimal, binary, json ----------------------------------------------------------------------

const PLAIN_DECIMAL = /^-?(?:[1-9]\d*|0)(?:\.\d+)?$/
const SMALL_DECIMAL = /^-?0\.000000/
const PY_DECIMAL = /^([+-]?)(\d*(?:_\d+)*)(?:\.(\d*(?:_\d+)*))?(?:[eE]([+-]?\d+(?:_\d+)*))?$/
const PY_DECIMAL_SPECIAL = /^([+-]?)(inf|infinity|nan|snan)$/i

function coerceToDecimal(fromType: DataType, value: unknown): string | typeof COERCE_FAILED {
  if (fromType === 'bigint')
    return String(typeof value === 'bigint' ? value : BigInt(value as number))
  if (fromType === 'double') return decimalOfDouble(value as number)
  if (fromType !== 'text') return COERCE_FAILED
  // the common shape is its own `str(Decimal)`: digits, an optional fraction, no exponent, and no
  // run of six zeros after `0.` (Python writes those with an exponent)
  if (PLAIN_DECIMAL.test(value as string) && !SMALL_DECIMAL.test(value as string))
    return value as string
  const trimmed = (value as string).trim()
  if (trimmed.startsWith('0x')) {
    const int = parseHexInt(trimmed.slice(2))
    return int === COERCE_FAILED ? int : String(int)
  }
  const m = PY_DECIMAL.exec(trimmed)
  if (!m || (m[2] === '' && !m[3])) {
    const special = PY_DECIMAL_SPECIAL.exec(trimmed)
    if (!special) return COERCE_FAILED
    const kind = special[2]!.toLowerCase()
    const name = kind.startsWith('inf') ? 'Infinity' : kind === 'nan' ? 'NaN' : 'sNaN'
    return `${special[1] === '-' ? '-' : ''}${name}`
  }
  const intPart = m[2]!.replaceAll('_', '')
  const fracPart = (m[3] ?? '').replaceAll('_', '')
  const exp = Number((m[4] ?? '0').replaceAll('_', '')) - fracPart.length
  return decimalToString(m[1] === '-', BigInt(`${intPart}${fracPart}` || '0').toString(), exp)
}

/** `str(Decimal)` output: sign, coefficient digits with an optional point, optional exponent. */
const DECIMAL_TEXT = /^-?(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/

/**
 * The decimal text if a `wei` column holds it once rounded to an integer: at most `WEI_MAX`
 * (38 digits) in magnitude, and not NaN or infinite. dlt's `Wei` sends larger values to a text
 * variant too, at BigQuery's bound (`dlt/common/wei.py`).
 */
function weiOrFailed(text: string | typeof COERCE_FAILED): string | typeof COERCE_FAILED {
  if (text === COERCE_FAILED) return text
  const m = DECIMAL_TEXT.exec(text)
  if (!m) return COERCE_FAILED
  const digits = `${m[1]}${m[2] ?? ''}`.replace(/^0+(?=\d)/, '')
  const exp = Number(m[3] ?? '0') - (m[2]?.length ?? 0)
  if (exp >= 0) return digits === '0' || digits.length + exp <= 38 ? text : COERCE_FAILED
  const intLength = digits.length + exp
  if (intLength <= 0) return text
  // the destination rounds the fraction away: 38 nines and a half become 39 digits
  const roundsUp = digits.charCodeAt(intLength) >= 53 // '5'
  const int = BigInt(digits.slice(0, intLength)) + (roundsUp ? 1n : 0n)
  return int <= WEI_MAX ? text : COERCE_FAILED
}

/** Python's `str(Decimal)` for sign, coefficient digits and exponent. */
function decimalToString(negative: boolean, coefficient: string, exp: number): string {
  const leftDigits = exp + coefficient.length
  const dotPlace = exp <= 0 && leftDigits > -6 ? leftDigits : 1
  let intPart: string
  let fracPart: string
  if (dotPlace <= 0) {
    intPart = '0'
    fracPart = `.${'0'.repeat(-dotPlace)}${coefficient}`
  } else if (dotPlace >= coefficient.length) {
    intPart = coefficient + '0'.repeat(dotPlace - coefficient.length)
    fracPart = ''
  } else {
    intPart = coefficient.slice(0, dotPlace)
    fracPart = `.${coefficient.slice(dotPlace)}`
  }
  const e =
    leftDigits === dotPlace
      ? ''
      : `E${leftDigits - dotPlace >= 0 ? '+' : ''}${leftDigits - dotPlace}`
  return `${negative ? '-' : ''}${intPart}${fracPart}${e}`
}

/** Python's `str(Decimal(float))`: the exact binary value of the double. */
function decimalOfDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, n)
  const bits = view.getBigUint64(0)
  const negative = bits >> 63n === 1n
  const rawExp = Number((bits >> 52n) & 0x7ffn)
  let mantissa = bits & 0xfffffffffffffn
  let exp2 = rawExp === 0 ? -1074 : rawExp - 1075
  if (rawExp !== 0) mantissa |= 1n << 52n
  if (mantissa === 0n) return negative ? '-0' : '0'
  while (exp2 < 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n
    exp2 += 1
  }
  if (exp2 >= 0) return decimalToString(negative, (mantissa << BigInt(exp2)).toString(), 0)
  return decimalToString(negative, (mantissa * 5n ** BigInt(-exp2)).toString(), exp2)
}

const HEX_BYTES = /^(?:\s*[0-9a-fA-F]{2})*\s*$/
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function binaryFromText(text: string): Uint8Array | typeof COERCE_FAILED {
  if (text.startsWith('0x')) {
    // plain hex digits (the common shape)
    const bytes = plainHexBytes(text, 2)
    if (bytes !== undefined) return bytes
    const hex = text.slice(2)
    return HEX_BYTES.test(hex)
      ? Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'))
      : COERCE_FAILED
  }
  return BASE64.test(text) ? Uint8Array.from(Buffer.from(text, 'base64')) : COERCE_FAILED
}

/** Hex digit values by character code (-1: not a hex digit). */
const HEX_DIGITS = Int8Array.from({ length: 128 }, (_, code) => {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 102) return code - 87
  return code >= 65 && code <= 70 ? code - 55 : -1
})
/** Longer hex text is decoded by Node (one native call beats the loop). */
const NATIVE_HEX_CHARS = 1024

/**
 * The bytes of `text` from `start` if it is hex digits only (an even count), else undefined. A
 * loop for short values: half the cost of `Buffer.from(hex, 'hex')` and a copy out of its pool.
 */
function plainHexBytes(text: string, start: number): Uint8Array | undefined {
  const length = text.length - start
  if (length % 2 !== 0) return undefined
  if (length >= NATIVE_HEX_CHARS) {
    const bytes = Buffer.from(text.slice(start), 'hex')
    return bytes.length * 2 === length ? new Uint8Array(bytes) : undefined
  }
  const bytes = new Uint8Array(length / 2)
  for (let i = 0, at = start; i < bytes.length; i++, at += 2) {
    const high = text.charCodeAt(at)
    const low = text.charCodeAt(at + 1)
    const highValue = high < 128 ? HEX_DIGITS[high]! : -1
    const lowValue = low < 128 ? HEX_DIGITS[low]! : -1
    if ((highValue | lowValue) < 0) return undefined
    bytes[i] = (highValue << 4) | lowValue
  }
  return bytes
}

function binaryFromInt(value: number | bigint): Uint8Array | typeof COERCE_FAILED {
  let big = BigInt(value)
  if (big < 0n) return COERCE_FAILED
  const bytes: number[] = []
  while (big > 0n) {
    bytes.push(Number(big & 0xffn))
    big >>= 8n
  }
  return Uint8Array.from(bytes)
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    // Not JSON: dlt's `json.loads` raises here too and the value goes to a variant column.
    return COERCE_FAILED
  }
}
