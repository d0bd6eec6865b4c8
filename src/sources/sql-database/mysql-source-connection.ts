/**
 * @module Reads MySQL and MariaDB through `mysql2`: reflection from `information_schema` (MariaDB's
 * `JSON` columns are `longtext` with a `json_valid` check, found there too), rows streamed from
 * the server and grouped into pages of `chunkSize` objects. The session's time zone is UTC;
 * `DECIMAL` arrives as text, `BIGINT` beyond 2^53 as text, date-times as ISO-8601 text,
 * `TINYINT(1)` as a boolean, `JSON` parsed.
 */
import type { Readable } from 'node:stream'
import type { ConnectionStringCredentials } from '../../config/index.js'
import { MissingPeerDependencyError } from '../../destinations/optional-peers.js'
import { toError } from '../../errors/dlt-error.js'
import { classifyDriverError } from './classify-driver-error.js'
import { renderSelect, type SqlSelect } from './sql-select.js'
import type { RowChunk, SqlSourceConnection } from './sql-source-connection.js'
import type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'

interface MysqlField {
  readonly type: string
  readonly length: number
  string(): string | null
}
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
    throw classifyDriverError(error, { database }, 'connect', secrets)
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
      ? ['BASE TABLE', 'VIEW', 'SYSTEM VERSIONED']
      : ['BASE TABLE', 'SYSTEM VERSIONED']
    const rows = await this.query(
      'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN (?) ORDER BY TABLE_NAME',
      [schema, types],
    )
    return rows.map((row) => String(row['name']))
  }

  async reflect(schema: string, names: readonly string[]): Promise<SqlTableSchema[]> {
    if (names.length === 0) return []
    const columns = await this.query(
      `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, DATA_TYPE AS db_type,
         COLUMN_TYPE AS column_type, IS_NULLABLE AS nullable, CHARACTER_MAXIMUM_LENGTH AS length,
         NUMERIC_PRECISION AS \`precision\`, NUMERIC_SCALE AS scale, COLUMN_KEY AS column_key
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?)
       ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [schema, [...names]],
    )
    const keys = await this.query(
      `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name
       FROM information_schema.KEY_COLUMN_USAGE
       WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) AND CONSTRAINT_NAME = 'PRIMARY'
       ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [schema, [...names]],
    )
    const jsonColumns = await this.#jsonChecks(schema, names)
    const tables = new Map<string, SqlTableSchema>()
    for (const row of columns) {
      const name = String(row['table_name'])
      let table = tables.get(name)
      if (!table) {
        table = { schema, name, columns: [], primaryKey: [] }
        tables.set(name, table)
      }
      const column = mysqlColumn(row)
      if (jsonColumns.has(`${name}.${column.name}`)) column.isJson = true
      table.columns.push(column)
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
    const sql = typeof query === 'string' ? query : renderSelect(query, 'mysql')
    const context = { database: this.#database, table: `${table.schema}.${table.name}` }
    const stream = this.#connection.query({ sql, typeCast }).stream({ highWaterMark: 1024 })
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

  /** `table.column` of the text columns MariaDB checks with `json_valid` (its JSON type). */
  async #jsonChecks(schema: string, names: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>()
    let rows: Record<string, unknown>[]
    try {
      rows = await this.query(
        `SELECT TABLE_NAME AS table_name, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
         WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME IN (?)`,
        [schema, [...names]],
      )
    } catch {
      // MySQL before 8.0.16 has no CHECK_CONSTRAINTS (and a native JSON type instead)
      return found
    }
    for (const row of rows) {
      const match = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(String(row['clause']).trim())
      if (match) found.add(`${String(row['table_name'])}.${match[1]!.replaceAll('``', '`')}`)
    }
    return found
  }
}

const DECIMAL_TYPES = new Set(['decimal', 'numeric'])
const LENGTH_TYPES = new Set(['char', 'varchar', 'binary', 'varbinary'])

function mysqlColumn(row: Record<string, unknown>): SqlColumn {
  const dbType = String(row['db_type']).toLowerCase()
  const column: SqlColumn = {
    name: String(row['column_name']),
    dbType,
    columnType: String(row['column_type']),
    nullable: row['nullable'] === 'YES',
  }
  if (DECIMAL_TYPES.has(dbType)) {
    if (row['precision'] != null) column.precision = Number(row['precision'])
    if (row['scale'] != null) column.scale = Number(row['scale'])
  }
  if (LENGTH_TYPES.has(dbType) && row['length'] != null) column.length = Number(row['length'])
  return column
}

/** mysql2's value conversion: ISO-8601 date-times, booleans for TINYINT(1), parsed JSON. */
function typeCast(field: MysqlField, next: () => unknown): unknown {
  switch (field.type) {
    case 'TINY': {
      if (field.length !== 1) return next()
      const text = field.string()
      return text === null ? null : text !== '0'
    }
    case 'DATETIME':
    case 'TIMESTAMP': {
      const text = field.string()
      if (text === null) return null
      const iso = text.replace(' ', 'T')
      return field.type === 'TIMESTAMP' ? `${iso}+00:00` : iso
    }
    case 'DATE':
    case 'NEWDATE':
      return field.string()
    case 'JSON': {
      const text = field.string()
      return text === null ? null : JSON.parse(text)
    }
    default:
      return next()
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
