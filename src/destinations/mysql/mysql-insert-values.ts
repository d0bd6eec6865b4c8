/**
 * @module The bulk path of the MySQL destination: rows of a JSON-lines loader file become
 * multi-row `INSERT … VALUES (…), (…)` statements of at most `maxStatementLength` characters each (a character is at most 3 bytes here, well under
 * `max_allowed_packet`: 16 MB on MariaDB, 64 MB on MySQL 8), with values as literals, so the
 * server parses each statement once and no prepared statement is held per row.
 *
 * Values arrive in the loader's encoding: bigint as a string of digits, binary as base64,
 * timestamps as ISO-8601 (written as UTC `YYYY-MM-DD HH:MM:SS.ffffff`, `DATETIME` has no zone),
 * JSON as nested values (written as JSON text).
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

/** One multi-row `INSERT` and the number of rows it inserts. */
export interface InsertStatement {
  readonly sql: string
  readonly rows: number
}

/**
 * `INSERT INTO target (columns) VALUES …` statements for `rows`, each at most about
 * `maxStatementLength` long (a single longer row makes a statement of its own); keys missing from a
 * row insert NULL. `target` and `quotedColumns` are quoted already.
 */
export async function* insertStatements(
  target: string,
  columns: readonly ColumnSchema[],
  quotedColumns: readonly string[],
  rows: AsyncIterable<Record<string, unknown>>,
  maxStatementLength: number,
): AsyncGenerator<InsertStatement> {
  const head = `INSERT INTO ${target} (${quotedColumns.join(', ')}) VALUES `
  const names = columns.map((column) => column.name)
  const encoders = columns.map((column) => ENCODERS[column.data_type ?? 'text'])
  let values = ''
  let count = 0
  for await (const row of rows) {
    let tuple = count === 0 ? '(' : ',('
    for (let i = 0; i < names.length; i++) {
      const value = row[names[i]!]
      if (i > 0) tuple += ','
      tuple += value === null || value === undefined ? 'NULL' : encoders[i]!(value)
    }
    tuple += ')'
    if (count > 0 && head.length + values.length + tuple.length > maxStatementLength) {
      yield { sql: head + values, rows: count }
      values = tuple.slice(1)
      count = 1
    } else {
      values += tuple
      count++
    }
  }
  if (count > 0) yield { sql: head + values, rows: count }
}
