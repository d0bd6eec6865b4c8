/**
 * @module `PostgresClient`: the shared SQL client over one PostgreSQL connection, taken from a
 * one-connection `pg` pool opened from the credentials (imported on first use, so users of other
 * destinations never load `pg`) or from a pool of your own. Files load with `COPY … FROM STDIN`
 * through pg-copy-streams, streamed from the JSON-lines file as CSV. The session runs in UTC with
 * the dataset first on its `search_path`, so `dataset().query('select * from issues')` works.
 *
 * A dropped connection, a server refusing connections for now, a deadlock or a serialization
 * failure surface as the retryable `TransientQueryError` (`postgres-transient-errors.ts`). DDL on
 * the dataset runs under a transaction-scoped advisory lock on the dataset's name, so that loads
 * creating one dataset or table at the same time do not collide in PostgreSQL's catalog.
 */
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { type ConnectionStringCredentials, redactSecrets } from '../../config/index.js'
import { TerminalError, toError } from '../../errors/dlt-error.js'
import { loadsTable, versionTable } from '../../schema/system-tables.js'
import type {
  DestinationClientConfig,
  LoadJobMetrics,
  LoadJobSpec,
  ReadOptions,
} from '../destination.js'
import { DestinationConnectionError } from '../destination-errors.js'
import { completeColumns } from '../sql/column-hints.js'
import { boundedTempTableName } from '../sql/merge-chain.js'
import { type QueryResult, SqlClientBase } from '../sql/sql-client-base.js'
import { createJsonlToCsv } from './jsonl-to-csv.js'
import { PostgresCapabilities } from './postgres-capabilities.js'
import {
  type PostgresDestinationConfig,
  type PostgresPoolClientLike,
  type PostgresPoolLike,
  type PostgresSubmittable,
  poolOptions,
  resolvePostgresCredentials,
} from './postgres-destination-config.js'
import { readResultRows } from './postgres-result-converter.js'
import { PostgresSqlGenerator } from './postgres-sql-generator.js'
import { isTransientPostgresError } from './postgres-transient-errors.js'

/** The subset of `pg` this client calls. */
interface PgModule {
  Pool: new (
    options: Record<string, unknown>,
  ) => PostgresPoolLike & {
    on(event: 'error', listener: (error: Error) => void): unknown
  }
  types: { getTypeParser(oid: number, format?: string): (text: string) => unknown }
}
/** pg-copy-streams' `COPY … FROM STDIN` stream. */
interface CopyFromStream extends NodeJS.WritableStream, PostgresSubmittable {
  readonly rowCount: number
}
interface CopyStreamsModule {
  from(sql: string): CopyFromStream
}

interface OpenConnection {
  readonly client: PostgresPoolClientLike
  /** The pool to end on close, when the client opened it. */
  readonly ownedPool: PostgresPoolLike | undefined
  /** Listens for the connection's errors while it is checked out; `lost` is the first one. */
  readonly onError: (error: Error) => void
  lost?: Error
}

/**
 * The first key of the dataset lock (`pg_advisory_xact_lock(int, int)`; the second key is
 * `hashtext(<dataset>)`): two-key locks live apart from an application's one-key locks.
 */
const DATASET_LOCK_KEY = 0x646c74 // 'dlt'

/** Text parsers for the pools the client opens: values read back as DuckDB's client reads them. */
const TYPE_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  20: (text) => BigInt(text), // int8 → bigint (pg: string)
  1082: (text) => utcDate(`${text}T00:00:00Z`, text), // date → UTC midnight (pg: local midnight)
  1114: (text) => utcDate(`${text.replace(' ', 'T')}Z`, text), // timestamp → as UTC (pg: local)
}

/** A PostgreSQL destination client. */
export class PostgresClient extends SqlClientBase<PostgresSqlGenerator> {
  readonly destinationName = 'postgres'
  readonly #config: PostgresDestinationConfig
  readonly #sharedPool: (() => Promise<PostgresPoolLike>) | undefined
  #opening: Promise<OpenConnection> | undefined

  constructor(
    config: PostgresDestinationConfig,
    clientConfig: DestinationClientConfig,
    sharedPool?: () => Promise<PostgresPoolLike>,
  ) {
    super(new PostgresSqlGenerator({ createIndexes: config.createIndexes ?? true }), clientConfig)
    this.#config = config
    this.#sharedPool = sharedPool
    // within PostgreSQL's 63 characters (longer names are cut, and could clash)
    this.mergeOptions = {
      tempTableName: boundedTempTableName(new PostgresCapabilities().maxIdentifierLength),
    }
  }

  /** Streams one JSON-lines file into its table with `COPY … FROM STDIN` (CSV). */
  async runJob(job: LoadJobSpec): Promise<LoadJobMetrics> {
    if (job.fileFormat !== 'jsonl') {
      throw new TerminalError(
        `Load job failed for table "${job.table.name}" (file ${job.fileName}): the postgres ` +
          `destination loads jsonl files, not ${job.fileFormat}`,
      )
    }
    const columns = completeColumns(job.table)
    if (columns.length === 0) {
      throw new TypeError(`Table "${job.table.name}" has no column with a data type to load`)
    }
    const names = await this.qualifiedNames()
    const sql = this.generator.copyFromStdinSql(names.table(job.table.name, job.toStaging), columns)
    await this.openConnection()
    const { from } = await importPeer<CopyStreamsModule>('pg-copy-streams')
    const rows = await this.withQueryError(sql, [], { table: job.table.name }, async () => {
      const copy = (await this.#connectedClient()).query(from(sql))
      await pipeline(
        createReadStream(job.filePath, { encoding: 'utf8', highWaterMark: 1 << 18 }),
        createJsonlToCsv(columns, job.fileName),
        copy,
      )
      return copy.rowCount
    })
    return { rows }
  }

  protected async openConnection(): Promise<{ catalog?: string }> {
    this.#opening ??= this.#open().catch((error: unknown) => {
      this.#opening = undefined
      throw error
    })
    await this.#opening
    // PostgreSQL refuses `CREATE SCHEMA db.schema`, and `db.schema.table` only works for the
    // current database anyway: names are qualified with the schema alone.
    return {}
  }

  /**
   * Creates the dataset and dlt's system tables when one is missing, in a transaction holding
   * the dataset lock: `CREATE SCHEMA IF NOT EXISTS` and `CREATE TABLE IF NOT EXISTS` race in
   * PostgreSQL (both sessions insert the catalog row; one fails on `pg_namespace_nspname_index`
   * or `pg_type_typname_nsp_index`). When both tables exist, no DDL runs and no lock is taken.
   */
  override async initializeStorage(): Promise<void> {
    const tables = await this.listTables()
    if (tables.includes(versionTable().name) && tables.includes(loadsTable().name)) return
    if (this.isInTransaction) {
      await this.lockDatasetSchema()
      return super.initializeStorage()
    }
    await this.beginTransaction()
    try {
      await this.lockDatasetSchema()
      await super.initializeStorage()
      await this.commitTransaction()
    } catch (error) {
      await this.rollbackTransaction().catch(() => {
        // The DDL's error is the one to report; a failed rollback leaves nothing committed either.
      })
      throw error
    }
  }

  /** `pg_advisory_xact_lock` on the dataset's name: released when the transaction ends. */
  protected override async lockDatasetSchema(): Promise<boolean> {
    await this.execute('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      DATASET_LOCK_KEY,
      this.config.datasetName,
    ])
    return true
  }

  protected override isTransientDriverError(error: Error): boolean {
    return isTransientPostgresError(error)
  }

  protected async executeRaw(sql: string, params: readonly unknown[]): Promise<QueryResult> {
    const result = await (await this.#connectedClient()).query(sql, params.map(toPgValue))
    return { rows: result.rows, rowsChanged: result.rowCount ?? 0 }
  }

  /** Rows as `postgres-result-converter.ts` reads them. */
  protected override async executeReadRaw(
    sql: string,
    params: readonly unknown[],
    options: ReadOptions,
  ): Promise<Record<string, unknown>[]> {
    const result = await (await this.#connectedClient()).query(sql, params.map(toPgValue))
    return readResultRows(result, options)
  }

  /**
   * The open connection's client. A connection the server dropped (e.g. `pg_terminate_backend`)
   * throws the error that dropped it: `pg` would refuse the query with a bare "not queryable",
   * which says neither why nor (by a code) that a retry may help.
   */
  async #connectedClient(): Promise<PostgresPoolClientLike> {
    const connection = await this.#opening!
    if (connection.lost) throw connection.lost
    return connection.client
  }

  protected async closeConnection(): Promise<void> {
    const opening = this.#opening
    this.#opening = undefined
    if (!opening) return
    const connection = await opening.catch(() => undefined)
    if (!connection) return
    connection.client.removeListener?.('error', connection.onError)
    // A connection that failed is destroyed rather than returned to the pool.
    connection.client.release(connection.lost ?? false)
    await connection.ownedPool?.end()
  }

  async #open(): Promise<OpenConnection> {
    let pool: PostgresPoolLike
    let ownedPool: PostgresPoolLike | undefined
    let location = 'the pool given in `pool`'
    let secrets: string[] = []
    if (this.#sharedPool) {
      pool = await this.#sharedPool()
    } else {
      const credentials = resolvePostgresCredentials(this.#config, this.config.pipelineName)
      location = String(credentials)
      secrets = [poolOptions(credentials).connectionString, credentials.password ?? '']
      pool = ownedPool = await createPool(credentials)
    }
    let client: PostgresPoolClientLike | undefined
    try {
      client = await pool.connect()
      const path = this.generator.quoteIdentifier(this.config.datasetName)
      await client.query(`SET TIME ZONE 'UTC'; SET search_path TO ${path}, public`)
      // Without a listener, an error of a checked-out `pg` connection would crash the process;
      // the next query fails with it instead.
      const connection: OpenConnection = {
        client,
        ownedPool,
        onError: (lost) => {
          connection.lost ??= lost
        },
      }
      client.on?.('error', connection.onError)
      return connection
    } catch (error) {
      client?.release(true)
      await ownedPool?.end().catch(() => {
        // The connection already failed; that error is the one to report.
      })
      throw connectionError(toError(error), location, secrets)
    }
  }
}

/** A one-connection pool for `credentials`, reading values as `TYPE_PARSERS` says. */
async function createPool(credentials: ConnectionStringCredentials): Promise<PostgresPoolLike> {
  const pg = await importPeer<PgModule>('pg')
  const pool = new pg.Pool({
    ...poolOptions(credentials),
    max: 1,
    types: {
      getTypeParser: (oid: number, format?: string) =>
        TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format),
    },
  })
  // An idle connection dropped by the server is reported here; the next query reconnects.
  pool.on('error', () => undefined)
  return pool
}

/**
 * The error for a connection that could not be opened. Its cause is a copy of the driver's error
 * without the original, whose message or properties may carry the connection string.
 */
function connectionError(
  cause: Error,
  location: string,
  secrets: readonly string[],
): DestinationConnectionError {
  const safe = new Error(redactSecrets(cause.message, secrets))
  safe.name = cause.name
  return new DestinationConnectionError('postgres', location, {
    cause: safe,
    hint: 'Check destination.postgres.credentials and that the server accepts connections.',
  })
}

async function importPeer<T>(name: 'pg' | 'pg-copy-streams'): Promise<T> {
  try {
    const module = (await import(name)) as T & { default?: T }
    return (module.default ?? module) as T
  } catch (error) {
    throw new TerminalError(
      `The postgres destination needs the optional peer dependencies pg and pg-copy-streams: ` +
        'run `npm install pg pg-copy-streams`',
      { cause: toError(error) },
    )
  }
}

/** Converts a query parameter to a value `pg` binds. */
function toPgValue(value: unknown): unknown {
  if (value === undefined) return null
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
  return value
}

function utcDate(iso: string, text: string): Date | string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? text : date
}
