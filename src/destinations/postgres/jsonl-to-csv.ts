/**
 * @module Streams a JSON-lines loader file as the CSV that PostgreSQL's `COPY … FROM STDIN WITH
 * (FORMAT csv)` reads, one chunk out per chunk in, so a file of any size loads in constant memory.
 *
 * Values arrive in the loader's encoding (`storage/writers/encode-row.ts`): bigint as a string of
 * digits, binary as base64, timestamps as ISO-8601 strings, JSON as nested values. In CSV, NULL is
 * an empty unquoted field, so every text value is quoted (an empty string stays an empty string,
 * and a line `\.` can never end the data early); binary becomes bytea's `\x…` hex form.
 */
import { TerminalError } from '../../errors/dlt-error.js'
import type { DataType } from '../../schema/data-types.js'
import type { ColumnSchema } from '../../schema/schema-types.js'

type Encoder = (value: unknown) => string

const quote = (text: string): string =>
  `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`

const asText: Encoder = (value) =>
  quote(
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value),
  )

const asNumber: Encoder = (value) => (typeof value === 'number' ? String(value) : asText(value))

const ENCODERS: Readonly<Record<DataType, Encoder>> = {
  text: asText,
  timestamp: asText,
  date: asText,
  time: asText,
  bigint: asNumber,
  double: asNumber,
  decimal: asNumber,
  wei: asNumber,
  bool: (value) => (typeof value === 'boolean' ? (value ? 't' : 'f') : asText(value)),
  json: (value) => quote(JSON.stringify(value)),
  binary: (value) =>
    typeof value === 'string'
      ? `\\x${Buffer.from(value, 'base64').toString('hex')}`
      : asText(value),
}

/**
 * A `stream.pipeline` stage turning JSON lines into CSV rows of `columns`, in their order; keys
 * missing from a row load as NULL. The source yields text (open the file with `encoding: 'utf8'`,
 * which never splits a character between chunks). `fileName` names the file in errors.
 */
export function createJsonlToCsv(
  columns: readonly ColumnSchema[],
  fileName: string,
): (source: AsyncIterable<string>) => AsyncGenerator<string> {
  const names = columns.map((column) => column.name)
  const encoders = columns.map((column) => ENCODERS[column.data_type ?? 'text'])
  let lineNumber = 0
  const encodeLine = (line: string): string => {
    lineNumber++
    let row: Record<string, unknown>
    try {
      row = JSON.parse(line) as Record<string, unknown>
    } catch (error) {
      throw new TerminalError(`Invalid JSON in loader file ${fileName} at line ${lineNumber}`, {
        cause: error,
      })
    }
    let out = ''
    for (let i = 0; i < names.length; i++) {
      const value = row[names[i]!]
      if (i > 0) out += ','
      if (value !== null && value !== undefined) out += encoders[i]!(value)
    }
    return `${out}\n`
  }
  return async function* jsonlToCsv(source) {
    let rest = ''
    for await (const chunk of source) {
      const text = rest + chunk
      let out = ''
      let start = 0
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        if (end > start) out += encodeLine(text.slice(start, end))
        start = end + 1
      }
      rest = text.slice(start)
      if (out) yield out
    }
    if (rest.trim()) yield encodeLine(rest)
  }
}
