/**
 * @module The fallback bulk path of the MySQL destination (`loadDataLocalInfile` off or refused):
 * the values of a JSON-lines loader file as MySQL literals for the shared multi-row `INSERT`s
 * (`sql/multi-row-insert.ts`). Values arrive in the loader's encoding: bigint as a string of
 * digits, binary as base64 (written `X'…'`), timestamps as ISO-8601 (written as UTC
 * `YYYY-MM-DD HH:MM:SS.ffffff`, `DATETIME` has no zone), JSON as nested values (its text).
 */
import type { DataType } from '../../schema/data-types.js'
import type { ColumnSchema } from '../../schema/schema-types.js'
import { utcDateTimeText } from '../sql/utc-datetime-text.js'
import { mysqlString } from './mysql-sql-generator.js'

type Encoder = (value: unknown) => string

const INTEGER = /^-?\d+$/

const asText: Encoder = (value) =>
  mysqlString(typeof value === 'string' ? value : JSON.stringify(value))
const asNumber: Encoder = (value) =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : asText(value)

const ENCODERS: Readonly<Record<DataType, Encoder>> = {
  text: asText,
  date: asText,
  time: asText,
  timestamp: (value) => mysqlString(utcDateTimeText(value) ?? String(value)),
  bigint: (value) => (typeof value === 'string' && INTEGER.test(value) ? value : asNumber(value)),
  double: asNumber,
  decimal: asNumber,
  wei: asNumber,
  bool: (value) => (typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : asText(value)),
  json: (value) => mysqlString(JSON.stringify(value)),
  binary: (value) =>
    typeof value === 'string'
      ? `X'${Buffer.from(value, 'base64').toString('hex')}'`
      : asText(value),
}

/** The literal encoder of each column's values, in column order. */
export function mysqlLiteralEncoders(columns: readonly ColumnSchema[]): Encoder[] {
  return columns.map((column) => ENCODERS[column.data_type ?? 'text'])
}
