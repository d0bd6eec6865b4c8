/**
 * @module `MysqlClient`: the shared SQL client over one `mysql2` connection to MySQL 8 or MariaDB
 * (imported on first use, so users of other destinations never load it). Each dataset is a
 * database (MySQL's schema); the session runs in UTC (`time_zone = '+00:00'`), so `DATETIME`
 * columns hold UTC. Files load with `LOAD DATA LOCAL INFILE` streamed from the loader file
 * (`mysql-load-data.ts`), or as multi-row `INSERT`s (`mysql-insert-values.ts`) where the server
 * refuses it.
 *
 * MySQL commits the open transaction before `CREATE`/`ALTER`/`DROP` (not for temporary tables):
 * the shared client starts a new one right after such a statement (the generator's
 * `commitsTransaction`), so a package's rows, merges and `_dlt_loads` row still commit together;
 * only the DDL is already committed when a load fails. DDL of concurrent loads is serialized by
 * `GET_LOCK` on the dataset's name (`datasetLockSql`).
 */
import { redactSecrets } from '../../config/index.js'
import { TerminalError, toError } from '../../errors/dlt-error.js'
import type {
  DestinationClientConfig,
  LoadJobMetrics,
  LoadJobSpec,
  ReadOptions,
} from '../destination.js'
import { DestinationConnectionError } from '../destination-errors.js'
import { readJsonlRows } from '../sql/jsonl-rows.js'
import { boundedTempTableName } from '../sql/merge-chain.js'
import { multiRowInserts } from '../sql/multi-row-insert.js'
import { toQuestionMarks } from '../sql/question-mark-params.js'
import { type QueryResult, SqlClientBase } from '../sql/sql-client-base.js'
import { MysqlCapabilities } from './mysql-capabilities.js'
import {
  connectionOptions,
  type MysqlDestinationConfig,
  resolveMysqlCredentials,
} from './mysql-destination-config.js'
import { mysqlLiteralEncoders } from './mysql-insert-values.js'
import { loadDataSql, loadDataStream } from './mysql-load-data.js'
import { MysqlSqlGenerator, mysqlString } from './mysql-sql-generator.js'
import { type MysqlField, toMysqlValue, typeCast } from './mysql-values.js'

/** The subset of a `mysql2/promise` connection this client calls. */
interface MysqlConnection {
  query(options: {
    sql: string
    values?: unknown[]
    typeCast?: (field: MysqlField, next: () => unknown) => unknown
    infileStreamFactory?: (path: string) => NodeJS.ReadableStream
  }): Promise<[unknown, unknown]>
  end(): Promise<void>
  destroy(): void
  on(event: 'error', listener: (error: Error) => void): unknown
}
interface MysqlModule {
  createConnection(options: Record<string, unknown>): Promise<MysqlConnection>
}

/** Longest multi-row INSERT, in characters (≤ 3 bytes each: under MariaDB's 16 MB packets). */
const MAX_INSERT_LENGTH = 4_000_000

/** The server (or client) refusing `LOAD DATA LOCAL INFILE`: 1148 MariaDB, 3948 MySQL 8. */
const LOCAL_INFILE_REFUSED: ReadonlySet<number> = new Set([1148, 2068, 3948])

function isLocalInfileRefused(error: unknown): boolean {
  const { errno } = ((error as { cause?: unknown }).cause ?? {}) as { errno?: unknown }
  return typeof errno === 'number' && LOCAL_INFILE_REFUSED.has(errno)
}

/** What `LOAD DATA` answers. */
interface LoadDataResult {
  readonly affectedRows?: number
  readonly warningStatus?: number
}

/**
 * With `LOCAL`, MySQL turns data errors (a value too long, not a number) into warnings and goes
 * on — it cannot stop the file's transmission. They fail the job here instead, as an `INSERT`
 * in strict mode would, so the load is rolled back rather than keeping truncated values.
 */
async function throwLoadDataWarnings(connection: MysqlConnection, fileName: string): Promise<void> {
  const [rows] = await connection.query({ sql: 'SHOW WARNINGS LIMIT 5' })
  const warnings = (rows as { Level?: string; Message?: string }[]).filter(
    (row) => row.Level !== 'Note',
  )
  if (warnings.length === 0) return
  const messages = warnings.map((row) => row.Message).join('; ')
  throw new Error(`loading ${fileName} reported: ${messages}`)
}

/** `mysql2` error codes a retry may fix: a lost connection, a deadlock, a lock wait, a busy server. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
])

/** A MySQL / MariaDB destination client. */
export class MysqlClient extends SqlClientBase<MysqlSqlGenerator> {
  readonly destinationName = 'mysql'
  readonly #config: MysqlDestinationConfig
  #opening: Promise<MysqlConnection> | undefined
  #datasetInUse = false
  /** Whether the server takes `LOAD DATA LOCAL INFILE`: unknown until the first load. */
  #localInfile: boolean | undefined

  constructor(config: MysqlDestinationConfig, clientConfig: DestinationClientConfig) {
    super(new MysqlSqlGenerator(), clientConfig)
    this.#config = config
    if (config.loadDataLocalInfile === false) this.#localInfile = false
    this.mergeOptions = {
      tempTableName: boundedTempTableName(new MysqlCapabilities().maxIdentifierLength),
    }
  }

  /**
   * Loads one JSON-lines file with `LOAD DATA LOCAL INFILE` (`mysql-load-data.ts`) or, where the
   * server refuses it or `loadDataLocalInfile` is false, multi-row `INSERT … VALUES` statements.
   */
  async runJob(job: LoadJobSpec): Promise<LoadJobMetrics> {
    const columns = this.jsonlJobColumns(job)
    const names = await this.qualifiedNames()
    const target = names.table(job.table.name, job.toStaging)
    const context = { table: job.table.name }
    if (this.#localInfile !== false) {
      const q = (name: string) => names.quote(name)
      const sql = loadDataSql(target, columns, job.fileName, q, mysqlString)
      const infileStreamFactory = () =>
        loadDataStream(columns, readJsonlRows(job.filePath, job.fileName))
      try {
        const rows = await this.withQueryError(sql, [], context, async () => {
          const connection = await this.#opening!
          const [result] = await connection.query({ sql, infileStreamFactory })
          const { affectedRows = 0, warningStatus = 0 } = result as LoadDataResult
          if (warningStatus > 0) await throwLoadDataWarnings(connection, job.fileName)
          return affectedRows
        })
        this.#localInfile = true
        return { rows }
      } catch (error) {
        // refused before any row was read: the statement did nothing, the INSERTs take over
        if (this.#localInfile !== undefined || !isLocalInfileRefused(error)) throw error
        this.#localInfile = false
      }
    }
    const quoted = columns.map((column) => names.quote(column.name))
    const head = `INSERT INTO ${target} (${quoted.join(', ')}) VALUES `
    const spec = {
      head,
      keys: columns.map((column) => column.name),
      encoders: mysqlLiteralEncoders(columns),
      maxLength: MAX_INSERT_LENGTH,
    }
    let inserted = 0
    for await (const insert of multiRowInserts(spec, readJsonlRows(job.filePath, job.fileName))) {
      // The error keeps the statement's head, not megabytes of values.
      const shown = `${head}… (${insert.rows} rows from ${job.fileName})`
      const result = await this.withQueryError(shown, [], context, () =>
        this.executeRaw(insert.sql, []),
      )
      inserted += result.rowsChanged
    }
    return { rows: inserted }
  }

  /** Once the dataset exists, unqualified table names resolve to it (`USE dataset`). */
  override async query(
    sql: string,
    params: readonly unknown[] = [],
    options: ReadOptions = {},
  ): Promise<Record<string, unknown>[]> {
    if (!this.#datasetInUse) {
      const exists = await super.query(
        'SELECT 1 AS found FROM information_schema.schemata WHERE schema_name = ?',
        [this.config.datasetName],
      )
      if (exists.length > 0) {
        await this.execute(`USE ${this.generator.quoteIdentifier(this.config.datasetName)}`)
        this.#datasetInUse = true
      }
    }
    return super.query(sql, params, options)
  }

  protected async openConnection(): Promise<{ catalog?: string }> {
    this.#opening ??= this.#open().catch((error: unknown) => {
      this.#opening = undefined
      throw error
    })
    await this.#opening
    // MySQL has no catalogs above its databases: a dataset is `database`.`table`.
    return {}
  }

  protected override isTransientDriverError(error: Error): boolean {
    const { code, fatal } = error as { code?: unknown; fatal?: unknown }
    return (typeof code === 'string' && TRANSIENT_CODES.has(code)) || fatal === true
  }

  protected async executeRaw(sql: string, params: readonly unknown[]): Promise<QueryResult> {
    const connection = await this.#opening!
    const query =
      params.length === 0
        ? { sql }
        : toQuestionMarks(sql, params.map(toMysqlValue), { backslashEscapes: true })
    const [result] = await connection.query({ ...query, typeCast })
    if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], rowsChanged: 0 }
    const { affectedRows } = result as { affectedRows?: number }
    return { rows: [], rowsChanged: affectedRows ?? 0 }
  }

  protected async closeConnection(): Promise<void> {
    const opening = this.#opening
    this.#opening = undefined
    this.#datasetInUse = false
    const connection = await opening?.catch(() => undefined)
    await connection?.end().catch(() => connection.destroy())
  }

  async #open(): Promise<MysqlConnection> {
    const credentials = resolveMysqlCredentials(this.#config, this.config.pipelineName)
    const mysql = await importMysql()
    const secrets = [credentials.toConnectionString(), credentials.password ?? ''].filter(Boolean)
    let connection: MysqlConnection | undefined
    try {
      connection = await mysql.createConnection({
        ...connectionOptions(credentials),
        timezone: 'Z',
        supportBigNumbers: true,
        bigNumberStrings: true,
        charset: 'utf8mb4',
      })
      // A connection the server ends emits 'error'; the next statement reports it.
      connection.on('error', () => undefined)
      await connection.query({ sql: "SET time_zone = '+00:00'" })
      return connection
    } catch (error) {
      connection?.destroy()
      const cause = toError(error)
      const safe = new Error(redactSecrets(cause.message, secrets))
      safe.name = cause.name
      throw new DestinationConnectionError('mysql', String(credentials), {
        cause: safe,
        hint: 'Check destination.mysql.credentials and that the server accepts connections.',
      })
    }
  }
}

async function importMysql(): Promise<MysqlModule> {
  try {
    const module = (await import('mysql2/promise')) as unknown as MysqlModule & {
      default?: MysqlModule
    }
    return module.default ?? module
  } catch (error) {
    throw new TerminalError(
      'The mysql destination needs the optional peer dependency mysql2: run `npm install mysql2`',
      { cause: toError(error) },
    )
  }
}
