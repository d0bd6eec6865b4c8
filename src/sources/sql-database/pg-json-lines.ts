/**
 * @module PostgreSQL rows as JSON lines: the `COPY (SELECT row_to_json(…)) TO STDOUT` the source
 * runs — CSV with quote and delimiter bytes JSON never holds unescaped, so each output line is the
 * row's JSON as is — the casts that keep values JSON would round (`numeric` and `bigint` beyond
 * 2^53 as text, `bytea` as `0x` hex; line breaks of `json` text as spaces), and the cutting of
 * the COPY data into pages of exactly `chunkSize` lines.
 */
import { JsonLines } from '../../extract/json-lines.js'
import { quoteIdentifier } from './sql-literal.js'
import { renderSelect, type SqlSelect } from './sql-select.js'
import type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'

/** Integers a JSON number (a double) carries exactly. */
const SAFE_INTEGER = 9007199254740991
const NEWLINE = 0x0a
/** Bytes joined into one part of a page (below malloc's mmap threshold, so memory is reused). */
const GROUP_BYTES = 1 << 16

/** The COPY statement writing the rows of `query` (parts, or SQL text as is) as JSON lines. */
export function copyJsonLinesSql(query: SqlSelect | string, table: SqlTableSchema): string {
  const byName = new Map(table.columns.map((column) => [column.name, column]))
  const inner =
    typeof query === 'string'
      ? query.trim().replace(/;+$/, '')
      : renderSelect(query, 'postgresql', (name) => selectEntry(name, byName.get(name)))
  return (
    `COPY (SELECT row_to_json(t) FROM (${inner}) AS t) TO STDOUT ` +
    `WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`
  )
}

/** A column's select-list entry: cast where JSON would lose digits or bytes. */
function selectEntry(name: string, column: SqlColumn | undefined): string {
  const quoted = quoteIdentifier(name, 'postgresql')
  switch (column?.dbType) {
    case 'numeric':
      return `${quoted}::text AS ${quoted}`
    case 'bigint':
      return `CASE WHEN ${quoted} BETWEEN -${SAFE_INTEGER} AND ${SAFE_INTEGER} THEN to_json(${quoted}) ELSE to_json(${quoted}::text) END AS ${quoted}`
    case 'bytea':
      return `'0x' || encode(${quoted}, 'hex') AS ${quoted}`
    case 'json':
      // json keeps its text as written, line breaks included, and row_to_json embeds it as is: a
      // line break between JSON tokens is whitespace (inside strings it is always escaped)
      return `translate(${quoted}::text, E'\\n\\r', '  ')::json AS ${quoted}`
    default:
      return quoted
  }
}

/**
 * The COPY data (`data`, chunks cut anywhere) as pages of exactly `chunkSize` lines (the last
 * one shorter), like dlt's partitions of a result. `source` names the table in parse errors.
 */
export async function* jsonLinePages(
  data: AsyncIterable<Buffer>,
  chunkSize: number,
  source: string,
): AsyncGenerator<JsonLines> {
  // a page is handed on as parts of whole lines, each joined from pieces up to ~GROUP_BYTES: one
  // joined buffer per page (~18 MB at 50,000 rows) would be fresh memory every time
  let parts: Buffer[] = []
  let group: Buffer[] = []
  let groupBytes = 0
  let lines = 0
  let firstLine = 1
  const closeGroup = (): void => {
    if (group.length === 0) return
    parts.push(group.length === 1 ? group[0]! : Buffer.concat(group, groupBytes))
    group = []
    groupBytes = 0
  }
  const add = (piece: Buffer): void => {
    let rest = piece
    if (groupBytes + rest.length >= GROUP_BYTES) {
      const end = rest.lastIndexOf(NEWLINE) + 1
      if (end > 0) {
        group.push(rest.subarray(0, end))
        groupBytes += end
        closeGroup()
        rest = rest.subarray(end)
      }
    }
    if (rest.length === 0) return
    group.push(rest)
    groupBytes += rest.length
  }
  const page = (): JsonLines => {
    closeGroup() // a page ends with a newline: the last group holds whole lines
    const result = new JsonLines(parts, source, firstLine)
    firstLine += chunkSize
    parts = []
    return result
  }
  for await (const chunk of data) {
    let rest = chunk
    for (;;) {
      const cut = afterNthNewline(rest, chunkSize - lines)
      if (cut.at < 0) {
        add(rest)
        lines += cut.count
        break
      }
      add(rest.subarray(0, cut.at))
      lines = 0
      yield page()
      rest = rest.subarray(cut.at)
      if (rest.length === 0) break
    }
  }
  closeGroup()
  if (parts.some((part) => part.length > 0)) yield page()
}

/**
 * The offset just after the `n`-th newline of `bytes` (`at`), or -1 and the number of newlines
 * `bytes` holds when it has fewer than `n`.
 */
function afterNthNewline(bytes: Buffer, n: number): { at: number; count: number } {
  let count = 0
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) {
    if (++count === n) return { at: at + 1, count }
  }
  return { at: -1, count }
}
