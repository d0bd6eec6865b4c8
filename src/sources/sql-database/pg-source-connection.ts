/**
 * @module Reads PostgreSQL through `pg`: one connection (time zone UTC), reflection from
 * `pg_catalog` (`pg-reflection.ts`), and rows through `COPY (SELECT …) TO STDOUT` in the server's
 * text format (`pg-copy-text.ts`; a query given as SQL text through `row_to_json`,
 * `pg-json-lines.ts`): the pages of lines go to extract, which copies them into the package
 * unparsed. Connections reading one table in key
 * ranges share a snapshot (`pg_export_snapshot`), so together they read what one would.
 */
import type { Readable } from 'node:stream'
import type { ConnectionStringCredentials } from '../../config/index.js'
import { toError } from '../../errors/dlt-error.js'
import { CopyTextPage } from '../../extract/copy-text-page.js'
import { MissingPeerDependencyError } from '../../util/optional-peers.js'
import { CONNECT, classifyDriverError } from './classify-driver-error.js'
import { linePages } from './line-pages.js'
import { copyTextSelect, type PgResultColumn } from './pg-copy-text.js'
import { copyJsonLinesSql, jsonLinePages } from './pg-json-lines.js'
import {
  PG_COLUMNS_SQL,
  PG_KEYS_SQL,
  PG_TABLE_KINDS,
  PG_TABLES_SQL,
  PG_VIEW_KINDS,
  pgColumn,
} from './pg-reflection.js'
import { tablesFromRows } from './reflected-rows.js'
import { sqlLiteral } from './sql-literal.js'
import { renderSelect, type SqlSelect } from './sql-select.js'
import type { RowChunk, SqlSourceConnection } from './sql-source-connection.js'
import type { SqlTableSchema } from './sql-table-schema.js'

interface PgClient {
  connect(): Promise<void>
  query(
    text: string,
    values?: unknown[],
  ): Promise<{
    rows: Record<string, unknown>[]
    fields: { name: string; dataTypeID: number }[]
  }>
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

/** The transaction connections reading one table together share a snapshot in. */
const SNAPSHOT_TRANSACTION = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'

/** dlt's `PostgresCredentials.connect_timeout`, in seconds. */
const DEFAULT_CONNECT_TIMEOUT = 15

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
    // timestamptz values are written in UTC; copy text expects ISO dates and hex bytea
    await client.query("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex'")
  } catch (error) {
    await client.end().catch(() => undefined)
    throw classifyDriverError(error, { database }, CONNECT, secrets)
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
    const kinds = includeViews ? [...PG_TABLE_KINDS, ...PG_VIEW_KINDS] : [...PG_TABLE_KINDS]
    const rows = await this.#query(PG_TABLES_SQL, [schema, kinds])
    return rows.map((row) => String(row['name']))
  }

  async reflect(schema: string, names: readonly string[]): Promise<SqlTableSchema[]> {
    const columns = await this.#query(PG_COLUMNS_SQL, [schema, [...names]])
    const keys = await this.#query(PG_KEYS_SQL, [schema, [...names]])
    return tablesFromRows(
      schema,
      names,
      columns.map((row) => ({ table: String(row['table_name']), column: pgColumn(row) })),
      keys.map((row) => ({ table: String(row['table_name']), column: String(row['column_name']) })),
    )
  }

  async *readRows(
    query: SqlSelect | string,
    table: SqlTableSchema,
    chunkSize: number,
  ): AsyncGenerator<RowChunk> {
    const context = { database: this.#database, table: `${table.schema}.${table.name}` }
    // SQL text ends with a line break: a trailing `-- comment` must not hide what wraps it
    const select =
      typeof query === 'string'
        ? `${query.trim().replace(/;+$/, '')}\n`
        : renderSelect(query, 'postgresql')
    const text = copyTextSelect(select, await this.#resultColumns(select, context))
    const sql = text?.sql ?? copyJsonLinesSql(query, table)
    try {
      const stream = this.#client.query(this.#copy.to(sql)) as AsyncIterable<Buffer>
      yield* text
        ? linePages(
            stream,
            chunkSize,
            (parts, lines) => new CopyTextPage(parts, lines, text.columns, context.table),
          )
        : jsonLinePages(stream, chunkSize, context.table)
    } catch (error) {
      throw classifyDriverError(error, context, sql, this.#secrets)
    }
  }

  /** The columns `select` returns, as the server describes them (the query runs with LIMIT 0). */
  async #resultColumns(
    select: string,
    context: { database: string; table: string },
  ): Promise<PgResultColumn[]> {
    const sql = `SELECT * FROM (${select}) AS t LIMIT 0`
    try {
      const { fields } = await this.#client.query(sql)
      return fields.map((field) => ({ name: field.name, typeId: field.dataTypeID }))
    } catch (error) {
      throw classifyDriverError(error, context, sql, this.#secrets)
    }
  }

  async exportSnapshot(): Promise<string | undefined> {
    await this.#query(SNAPSHOT_TRANSACTION)
    try {
      const rows = await this.#query('SELECT pg_export_snapshot() AS id')
      return String(rows[0]?.['id'])
    } catch {
      // e.g. a standby before PostgreSQL 10: read with this connection alone
      await this.#query('ROLLBACK')
      return undefined
    }
  }

  async importSnapshot(snapshot: string): Promise<void> {
    await this.#query(SNAPSHOT_TRANSACTION)
    await this.#query(`SET TRANSACTION SNAPSHOT ${sqlLiteral(snapshot, 'postgresql')}`)
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
