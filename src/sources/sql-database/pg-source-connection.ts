/**
 * @module Reads PostgreSQL through `pg`: reflection from `pg_catalog` (so a table the user may
 * not read is still found, and reading it then says "permission denied"), and rows through
 * `COPY (SELECT row_to_json(…)) TO STDOUT` — the server writes each row as one JSON line, which
 * the source passes on as `JsonLines` pages that extract copies into the package unparsed. Values
 * JSON cannot carry exactly are cast in the SELECT: `numeric` as text, `bigint` beyond 2^53 as
 * text, `bytea` as `0x`-hex text; the reflected column types turn them back at normalize.
 */
import type { Readable } from 'node:stream'
import type { ConnectionStringCredentials } from '../../config/index.js'
import { MissingPeerDependencyError } from '../../destinations/optional-peers.js'
import { toError } from '../../errors/dlt-error.js'
import { JsonLines } from '../../extract/json-lines.js'
import { classifyDriverError } from './classify-driver-error.js'
import { quoteIdentifier } from './sql-literal.js'
import { renderSelect, type SqlSelect } from './sql-select.js'
import type { RowChunk, SqlSourceConnection } from './sql-source-connection.js'
import type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'

interface PgClient {
  connect(): Promise<void>
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
  query<S>(stream: S): S
  end(): Promise<void>
  on(event: 'error', listener: (error: Error) => void): unknown
}
interface PgModule {
  Client: new (config: Record<string, unknown>) => PgClient
}
interface CopyStreams {
  to(sql: string): Readable
}

/** dlt's `PostgresCredentials.connect_timeout`, in seconds. */
const DEFAULT_CONNECT_TIMEOUT = 15
/** Integers JSON (a double) carries exactly. */
const SAFE_INTEGER = 9007199254740991
const NEWLINE = 0x0a

/** Opens a connection to the PostgreSQL database of `credentials`. */
export async function openPgConnection(
  credentials: ConnectionStringCredentials,
): Promise<SqlSourceConnection> {
  const [pg, copy] = await Promise.all([
    importPeer<PgModule>('pg'),
    importPeer<CopyStreams>('pg-copy-streams'),
  ])
  const timeout = Number(credentials.query?.['connect_timeout'] ?? DEFAULT_CONNECT_TIMEOUT)
  const client = new pg.Client({
    connectionString: credentials.toConnectionString().replace(/^[^:]*:\/\//, 'postgresql://'),
    connectionTimeoutMillis: (Number.isFinite(timeout) ? timeout : DEFAULT_CONNECT_TIMEOUT) * 1000,
    application_name: 'dlt-ts sql_database',
  })
  const database = credentials.toString()
  const secrets = credentials.password === undefined ? [] : [credentials.password]
  // an idle connection the server ends emits 'error'; the next query reports it
  client.on('error', () => undefined)
  try {
    await client.connect()
    // timestamptz values are written in UTC
    await client.query("SET TIME ZONE 'UTC'")
  } catch (error) {
    await client.end().catch(() => undefined)
    throw classifyDriverError(error, { database }, 'connect', secrets)
  }
  return new PgSourceConnection(client, copy, database, secrets)
}

class PgSourceConnection implements SqlSourceConnection {
  readonly dialect = 'postgresql'
  readonly #client: PgClient
  readonly #copy: CopyStreams
  readonly #database: string
  readonly #secrets: readonly string[]

  constructor(client: PgClient, copy: CopyStreams, database: string, secrets: readonly string[]) {
    this.#client = client
    this.#copy = copy
    this.#database = database
    this.#secrets = secrets
  }

  async defaultSchema(): Promise<string> {
    const rows = await this.#query('SELECT current_schema() AS name')
    return String(rows[0]?.['name'] ?? 'public')
  }

  async listTables(schema: string, includeViews: boolean): Promise<string[]> {
    const kinds = includeViews ? ['r', 'p', 'v', 'm', 'f'] : ['r', 'p', 'f']
    const rows = await this.#query(
      `SELECT c.relname AS name FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind::text = ANY($2) ORDER BY c.relname`,
      [schema, kinds],
    )
    return rows.map((row) => String(row['name']))
  }

  async reflect(schema: string, names: readonly string[]): Promise<SqlTableSchema[]> {
    const columns = await this.#query(
      `SELECT c.relname AS table_name, a.attname AS column_name,
         format_type(a.atttypid, NULL) AS db_type, format_type(a.atttypid, a.atttypmod) AS column_type,
         t.typcategory AS category, a.atttypmod AS typmod, NOT a.attnotnull AS nullable
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       WHERE n.nspname = $1 AND c.relname = ANY($2) AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY c.relname, a.attnum`,
      [schema, [...names]],
    )
    const keys = await this.#query(
      `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE i.indisprimary AND n.nspname = $1 AND c.relname = ANY($2)
       ORDER BY c.relname, k.ord`,
      [schema, [...names]],
    )
    const tables = new Map<string, SqlTableSchema>()
    for (const row of columns) {
      const name = String(row['table_name'])
      let table = tables.get(name)
      if (!table) {
        table = { schema, name, columns: [], primaryKey: [] }
        tables.set(name, table)
      }
      table.columns.push(pgColumn(row))
    }
    for (const row of keys)
      tables.get(String(row['table_name']))?.primaryKey.push(String(row['column_name']))
    return names.flatMap((name) => tables.get(name) ?? [])
  }

  async *readRows(
    query: SqlSelect | string,
    table: SqlTableSchema,
    chunkSize: number,
  ): AsyncGenerator<RowChunk> {
    const byName = new Map(table.columns.map((column) => [column.name, column]))
    const inner =
      typeof query === 'string'
        ? query
        : renderSelect(query, 'postgresql', (name) => selectEntry(name, byName.get(name)))
    // CSV with quote and delimiter bytes JSON never holds unescaped: each line is the JSON as is
    const sql =
      `COPY (SELECT row_to_json(t) FROM (${inner}) AS t) TO STDOUT ` +
      `WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`
    const context = { database: this.#database, table: `${table.schema}.${table.name}` }
    let stream: Readable
    try {
      stream = this.#client.query(this.#copy.to(sql))
    } catch (error) {
      throw classifyDriverError(error, context, sql, this.#secrets)
    }
    const source = `${context.table}`
    let parts: Buffer[] = []
    let lines = 0
    let line = 1
    const page = (): JsonLines => {
      const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts)
      const result = new JsonLines(bytes, source, line)
      line += chunkSize
      parts = []
      return result
    }
    try {
      for await (const data of stream as AsyncIterable<Buffer>) {
        // pages of exactly chunkSize rows (as dlt's), cut at the right newline of the data
        let rest = data
        for (;;) {
          const cut = afterNthNewline(rest, chunkSize - lines)
          if (cut.at < 0) {
            parts.push(rest)
            lines += cut.count
            break
          }
          parts.push(rest.subarray(0, cut.at))
          lines = 0
          yield page()
          rest = rest.subarray(cut.at)
          if (rest.length === 0) break
        }
      }
    } catch (error) {
      throw classifyDriverError(error, context, sql, this.#secrets)
    }
    if (parts.some((part) => part.length > 0)) yield page()
  }

  async close(): Promise<void> {
    await this.#client.end().catch(() => undefined)
  }

  async #query(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
    try {
      return (await this.#client.query(sql, values)).rows
    } catch (error) {
      throw classifyDriverError(error, { database: this.#database }, sql, this.#secrets)
    }
  }
}

function pgColumn(row: Record<string, unknown>): SqlColumn {
  const isArray = row['category'] === 'A'
  const dbType = isArray ? 'array' : String(row['db_type'])
  const typmod = Number(row['typmod'])
  const column: SqlColumn = {
    name: String(row['column_name']),
    dbType,
    columnType: String(row['column_type']),
    nullable: row['nullable'] === true,
  }
  if (dbType === 'numeric' && typmod >= 4) {
    column.precision = ((typmod - 4) >> 16) & 0xffff
    column.scale = (typmod - 4) & 0xffff
  }
  if ((dbType === 'character varying' || dbType === 'character') && typmod >= 4) {
    column.length = typmod - 4
  }
  return column
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
    default:
      return quoted
  }
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

async function importPeer<T>(name: 'pg' | 'pg-copy-streams'): Promise<T> {
  try {
    const module = (await import(name)) as T & { default?: T }
    return (module.default ?? module) as T
  } catch (error) {
    const missing = new MissingPeerDependencyError('The sql_database source for PostgreSQL', [
      'pg',
      'pg-copy-streams',
    ])
    throw Object.assign(missing, { cause: toError(error) })
  }
}
