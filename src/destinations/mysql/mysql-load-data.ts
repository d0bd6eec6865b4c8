/**
 * @module The fast bulk path of the MySQL destination: a JSON-lines loader file streamed as the
 * text that `LOAD DATA LOCAL INFILE … FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
 * ESCAPED BY '\\'` reads (5× the multi-row `INSERT`s on MariaDB 10.11, `docs/performance.md`).
 * NULL is `\N`; text is quoted with `\` escapes, so an empty string stays empty; timestamps are UTC
 * `YYYY-MM-DD HH:MM:SS.ffffff`; JSON is its text; binary goes through a user variable as hex,
 * `SET col = UNHEX(@v)`. The server must allow it (`local_infile`, on by default in MariaDB, off
 * in MySQL 8): the client falls back to `mysql-insert-values.ts` when it does not.
 */
import { Readable } from 'node:stream'
import type { DataType } from '../../schema/data-types.js'
import type { ColumnSchema } from '../../schema/schema-types.js'
import { utcDateTimeText } from '../sql/utc-datetime-text.js'

type Encoder = (value: unknown) => string

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/
const SPECIAL = /[\\"\n\r\0]/g
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
}

const asText: Encoder = (value) =>
  `"${(typeof value === 'string' ? value : JSON.stringify(value)).replace(SPECIAL, (c) => ESCAPES[c]!)}"`
const asNumber: Encoder = (value) =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && NUMBER.test(value))
    ? String(value)
    : asText(value)

const ENCODERS: Readonly<Record<DataType, Encoder>> = {
  text: asText,
  date: asText,
  time: asText,
  json: (value) => asText(JSON.stringify(value)),
  timestamp: (value) => utcDateTimeText(value) ?? asText(value),
  bigint: asNumber,
  double: asNumber,
  decimal: asNumber,
  wei: asNumber,
  bool: (value) => (typeof value === 'boolean' ? (value ? '1' : '0') : asText(value)),
  binary: (value) =>
    typeof value === 'string' ? Buffer.from(value, 'base64').toString('hex') : asText(value),
}

/**
 * The `LOAD DATA LOCAL INFILE` statement loading `fileName` (only a name: the stream comes from
 * the client) into `target`; `quote` quotes an identifier.
 */
export function loadDataSql(
  target: string,
  columns: readonly ColumnSchema[],
  fileName: string,
  quote: (name: string) => string,
  literal: (text: string) => string,
): string {
  const fields = columns.map((column, i) =>
    column.data_type === 'binary' ? `@v${i}` : quote(column.name),
  )
  const binary = columns.flatMap((column, i) =>
    column.data_type === 'binary' ? [`${quote(column.name)} = UNHEX(@v${i})`] : [],
  )
  return (
    `LOAD DATA LOCAL INFILE ${literal(fileName)} INTO TABLE ${target} CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\\\' ` +
    `LINES TERMINATED BY '\\n' (${fields.join(', ')})` +
    (binary.length > 0 ? ` SET ${binary.join(', ')}` : '')
  )
}

/** `rows` as the lines `loadDataSql` reads, in chunks of about 64 KB. */
export function loadDataStream(
  columns: readonly ColumnSchema[],
  rows: AsyncIterable<Record<string, unknown>>,
): Readable {
  const names = columns.map((column) => column.name)
  const encoders = columns.map((column) => ENCODERS[column.data_type ?? 'text'])
  async function* lines(): AsyncGenerator<Buffer> {
    let chunk = ''
    for await (const row of rows) {
      for (let i = 0; i < names.length; i++) {
        const value = row[names[i]!]
        if (i > 0) chunk += ','
        chunk += value === null || value === undefined ? '\\N' : encoders[i]!(value)
      }
      chunk += '\n'
      if (chunk.length > 65_536) {
        yield Buffer.from(chunk)
        chunk = ''
      }
    }
    if (chunk) yield Buffer.from(chunk)
  }
  return Readable.from(lines())
}
