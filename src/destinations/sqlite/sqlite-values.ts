/**
 * @module Values as the SQLite destination binds and reads them. Written: booleans as 1/0,
 * timestamps as UTC text `YYYY-MM-DD HH:MM:SS.ffffff` (what SQLAlchemy writes, and text that
 * sorts in time order), JSON as text, binary as a BLOB, bigint as a 64-bit integer. Read back
 * through `pipeline.dataset()` by the declared column type: `DATETIME` as a `Date`, `DATE` as a
 * `Date` at UTC midnight, `BOOLEAN` as boolean, `JSON` parsed, `NUMERIC` as text, integers by
 * the common integer rule.
 */
import type { DataType } from '../../schema/data-types.js'
import { bigintsToResult, type ResultValueOptions } from '../../util/result-values.js'
import { utcDateFromText, utcDateTimeText } from '../sql/utc-datetime-text.js'

type Encoder = (value: unknown) => unknown

const INTEGER = /^-?\d+$/
const INT64_MAX = 2n ** 63n - 1n
const asText: Encoder = (value) => (typeof value === 'string' ? value : JSON.stringify(value))
const asNumber: Encoder = (value) => (typeof value === 'number' ? value : asText(value))

const ENCODERS: Readonly<Record<DataType, Encoder>> = {
  text: asText,
  date: asText,
  time: asText,
  timestamp: (value) => utcDateTimeText(value) ?? asText(value),
  bigint: (value) => {
    if (typeof value !== 'string' || !INTEGER.test(value)) return asNumber(value)
    const big = BigInt(value)
    // beyond 64 bits SQLite keeps the text (its INTEGER affinity would make it an inexact REAL)
    return big <= INT64_MAX && big >= -INT64_MAX - 1n ? big : value
  },
  double: asNumber,
  decimal: asNumber,
  wei: asNumber,
  bool: (value) => (typeof value === 'boolean' ? (value ? 1 : 0) : asText(value)),
  json: (value) => JSON.stringify(value),
  binary: (value) => (typeof value === 'string' ? Buffer.from(value, 'base64') : asText(value)),
}

/** The encoder of a loader-file value of `dataType` (null and undefined bind NULL). */
export function sqliteEncoder(dataType: DataType): (value: unknown) => unknown {
  const encode = ENCODERS[dataType]
  return (value) => (value === null || value === undefined ? null : encode(value))
}

/** A query parameter as better-sqlite3 binds it. */
export function toSqliteParam(value: unknown): unknown {
  if (value === undefined) return null
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return utcDateTimeText(value)
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
  return value
}

/** A value read from a column declared `declaredType` (null for expressions). */
export function fromSqliteValue(
  value: unknown,
  declaredType: string | null,
  options: ResultValueOptions,
): unknown {
  if (value === null || declaredType === null) return bigintsToResult(value, options)
  const type = declaredType.toUpperCase()
  if (typeof value === 'string' && /^(DATETIME|TIMESTAMP|DATE$)/.test(type)) {
    return utcDateFromText(value)
  }
  if (type === 'BOOLEAN' && (typeof value === 'bigint' || typeof value === 'number')) {
    return Number(value) !== 0
  }
  if (type === 'JSON' && typeof value === 'string') return JSON.parse(value)
  if (type.startsWith('NUMERIC') && typeof value !== 'string') return String(value)
  return bigintsToResult(value, options)
}
