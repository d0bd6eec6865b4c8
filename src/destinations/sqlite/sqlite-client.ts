/**
 * @module `SqliteClient`: the shared SQL client over one `better-sqlite3` database (imported on
 * first use, so users of other destinations never load it). SQLite has no schemas: as dlt's
 * sqlalchemy destination does, the dataset and its staging dataset are database files of their
 * own, attached under their names when the client connects (`ATTACH` cannot run inside the load's
 * transaction) and kept in WAL mode. A file loads through one prepared `INSERT` run per row inside
 * the load's transaction. better-sqlite3 is synchronous: each statement blocks the event loop
 * while it runs.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { TerminalError, toError } from '../../errors/dlt-error.js'
import type {
  DestinationClientConfig,
  LoadJobMetrics,
  LoadJobSpec,
  ReadOptions,
} from '../destination.js'
import { DestinationConnectionError } from '../destination-errors.js'
import { readJsonlRows } from '../sql/jsonl-rows.js'
import { STAGING_DATASET_SUFFIX } from '../sql/qualified-names.js'
import { toQuestionMarks } from '../sql/question-mark-params.js'
import { type QueryResult, SqlClientBase } from '../sql/sql-client-base.js'
import {
  resolveSqliteFiles,
  SQLITE_MEMORY,
  type SqliteDestinationConfig,
  type SqliteFiles,
} from './sqlite-destination-config.js'
import { SqliteSqlGenerator } from './sqlite-sql-generator.js'
import { fromSqliteValue, sqliteEncoder, toSqliteParam } from './sqlite-values.js'

/** The subset of a better-sqlite3 statement this client calls. */
interface SqliteStatement {
  readonly reader: boolean
  all(...params: unknown[]): Record<string, unknown>[]
  run(...params: unknown[]): { changes: number }
  safeIntegers(toggle?: boolean): SqliteStatement
  columns(): { name: string; type: string | null }[]
}
/** The subset of a better-sqlite3 database this client calls. */
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement
  exec(sql: string): unknown
  close(): void
}
type SqliteModule = new (path: string) => SqliteDatabase

/** SQLite result codes a retry may fix: another connection holds a lock. */
const TRANSIENT_CODE = /^SQLITE_(BUSY|LOCKED)/

/** A SQLite destination client. */
export class SqliteClient extends SqlClientBase<SqliteSqlGenerator> {
  readonly destinationName = 'sqlite'
  readonly #config: SqliteDestinationConfig
  #files: SqliteFiles | undefined
  #opening: Promise<SqliteDatabase> | undefined

  constructor(config: SqliteDestinationConfig, clientConfig: DestinationClientConfig) {
    super(new SqliteSqlGenerator(), clientConfig)
    this.#config = config
  }

  /** The main database file (absolute) or `':memory:'`, once resolved. */
  get files(): SqliteFiles {
    this.#files ??= resolveSqliteFiles(this.#config, this.config)
    return this.#files
  }

  /** Inserts one JSON-lines file through one prepared `INSERT`, in the load's transaction. */
  async runJob(job: LoadJobSpec): Promise<LoadJobMetrics> {
    const columns = this.jsonlJobColumns(job)
    const names = await this.qualifiedNames()
    const target = names.table(job.table.name, job.toStaging)
    const list = columns.map((column) => names.quote(column.name)).join(', ')
    const sql = `INSERT INTO ${target} (${list}) VALUES (${columns.map(() => '?').join(', ')})`
    const keys = columns.map((column) => column.name)
    const encoders = columns.map((column) => sqliteEncoder(column.data_type ?? 'text'))
    const database = await this.#database()
    const ownTransaction = !this.isInTransaction
    if (ownTransaction) await this.beginTransaction()
    try {
      const rows = await this.withQueryError(sql, [], { table: job.table.name }, async () => {
        const insert = database.prepare(sql)
        const values = new Array<unknown>(keys.length)
        let count = 0
        for await (const row of readJsonlRows(job.filePath, job.fileName)) {
          for (let i = 0; i < keys.length; i++) values[i] = encoders[i]!(row[keys[i]!])
          insert.run(values)
          count++
        }
        return count
      })
      if (ownTransaction) await this.commitTransaction()
      return { rows }
    } catch (error) {
      if (ownTransaction) await this.rollbackTransaction().catch(() => undefined)
      throw error
    }
  }

  protected async openConnection(): Promise<{ catalog?: string }> {
    await this.#database()
    // Attached databases are qualified by their name alone: `"dataset"."table"`.
    return {}
  }

  protected override isTransientDriverError(error: Error): boolean {
    const { code } = error as { code?: unknown }
    return typeof code === 'string' && TRANSIENT_CODE.test(code)
  }

  protected async executeRaw(sql: string, params: readonly unknown[]): Promise<QueryResult> {
    const { statement, values } = await this.#prepare(sql, params)
    if (statement.reader) return { rows: statement.all(...values), rowsChanged: 0 }
    return { rows: [], rowsChanged: statement.run(...values).changes }
  }

  /** Rows converted by their columns' declared types (`sqlite-values.ts`). */
  protected override async executeReadRaw(
    sql: string,
    params: readonly unknown[],
    options: ReadOptions,
  ): Promise<Record<string, unknown>[]> {
    const { statement, values } = await this.#prepare(sql, params)
    if (!statement.reader) {
      statement.run(...values)
      return []
    }
    const types = new Map(statement.columns().map((column) => [column.name, column.type]))
    return statement.all(...values).map((row) => {
      const converted: Record<string, unknown> = {}
      for (const [name, value] of Object.entries(row)) {
        converted[name] = fromSqliteValue(value, types.get(name) ?? null, options)
      }
      return converted
    })
  }

  protected async closeConnection(): Promise<void> {
    const opening = this.#opening
    this.#opening = undefined
    const database = await opening?.catch(() => undefined)
    database?.close()
  }

  /** `sql` prepared with its `$n` placeholders as `?`; integers read as BigInt (exact). */
  async #prepare(
    sql: string,
    params: readonly unknown[],
  ): Promise<{ statement: SqliteStatement; values: unknown[] }> {
    const database = await this.#database()
    const query =
      params.length === 0 ? { sql, values: [] } : toQuestionMarks(sql, params.map(toSqliteParam))
    const statement = database.prepare(query.sql)
    return {
      statement: statement.reader ? statement.safeIntegers(true) : statement,
      values: query.values,
    }
  }

  #database(): Promise<SqliteDatabase> {
    this.#opening ??= this.#open().catch((error: unknown) => {
      this.#opening = undefined
      throw error
    })
    return this.#opening
  }

  async #open(): Promise<SqliteDatabase> {
    const Database = await importSqlite()
    const { main } = this.files
    let database: SqliteDatabase | undefined
    try {
      if (main !== SQLITE_MEMORY) mkdirSync(dirname(main), { recursive: true })
      database = new Database(main)
      const dataset = this.config.datasetName
      for (const name of [dataset, `${dataset}${STAGING_DATASET_SUFFIX}`]) {
        if (name === 'main') continue
        const file = this.files.datasetFile(name)
        database.exec(
          `ATTACH DATABASE ${this.generator.escapeLiteral(file)} AS ${this.generator.quoteIdentifier(name)}`,
        )
      }
      // dlt: WAL (for every attached file) and synchronous NORMAL
      if (main !== SQLITE_MEMORY)
        database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL')
      return database
    } catch (error) {
      database?.close()
      throw new DestinationConnectionError('sqlite', main, { cause: toError(error) })
    }
  }
}

async function importSqlite(): Promise<SqliteModule> {
  try {
    const module = (await import('better-sqlite3')) as unknown as { default?: SqliteModule }
    return (module.default ?? module) as SqliteModule
  } catch (error) {
    throw new TerminalError(
      'The sqlite destination needs the optional peer dependency better-sqlite3: run `npm install better-sqlite3`',
      { cause: toError(error) },
    )
  }
}
