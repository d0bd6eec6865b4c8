/**
 * @module Reads SQLite database files through `better-sqlite3` (read-only): reflection from
 * `sqlite_master` and `PRAGMA table_info` (`sqlite-reflection.ts`), rows iterated from a prepared
 * statement and grouped into pages of `chunkSize` objects, handing the event loop back between
 * pages. Integers come as exact `bigint`s and become numbers where a double holds them exactly;
 * text, `REAL` and blobs as they are stored (SQLAlchemy, and so dlt, store date-times as
 * `YYYY-MM-DD HH:MM:SS.ffffff` text, which the reflected column types turn back at normalize).
 */
import type { ConnectionStringCredentials } from '../../config/index.js'
import { toError } from '../../errors/dlt-error.js'
import { MissingPeerDependencyError } from '../../util/optional-peers.js'
import { classifyDriverError } from './classify-driver-error.js'
import { renderSelect, type SqlSelect } from './sql-select.js'
import type { RowChunk, SqlSourceConnection } from './sql-source-connection.js'
import type { SqlTableSchema } from './sql-table-schema.js'
import {
  sqliteColumn,
  sqliteColumnsSql,
  sqlitePrimaryKey,
  sqliteTablesSql,
} from './sqlite-reflection.js'

interface SqliteStatement {
  safeIntegers(toggle?: boolean): SqliteStatement
  all(...params: unknown[]): Record<string, unknown>[]
  iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement
  close(): void
}
type SqliteConstructor = new (
  path: string,
  options: { readonly?: boolean; fileMustExist?: boolean },
) => SqliteDatabase

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** Opens the SQLite file of `credentials` (`sqlite:///relative.db`, `sqlite:////abs.db`). */
export async function openSqliteConnection(
  credentials: ConnectionStringCredentials,
): Promise<SqlSourceConnection> {
  const Database = await importSqlite()
  const database = credentials.toString()
  const file = credentials.database
  if (file === undefined || file === '') {
    throw new TypeError(
      `No database file in ${database}: give its path, sqlite:///relative.db or sqlite:////absolute.db`,
    )
  }
  try {
    return new SqliteSourceConnection(
      new Database(file, { readonly: true, fileMustExist: true }),
      database,
    )
  } catch (error) {
    // a missing or unreadable file: not something a retry fixes
    throw classifyDriverError(error, { database }, `open ${file}`, [])
  }
}

class SqliteSourceConnection implements SqlSourceConnection {
  readonly dialect = 'sqlite'
  readonly #db: SqliteDatabase
  readonly #database: string

  constructor(db: SqliteDatabase, database: string) {
    this.#db = db
    this.#database = database
  }

  async defaultSchema(): Promise<string> {
    return 'main'
  }

  async listTables(schema: string, includeViews: boolean): Promise<string[]> {
    return this.#all(sqliteTablesSql(schema, includeViews)).map((row) => String(row['name']))
  }

  async reflect(schema: string, names: readonly string[]): Promise<SqlTableSchema[]> {
    const tables: SqlTableSchema[] = []
    for (const name of names) {
      const rows = this.#all(sqliteColumnsSql(schema, name))
      if (rows.length === 0) continue
      tables.push({
        schema,
        name,
        columns: rows.map(sqliteColumn),
        primaryKey: sqlitePrimaryKey(rows),
      })
    }
    return tables
  }

  async *readRows(
    query: SqlSelect | string,
    table: SqlTableSchema,
    chunkSize: number,
  ): AsyncGenerator<RowChunk> {
    const sql = typeof query === 'string' ? query : renderSelect(query, 'sqlite')
    const context = { database: this.#database, table: `${table.schema}.${table.name}` }
    let rows: IterableIterator<Record<string, unknown>>
    try {
      rows = this.#db.prepare(sql).safeIntegers(true).iterate()
    } catch (error) {
      throw classifyDriverError(error, context, sql, [])
    }
    try {
      let page: Record<string, unknown>[] = []
      for (;;) {
        let next: IteratorResult<Record<string, unknown>>
        try {
          next = rows.next()
        } catch (error) {
          throw classifyDriverError(error, context, sql, [])
        }
        if (next.done) break
        page.push(exactNumbers(next.value))
        if (page.length >= chunkSize) {
          yield page
          page = []
          // the reads are synchronous: let other tables and the writers run between pages
          await new Promise((resolve) => setImmediate(resolve))
        }
      }
      if (page.length > 0) yield page
    } finally {
      rows.return?.()
    }
  }

  async close(): Promise<void> {
    try {
      this.#db.close()
    } catch {
      // closing twice, or with a statement still iterating: nothing left to release
    }
  }

  #all(sql: string): Record<string, unknown>[] {
    try {
      return this.#db.prepare(sql).all()
    } catch (error) {
      throw classifyDriverError(error, { database: this.#database }, sql, [])
    }
  }
}

/** `row` with its `bigint`s as numbers where a double holds them exactly. */
function exactNumbers(row: Record<string, unknown>): Record<string, unknown> {
  for (const key in row) {
    const value = row[key]
    if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE)
      row[key] = Number(value)
  }
  return row
}

async function importSqlite(): Promise<SqliteConstructor> {
  try {
    const module = (await import('better-sqlite3')) as unknown as {
      default?: SqliteConstructor
    } & SqliteConstructor
    return module.default ?? module
  } catch (error) {
    const missing = new MissingPeerDependencyError('The sql_database source for SQLite', [
      'better-sqlite3',
    ])
    throw Object.assign(missing, { cause: toError(error) })
  }
}
