/**
 * @module PostgreSQL rows as JSON lines: the `COPY (SELECT row_to_json(…)) TO STDOUT` the source
 * runs — CSV with quote and delimiter bytes JSON never holds unescaped, so each output line is the
 * row's JSON as is — the casts that keep values JSON would round (`numeric` and `bigint` beyond
 * 2^53 as text, `bytea` as `0x` hex; line breaks of `json` text as spaces), and the COPY data as
 * `JsonLines` pages. The source reads this way only what copy text (`pg-copy-text.ts`) cannot
 * describe: a result of one column, or with two columns of one name.
 */
import { JsonLines } from '../../extract/json-lines.js'
import { linePages } from './line-pages.js'
import { quoteIdentifier } from './sql-literal.js'
import { renderSelect, type SqlSelect } from './sql-select.js'
import type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'

/** Integers a JSON number (a double) carries exactly. */
const SAFE_INTEGER = 9007199254740991

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
 * The COPY data (`data`, chunks cut anywhere) as `JsonLines` pages of exactly `chunkSize` lines
 * (the last one shorter). `source` names the table in parse errors.
 */
export function jsonLinePages(
  data: AsyncIterable<Buffer>,
  chunkSize: number,
  source: string,
): AsyncGenerator<JsonLines> {
  return linePages(
    data,
    chunkSize,
    (parts, _lines, firstLine) => new JsonLines(parts, source, firstLine),
  )
}
