/**
 * @module PostgreSQL rows as copy text: the `COPY (SELECT …) TO STDOUT` the source runs for a
 * table, in PostgreSQL's own text format, and how each result column's field is decoded into the
 * value `row_to_json` would have given (`storage/copy-text.ts`). The server writes text about
 * twice as fast as it writes JSON, and extract copies the lines into the package as they are.
 *
 * The decoding follows the types the server says the query returns (its row description, asked
 * for with `LIMIT 0`), not the reflected table, which a `tableAdapterCallback` may have retyped.
 * Result columns of types whose text is not what JSON holds of them — arrays, composites,
 * domains, enums, anything not listed here — are selected as `to_json(column)` and decoded as
 * JSON, so every value is exactly what the JSON path gave. The connection writes dates in ISO
 * style, timestamps with time zone in UTC and `bytea` as hex (`pg-source-connection.ts`).
 */
import type { CopyTextColumn, CopyTextKind } from '../../storage/copy-text.js'
import { quoteIdentifier } from './sql-literal.js'

/** A column of a query's result as the server describes it. */
export interface PgResultColumn {
  readonly name: string
  /** The type's oid (`pg_type.oid`). */
  readonly typeId: number
}

/** How the text of each built-in type is decoded, by type oid. */
const TEXT_KINDS: ReadonlyMap<number, CopyTextKind> = new Map<number, CopyTextKind>([
  [16, 'boolean'], // boolean
  [17, 'bytea'], // bytea
  [20, 'integer'], // bigint
  [21, 'integer'], // smallint
  [23, 'integer'], // integer
  [25, 'text'], // text
  [114, 'json'], // json
  [700, 'float'], // real
  [701, 'float'], // double precision
  [1042, 'text'], // character(n)
  [1043, 'text'], // character varying
  [1082, 'text'], // date
  [1083, 'text'], // time
  [1114, 'timestamp'], // timestamp
  [1184, 'timestamptz'], // timestamp with time zone
  [1186, 'text'], // interval
  [1266, 'text'], // time with time zone
  [1700, 'text'], // numeric: its exact text, as the JSON path casts it
  [2950, 'text'], // uuid
  [3802, 'json'], // jsonb
])

/** The COPY statement of a query read as copy text, and the columns of its lines. */
export interface CopyTextSelect {
  readonly sql: string
  readonly columns: readonly CopyTextColumn[]
}

/**
 * The COPY statement reading the rows of `select` (SQL) as copy text, given its result columns;
 * undefined when two columns share a name (their fields could not become one item's keys) or
 * there are fewer than two (a row of one empty text would be an empty line, which line readers
 * skip).
 */
export function copyTextSelect(
  select: string,
  result: readonly PgResultColumn[],
): CopyTextSelect | undefined {
  if (result.length < 2) return undefined
  if (new Set(result.map((column) => column.name)).size < result.length) return undefined
  const columns = result.map(({ name, typeId }) => ({
    name,
    kind: TEXT_KINDS.get(typeId) ?? ('json' as const),
    toJson: !TEXT_KINDS.has(typeId),
  }))
  const entries = columns.map(({ name, toJson }) => {
    const quoted = quoteIdentifier(name, 'postgresql')
    return toJson ? `to_json(t.${quoted}) AS ${quoted}` : `t.${quoted}`
  })
  const rows = columns.some((column) => column.toJson)
    ? `SELECT ${entries.join(', ')} FROM (${select}) AS t`
    : select
  return {
    sql: `COPY (${rows}) TO STDOUT`,
    columns: columns.map(({ name, kind }) => ({ name, kind })),
  }
}
