/**
 * @module Copy text: rows as PostgreSQL's `COPY … TO STDOUT` text format writes them — one line
 * per row, fields separated by tabs, `\N` for null, backslash escapes for backslash, tab, newline
 * and the other control characters — as an extracted file format beside typed JSON lines.
 *
 * The SQL database source reads PostgreSQL tables this way: the server writes text ~2x faster than
 * it writes each row as JSON (`row_to_json`), and the text is a third smaller. Extract copies the
 * server's lines into a `copy-text` file whose first line names the columns and how to decode each
 * field (`CopyTextColumn`); normalize decodes every line into the item the JSON line would have
 * been — the same keys, in the same order, with the same values — so nothing after it knows.
 */

import { objectBuilder } from '../util/object-builder.js'
import { DAMAGED_PACKAGE, headerField } from './header-line.js'

/** The extracted file format of copy text (the job file's extension). */
export const COPY_TEXT_FORMAT = 'copy-text'

/**
 * How a field's text becomes the item's value:
 * - `text`: the text as is (text, numeric, uuid, date, interval, …)
 * - `integer`: a number when it is a safe integer, else the text (digits a double would round)
 * - `float`: a number, or the text of `NaN` / `Infinity` (as PostgreSQL's JSON writes them)
 * - `boolean`: `t` / `f`
 * - `json`: parsed JSON (json, jsonb, and columns the query turned into JSON with `to_json`)
 * - `bytea`: `\x` hex text as `0x` hex text
 * - `timestamp`, `timestamptz`: ISO 8601 as PostgreSQL's JSON writes it (`T` between date and
 *   time, offsets `+HH:MM`)
 */
export type CopyTextKind =
  | 'text'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'json'
  | 'bytea'
  | 'timestamp'
  | 'timestamptz'

/** One column of copy text: the item key its field becomes, and how it is decoded. */
export interface CopyTextColumn {
  readonly name: string
  readonly kind: CopyTextKind
}

const KINDS: ReadonlySet<string> = new Set<CopyTextKind>([
  'text',
  'integer',
  'float',
  'boolean',
  'json',
  'bytea',
  'timestamp',
  'timestamptz',
])

/** The first line of a copy-text file: its columns. */
export function copyTextHeader(columns: readonly CopyTextColumn[]): string {
  return JSON.stringify({ columns: columns.map(({ name, kind }) => [name, kind]) })
}

/**
 * The columns a copy-text file's first line names.
 * @throws SyntaxError when the line is not such a header.
 */
export function parseCopyTextHeader(line: string, file: string): CopyTextColumn[] {
  const columns = headerField(line, 'columns')
  if (
    !Array.isArray(columns) ||
    !columns.every(
      (entry) =>
        Array.isArray(entry) &&
        typeof entry[0] === 'string' &&
        typeof entry[1] === 'string' &&
        KINDS.has(entry[1]),
    )
  ) {
    throw new SyntaxError(
      `${file}: the first line of a ${COPY_TEXT_FORMAT} file must name its columns; ${DAMAGED_PACKAGE}`,
    )
  }
  return (columns as [string, CopyTextKind][]).map(([name, kind]) => ({ name, kind }))
}

/** A field's text (escapes undone, not null) as the value of a column of `kind`. */
type FieldDecoder = (text: string) => unknown

const DECODERS: Record<CopyTextKind, FieldDecoder> = {
  text: (text) => text,
  integer: (text) => {
    const value = Number(text)
    return Number.isSafeInteger(value) ? value : text
  },
  float: (text) => {
    const value = Number(text)
    return Number.isFinite(value) ? value : text
  },
  boolean: (text) => text === 't',
  json: (text) => JSON.parse(text),
  bytea: (text) => (text.startsWith('\\x') ? `0x${text.slice(2)}` : text),
  timestamp: (text) => isoDateTime(text),
  timestamptz: (text) => withFullOffset(isoDateTime(text)),
}

/** `YYYY-MM-DD HH:MM:SS…` with a `T` for the space (other text, e.g. `infinity`, as is). */
function isoDateTime(text: string): string {
  return text.length >= 19 && text.charCodeAt(10) === 0x20
    ? `${text.slice(0, 10)}T${text.slice(11)}`
    : text
}

/** A trailing `±HH` offset (after a digit of the time) as `±HH:MM`, as JSON writes it. */
function withFullOffset(text: string): string {
  const end = text.endsWith(' BC') ? text.length - 3 : text.length
  const sign = text.charCodeAt(end - 3)
  const digit = text.charCodeAt(end - 4)
  return (sign === 0x2b || sign === 0x2d) && digit >= 0x30 && digit <= 0x39
    ? `${text.slice(0, end)}:00${text.slice(end)}`
    : text
}

const ESCAPED: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }
const OCTAL = /^[0-7]{1,3}/
const HEX = /^x[0-9a-fA-F]{1,2}/

/** A field's text with COPY's backslash escapes undone. */
export function unescapeCopyText(field: string): string {
  let out = ''
  let from = 0
  for (let at = field.indexOf('\\'); at >= 0; at = field.indexOf('\\', from)) {
    out += field.slice(from, at)
    const next = field[at + 1] ?? ''
    from = at + 2
    if (next in ESCAPED) {
      out += ESCAPED[next]
    } else if (next >= '0' && next <= '7') {
      const digits = OCTAL.exec(field.slice(at + 1))![0]
      out += String.fromCharCode(Number.parseInt(digits, 8) & 0xff)
      from = at + 1 + digits.length
    } else if (HEX.test(field.slice(at + 1, at + 4))) {
      const digits = HEX.exec(field.slice(at + 1))![0].slice(1)
      out += String.fromCharCode(Number.parseInt(digits, 16))
      from = at + 2 + digits.length
    } else {
      out += next
    }
  }
  return from === 0 ? field : out + field.slice(from)
}

/**
 * A function decoding one line of copy text with `columns` into its item. `where` names the file
 * or page in errors. The item's keys are the column names in column order.
 */
export function copyTextDecoder(
  columns: readonly CopyTextColumn[],
  where: string,
): (line: string) => Record<string, unknown> {
  const names = columns.map((column) => column.name)
  const decoders = columns.map((column) => DECODERS[column.kind])
  const bytea = columns.map((column) => column.kind === 'bytea')
  const count = columns.length
  const build = objectBuilder(names)
  const values: unknown[] = new Array(count)
  return (line) => {
    let start = 0
    for (let i = 0; i < count; i++) {
      let end = line.indexOf('\t', start)
      if (end < 0) end = line.length
      if ((end === line.length) !== (i === count - 1)) throw fieldCountError(line, count, where)
      const field = line.slice(start, end)
      start = end + 1
      if (field === '\\N') {
        values[i] = null
        continue
      }
      try {
        values[i] = !field.includes('\\')
          ? decoders[i]!(field)
          : bytea[i] && isEscapedHex(field)
            ? `0x${field.slice(3)}`
            : decoders[i]!(unescapeCopyText(field))
      } catch (error) {
        throw new SyntaxError(
          `${where}: column "${names[i]}" holds a value that is not valid JSON ` +
            `(${(error as Error).message}); ${DAMAGED_PACKAGE}`,
          { cause: error },
        )
      }
    }
    return build(values) as Record<string, unknown>
  }
}

/** `\\x` and hex digits: `bytea` in hex, its backslash escaped (the one escape it holds). */
function isEscapedHex(field: string): boolean {
  return field.startsWith('\\\\x') && field.indexOf('\\', 2) < 0
}

function fieldCountError(line: string, count: number, where: string): SyntaxError {
  const fields = line.split('\t').length
  return new SyntaxError(
    `${where}: a row has ${fields} fields where its header names ${count} columns; ${DAMAGED_PACKAGE}`,
  )
}
