/**
 * @module Reads MySQL and MariaDB through `mysql2`: one connection (time zone UTC), reflection
 * from `information_schema` (`mysql-reflection.ts`), rows streamed from the server and grouped
 * into pages of `chunkSize` objects (values as `mysql-type-cast.ts` makes them; `DECIMAL` and
 * `BIGINT` beyond 2^53 as exact text). A connection lost mid-read ends the read with its error.
 */
import type { Readable } from 'node:stream'
import type { ConnectionStringCredentials } from '../../config/index.js'
import { toError } from '../../errors/dlt-error.js'
import { MissingPeerDependencyError } from '../../util/optional-peers.js'
import { CONNECT, classifyDriverError } from './classify-driver-error.js'
import {
  jsonCheckedColumns,
  MYSQL_CHECKS_SQL,
  MYSQL_COLUMNS_SQL,
  MYSQL_KEYS_SQL,
  MYSQL_TABLE_TYPES,
  MYSQL_TABLES_SQL,
  MYSQL_VIEW_TYPES,
  mysqlColumn,
} from './mysql-reflection.js'
import { mysqlTypeCast } from './mysql-type-cast.js'
import { tablesFromRows } from './reflected-rows.js'
import { renderSelect, type SqlSelect } from './sql-select.js'
import type { RowChunk, SqlSourceConnection } from './sql-source-connection.js'
import type { SqlTableSchema } from './sql-table-schema.js'

interface MysqlQuery {
  stream(options?: { highWaterMark?: number }): Readable
}
interface MysqlConnection {
  query(
    options: { sql: string; values?: unknown[]; typeCast?: unknown },
    callback: (error: Error | null, rows: unknown) => void,
  ): unknown
  query(options: { sql: string; typeCast?: unknown }): MysqlQuery
  connect(callback: (error: Error | null) => void): void
  end(callback: (error?: Error | null) => void): void
  destroy(): void
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'end', listener: () => void): unknown
  removeListener(event: 'error' | 'end', listener: (...args: never[]) => void): unknown
}
interface MysqlModule {
  createConnection(config: Record<string, unknown>): MysqlConnection
}

/** Opens a connection to the MySQL or MariaDB database of `credentials`. */
export async function openMysqlConnection(
  credentials: ConnectionStringCredentials,
): Promise<SqlSourceConnection> {
  const mysql = await importMysql()
  const timeout = Number(credentials.query?.['connect_timeout'] ?? 15)
  const connection = mysql.createConnection({
    host: credentials.host ?? 'localhost',
    port: credentials.port ?? 3306,
    user: credentials.username,
    password: credentials.password,
    database: credentials.database,
    connectTimeout: (Number.isFinite(timeout) ? timeout : 15) * 1000,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: false,
    timezone: 'Z',
    charset: 'utf8mb4',
  })
  const database = credentials.toString()
  const secrets = credentials.password === undefined ? [] : [credentials.password]
  // a connection the server ends emits 'error'; the running query (if any) reports it
  connection.on('error', () => undefined)
  const opened = new MysqlSourceConnection(connection, database, secrets)
  try {
    await new Promise<void>((resolve, reject) =>
      connection.connect((error) => (error ? reject(error) : resolve())),
    )
    await opened.query("SET time_zone = '+00:00'")
  } catch (error) {
    connection.destroy()
    throw classifyDriverError(error, { database }, CONNECT, secrets)
  }
  return opened
}

class MysqlSourceConnection implements SqlSourceConnection {
  readonly dialect = 'mysql'
  readonly #connection: MysqlConnection
  readonly #database: string
  readonly #secrets: readonly string[]

  constructor(connection: MysqlConnection, database: string, secrets: readonly string[]) {
    this.#connection = connection
    this.#database = database
    this.#secrets = secrets
  }

  async defaultSchema(): Promise<string> {
    const rows = await this.query('SELECT DATABASE() AS name')
    const name = rows[0]?.['name']
    if (typeof name !== 'string') {
      throw new TypeError(
        `No database selected for ${this.#database}: give \`schema\` or a database in the connection string (mysql://user@host/<database>)`,
      )
    }
    return name
  }

  async listTables(schema: string, includeViews: boolean): Promise<string[]> {
    const types = includeViews
      ? [...MYSQL_TABLE_TYPES, ...MYSQL_VIEW_TYPES]
      : [...MYSQL_TABLE_TYPES]
    const rows = await this.query(MYSQL_TABLES_SQL, [schema, types])
    return rows.map((row) => String(row['name']))
  }

  async reflect(schema: string, names: readonly string[]): Promise<SqlTableSchema[]> {
    if (names.length === 0) return []
    const columns = await this.query(MYSQL_COLUMNS_SQL, [schema, [...names]])
    const keys = await this.query(MYSQL_KEYS_SQL, [schema, [...names]])
    let json = new Set<string>()
    try {
      json = jsonCheckedColumns(await this.query(MYSQL_CHECKS_SQL, [schema, [...names]]))
    } catch {
      // MySQL before 8.0.16 has no CHECK_CONSTRAINTS (and a native JSON type instead)
    }
    const found = columns.map((row) => {
      const table = String(row['table_name'])
      const column = mysqlColumn(row)
      if (json.has(`${table}.${column.name}`)) column.isJson = true
      return { table, column }
    })
    return tablesFromRows(
      schema,
      names,
      found,
      keys.map((row) => ({ table: String(row['table_name']), column: String(row['column_name']) })),
    )
  }

  async *readRows(
    query: SqlSelect | string,
    table: SqlTableSchema,
    chunkSize: number,
  ): AsyncGenerator<RowChunk> {
    const sql = typeof query === 'string' ? query : renderSelect(query, 'mysql')
    const context = { database: this.#database, table: `${table.schema}.${table.name}` }
    const stream = this.#connection
      .query({ sql, typeCast: mysqlTypeCast })
      .stream({ highWaterMark: 1024 })
    // mysql2 reports a lost connection on the connection only: end the read with it
    const onError = (error: Error) => stream.destroy(error)
    const onEnd = () =>
      stream.destroy(
        Object.assign(new Error('Connection lost: the server closed the connection'), {
          code: 'PROTOCOL_CONNECTION_LOST',
        }),
      )
    this.#connection.on('error', onError)
    this.#connection.on('end', onEnd)
    let page: Record<string, unknown>[] = []
    try {
      for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
        page.push(row)
        if (page.length >= chunkSize) {
          yield page
          page = []
        }
      }
    } catch (error) {
      throw classifyDriverError(error, context, sql, this.#secrets)
    } finally {
      this.#connection.removeListener('error', onError)
      this.#connection.removeListener('end', onEnd)
      if (!stream.readableEnded) stream.destroy()
    }
    if (page.length > 0) yield page
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.#connection.end((error) => {
        if (error) this.#connection.destroy()
        resolve()
      }),
    )
  }

  /** Runs one statement and returns its rows. */
  query(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
    return new Promise((resolve, reject) => {
      this.#connection.query({ sql, ...(values ? { values } : {}) }, (error, rows) => {
        if (error)
          reject(classifyDriverError(error, { database: this.#database }, sql, this.#secrets))
        else resolve(Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [])
      })
    })
  }
}

async function importMysql(): Promise<MysqlModule> {
  try {
    const module = (await import('mysql2')) as unknown as MysqlModule & { default?: MysqlModule }
    return module.default ?? module
  } catch (error) {
    const missing = new MissingPeerDependencyError('The sql_database source for MySQL', ['mysql2'])
    throw Object.assign(missing, { cause: toError(error) })
  }
}
