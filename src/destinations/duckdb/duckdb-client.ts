/**
 * @module `DuckDbClient`: the shared SQL client over one DuckDB database, opened through
 * `@duckdb/node-api` (imported on first use, so users of other destinations never load it).
 * Each client owns one `DuckDBInstance`; `close()` releases the file so that another client or
 * process can open it right after.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { TerminalError, toError } from '../../errors/dlt-error.js'
import type {
  DestinationClientConfig,
  LoadJobMetrics,
  LoadJobSpec,
  ReadOptions,
} from '../destination.js'
import { DestinationConnectionError } from '../destination-errors.js'
import { completeColumns } from '../sql/column-hints.js'
import { type QueryResult, SqlClientBase } from '../sql/sql-client-base.js'
import {
  DEFAULT_LOAD_MEMORY_LIMIT,
  DUCKDB_MEMORY,
  type DuckDbDestinationConfig,
  defaultLoadThreads,
  resolveDuckDbPath,
} from './duckdb-destination-config.js'
import {
  DuckDbLoadSettings,
  isOutOfMemory,
  type MemoryCap,
  withMemoryHint,
} from './duckdb-load-settings.js'
import {
  type DuckDbConnectionLike,
  type DuckDbInstanceLike,
  type DuckDbModule,
  loadDuckDb,
  toDuckDbValue,
} from './duckdb-module.js'
import { readResultRows } from './duckdb-result-converter.js'
import { DuckDbSqlGenerator } from './duckdb-sql-generator.js'

interface OpenDatabase {
  readonly module: DuckDbModule
  readonly instance: DuckDbInstanceLike
  readonly connection: DuckDbConnectionLike
  readonly catalog: string
}

/** A DuckDB destination client. */
export class DuckDbClient extends SqlClientBase<DuckDbSqlGenerator> {
  readonly destinationName = 'duckdb'
  /** The database file (absolute) or `':memory:'`. */
  readonly path: string
  #opening: Promise<OpenDatabase> | undefined
  readonly #loadSettings: DuckDbLoadSettings
  #searchPathSet = false
  // the load settings of the last insert, when it ran out of memory
  #outOfMemoryCap: MemoryCap | undefined

  constructor(config: DuckDbDestinationConfig, clientConfig: DestinationClientConfig) {
    super(
      new DuckDbSqlGenerator(
        config.compressRowIds === undefined ? {} : { compressRowIds: config.compressRowIds },
      ),
      clientConfig,
    )
    this.path = resolveDuckDbPath(config, clientConfig)
    this.#loadSettings = new DuckDbLoadSettings(
      {
        // an in-memory database has no file to spill next to
        loadMemoryLimit:
          this.path === DUCKDB_MEMORY
            ? false
            : (config.loadMemoryLimit ?? DEFAULT_LOAD_MEMORY_LIMIT),
        loadThreads:
          config.loadThreads ?? defaultLoadThreads(undefined, config.preserveInsertionOrder),
        preserveInsertionOrder: config.preserveInsertionOrder ?? false,
      },
      async (sql) => (await this.execute(sql)).rows,
    )
  }

  /** Loads one JSON-lines file with DuckDB's JSON reader in one `INSERT … SELECT`. */
  async runJob(job: LoadJobSpec): Promise<LoadJobMetrics> {
    return this.runTableJobs([job])
  }

  /**
   * Loads all JSON-lines files of one table in one `INSERT … SELECT … FROM read_json([files])`,
   * with DuckDB's buffer pool capped while it runs (`loadMemoryLimit`): the package's rows are
   * transaction-local until the commit, and a capped pool spills them to the database's temp
   * directory instead of holding them all in memory.
   */
  async runTableJobs(jobs: readonly LoadJobSpec[]): Promise<LoadJobMetrics> {
    const [first] = jobs
    if (!first) return { rows: 0 }
    for (const job of jobs) {
      if (job.fileFormat !== 'jsonl') {
        throw new TerminalError(
          `Load job failed for table "${job.table.name}" (file ${job.fileName}): the duckdb ` +
            `destination loads jsonl files, not ${job.fileFormat}`,
        )
      }
    }
    const names = await this.qualifiedNames()
    const target = names.table(first.table.name, first.toStaging)
    const sql = this.generator.jsonlInsertSql(
      target,
      first.table,
      jobs.map((job) => job.filePath),
    )
    const columns = completeColumns(first.table).length
    const cap = await this.#loadSettings.apply(columns, this.isInTransaction)
    let inserted = false
    try {
      const { rowsChanged } = await this.execute(sql, [], { table: first.table.name })
      inserted = true
      this.#loadSettings.inserted(columns)
      return { rows: rowsChanged }
    } catch (error) {
      this.#outOfMemoryCap = cap !== undefined && isOutOfMemory(error) ? cap : undefined
      throw cap === undefined ? error : withMemoryHint(error, cap)
    } finally {
      // After a failed INSERT the transaction is aborted: DuckDB then takes `RESET` without
      // effect, so the rollback resets the settings; the INSERT's error is the one to report.
      if (inserted || !this.isInTransaction) {
        await this.#loadSettings.reset().catch(() => undefined)
      }
    }
  }

  /**
   * After an insert ran out of memory under the load's settings (and the loader rolled the
   * package back), eases them for the rest of this client's loads — see
   * `DuckDbLoadSettings.relax` — and opens a new database instance, which starts with none of
   * the failed transaction's memory held. The loader then loads the package again.
   */
  async retryAfterFailure(_error: Error): Promise<string | undefined> {
    const cap = this.#outOfMemoryCap
    this.#outOfMemoryCap = undefined
    const change = cap && this.#loadSettings.relax(cap)
    if (change) await this.closeConnection()
    return change || undefined
  }

  override async commitTransaction(): Promise<void> {
    await super.commitTransaction()
    this.#loadSettings.transactionEnded()
  }

  override async rollbackTransaction(): Promise<void> {
    this.#loadSettings.transactionEnded()
    await super.rollbackTransaction()
    await this.#loadSettings.reset()
  }

  /**
   * Runs a read query. Once the dataset exists, unqualified table names resolve to it (the
   * session's `search_path`), so `select * from issues` works as in dlt's `dataset()`.
   */
  override async query(
    sql: string,
    params: readonly unknown[] = [],
    options: ReadOptions = {},
  ): Promise<Record<string, unknown>[]> {
    if (!this.#searchPathSet) {
      const names = await this.qualifiedNames()
      const exists = await super.query(
        'SELECT 1 FROM information_schema.schemata WHERE catalog_name = ? AND schema_name = ?',
        [names.catalog, names.dataset],
      )
      if (exists.length) {
        const path = names.qualifiedDataset().replaceAll("'", "''")
        await super.query(`SET search_path = '${path}'`)
        this.#searchPathSet = true
      }
    }
    return super.query(sql, params, options)
  }

  protected async openConnection(): Promise<{ catalog?: string }> {
    this.#opening ??= this.#open().catch((error: unknown) => {
      this.#opening = undefined
      throw error
    })
    const { catalog } = await this.#opening
    return { catalog }
  }

  protected async executeRaw(sql: string, params: readonly unknown[]): Promise<QueryResult> {
    const { connection, module } = await this.#opening!
    const values = params.map((value) => toDuckDbValue(module, value))
    const reader = await connection.runAndReadAll(sql, values.length ? values : undefined)
    return { rows: reader.getRowObjectsJS(), rowsChanged: reader.rowsChanged }
  }

  /** Rows as `duckdb-result-converter.ts` reads them. */
  protected override async executeReadRaw(
    sql: string,
    params: readonly unknown[],
    options: ReadOptions,
  ): Promise<Record<string, unknown>[]> {
    const { connection, module } = await this.#opening!
    const values = params.map((value) => toDuckDbValue(module, value))
    const reader = await connection.runAndReadAll(sql, values.length ? values : undefined)
    return readResultRows(reader, module, options)
  }

  protected async closeConnection(): Promise<void> {
    const opening = this.#opening
    this.#opening = undefined
    this.#searchPathSet = false
    this.#loadSettings.connectionClosed()
    if (!opening) return
    const database = await opening.catch(() => undefined)
    // Connection first, then the instance: only then is the file's lock released.
    database?.connection.closeSync()
    database?.instance.closeSync()
  }

  /**
   * A database file that does not exist holds no state: answered without creating it (a new
   * pipeline's first run asks before it has loaded anything).
   */
  override async getStoredState(pipelineName: string): ReturnType<SqlClientBase['getStoredState']> {
    if (this.path !== DUCKDB_MEMORY && !this.#opening && !existsSync(this.path)) return undefined
    return super.getStoredState(pipelineName)
  }

  async #open(): Promise<OpenDatabase> {
    const module = await loadDuckDb('The duckdb destination')
    if (this.path !== DUCKDB_MEMORY) mkdirSync(dirname(this.path), { recursive: true })
    let instance: DuckDbInstanceLike | undefined
    try {
      instance = await module.DuckDBInstance.create(this.path)
      const connection = await instance.connect()
      // dlt sets the session time zone to UTC, so TIMESTAMP WITH TIME ZONE reads back as UTC.
      await connection.runAndReadAll("SET TimeZone = 'UTC'")
      const [row] = (
        await connection.runAndReadAll('SELECT current_database() AS catalog')
      ).getRowObjectsJS()
      return { module, instance, connection, catalog: String(row?.['catalog']) }
    } catch (error) {
      instance?.closeSync()
      throw new DestinationConnectionError('duckdb', this.path, { cause: toError(error) })
    }
  }
}
