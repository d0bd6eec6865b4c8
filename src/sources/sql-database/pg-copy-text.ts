/**
 * @module PostgreSQL rows as copy text: the `COPY (SELECT …) TO STDOUT` the source runs for a
 * table, in PostgreSQL's own text format, and how each column's field is decoded into the value
 * `row_to_json` would have given (`storage/copy-text.ts`). The server writes text about twice as
 * fast as it writes JSON, and extract copies the lines into the package as they are.
 *
 * Columns of types whose text is not what JSON holds of them — arrays, composites, domains,
 * enums, anything not listed here — are selected as `to_json(column)` and decoded as JSON, so
 * every value is exactly what the JSON path gave. The connection writes dates in ISO style,
 * timestamps with time zone in UTC and `bytea` as hex (`pg-source-connection.ts`).
 */
import type { CopyTextColumn, CopyTextKind } from '../../storage/copy-text.js'
import { quoteIdentifier } from './sql-literal.js'
import { renderSelect, type SqlSelect } from './sql-select.js'
import type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'

/** How the text of each PostgreSQL type is decoded (by `format_type` name). */
const TEXT_KINDS: ReadonlyMap<string, CopyTextKind> = new Map([
  ['smallint', 'integer'],
  ['integer', 'integer'],
  ['bigint', 'integer'],
  ['real', 'float'],
  ['double precision', 'float'],
  ['boolean', 'boolean'],
  ['numeric', 'text'],
  ['text', 'text'],
  ['character varying', 'text'],
  ['character', 'text'],
  ['uuid', 'text'],
  ['date', 'text'],
  ['time without time zone', 'text'],
  ['interval', 'text'],
  ['timestamp without time zone', 'timestamp'],
  ['timestamp with time zone', 'timestamptz'],
  ['time with time zone', 'text'],
  ['json', 'json'],
  ['jsonb', 'json'],
  ['bytea', 'bytea'],
])

/** The COPY statement of a table read as copy text, and the columns of its lines. */
export interface CopyTextSelect {
  readonly sql: string
  readonly columns: readonly CopyTextColumn[]
}

/**
 * The COPY statement reading `query` as copy text, or undefined when the columns of its lines
 * are not known: a query given as SQL text, or one selecting `*`.
 */
export function copyTextSelect(
  query: SqlSelect | string,
  table: SqlTableSchema,
): CopyTextSelect | undefined {
  if (typeof query === 'string' || query.columns.length === 0) return undefined
  const byName = new Map(table.columns.map((column) => [column.name, column]))
  const columns = query.columns.map((name) => ({ name, kind: textKind(byName.get(name)) }))
  const kinds = new Map(columns.map((column) => [column.name, column.kind]))
  const select = renderSelect(query, 'postgresql', (name) => {
    const quoted = quoteIdentifier(name, 'postgresql')
    return kinds.get(name) === 'json' && !isJsonType(byName.get(name))
      ? `to_json(${quoted}) AS ${quoted}`
      : quoted
  })
  return { sql: `COPY (${select}) TO STDOUT`, columns }
}

function textKind(column: SqlColumn | undefined): CopyTextKind {
  return (column && TEXT_KINDS.get(column.dbType)) ?? 'json'
}

function isJsonType(column: SqlColumn | undefined): boolean {
  return column?.dbType === 'json' || column?.dbType === 'jsonb'
}
