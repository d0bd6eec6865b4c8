/**
 * @module `SqlClientBase`: a `DestinationClient` for any SQL database, written against three
 * driver primitives (open, execute, close) that a destination's client supplies together with its
 * bulk load path (`runJob`). Driver errors are wrapped here, in `execute`, and only here: as the
 * retryable `TransientQueryError` when the client's `isTransientDriverError` says so, else as the
 * terminal `DestinationQueryError`.
 */

import { TerminalError, toError } from '../../errors/dlt-error.js'
import { DLT_PREFIX, type Schema } from '../../schema/schema.js'
import type { ColumnSchema, StoredSchema, TableSchema } from '../../schema/schema-types.js'
import { loadsTable, pipelineStateTable, versionTable } from '../../schema/system-tables.js'
import { bigintsToResult } from '../../util/result-values.js'
import type {
  DestinationClient,
  DestinationClientConfig,
  LoadJobMetrics,
  LoadJobSpec,
  MergeFollowUpSpec,
  ReadOptions,
  ReadTableOptions,
  SchemaMigration,
  StoredStateRow,
} from '../destination.js'
import { DestinationQueryError, TransientQueryError } from '../destination-errors.js'
import { completeColumns } from './column-hints.js'
import {
  groupStorageColumns,
  planTableUpdate,
  type TableUpdate,
  tableUpdateSql,
} from './ddl-sql.js'
import type { MergeSqlOptions } from './merge-chain.js'
import { QualifiedNames } from './qualified-names.js'
import type { DefaultSqlGenerator } from './sql-generator.js'
import type { SqlStatement } from './system-tables-sql.js'
import * as system from './system-tables-sql.js'

/** What a driver returns for one statement. */
export interface QueryResult {
  readonly rows: Record<string, unknown>[]
  /** Rows inserted, updated or deleted (0 for queries). */
  readonly rowsChanged: number
}

/** Context of a statement, for error messages. */
export interface ExecuteContext {
  readonly table?: string
}

/**
 * A SQL `DestinationClient` built on `open`/`execute`/`close` of a driver; `G` is the
 * destination's SQL generator.
 */
export abstract class SqlClientBase<G extends DefaultSqlGenerator = DefaultSqlGenerator>
  implements DestinationClient
{
  /** The destination's name, as errors report it. */
  abstract readonly destinationName: string
  readonly generator: G
  readonly config: DestinationClientConfig
  /** @internal Merge SQL options (tests make temp table names deterministic). */
  mergeOptions: MergeSqlOptions = {}
  #names: QualifiedNames | undefined
  #inTransaction = false
  /** How to release the dataset's schema lock, while this client holds it. */
  #schemaLock: SqlStatement | undefined

  constructor(generator: G, config: DestinationClientConfig) {
    this.generator = generator
    this.config = config
  }

  /** Opens the connection if needed; returns the catalog to qualify names with, if any. */
  protected abstract openConnection(): Promise<{ catalog?: string }>
  /** Runs one statement with positional `$n` parameters. Errors are wrapped by `execute`. */
  protected abstract executeRaw(sql: string, params: readonly unknown[]): Promise<QueryResult>
  /** Releases the connection; must be safe to call twice. */
  protected abstract closeConnection(): Promise<void>
  abstract runJob(job: LoadJobSpec): Promise<LoadJobMetrics>

  /**
   * True when a retry may fix the driver error `error` (a dropped connection, a deadlock): it is
   * then raised as a `TransientQueryError` instead of a terminal `DestinationQueryError`.
   * The default classes nothing as transient.
   */
  protected isTransientDriverError(_error: Error): boolean {
    return false
  }

  /**
   * Takes a lock, held until the current transaction ends, that serializes changes to this
   * dataset's schema objects (`CREATE SCHEMA`, `CREATE TABLE`, `ALTER TABLE`) between clients, so
   * that two loads creating the same table do not race. Returns true when it took one: the caller
   * then plans its DDL again, since another client may have just committed the same change.
   * The default takes the generator's `datasetLockSql` inside a transaction (released when it
   * ends), or none.
   */
  protected async lockDatasetSchema(): Promise<boolean> {
    const lock = this.generator.datasetLockSql(this.config.datasetName)
    if (!lock || !this.#inTransaction || this.#schemaLock) return this.#schemaLock !== undefined
    const { rows } = await this.execute(lock.acquire.sql, lock.acquire.params)
    if (Number(rows[0]?.['locked']) !== 1) {
      const where = { destination: this.destinationName, dataset: this.config.datasetName }
      const cause = new Error("another load kept changing the dataset's tables: lock not granted")
      throw new TransientQueryError(lock.acquire.sql, lock.acquire.params, where, { cause })
    }
    this.#schemaLock = lock.release
    return true
  }

  /** Releases the lock `lockDatasetSchema` took, if any (a lost session released it already). */
  async #releaseDatasetSchema(): Promise<void> {
    const release = this.#schemaLock
    this.#schemaLock = undefined
    if (release) await this.execute(release.sql, release.params).catch(() => undefined)
  }

  /**
   * The columns a JSON-lines load job writes (the table's complete columns, in order); refuses a
   * job of another file format and a table without any column to load.
   */
  protected jsonlJobColumns(job: LoadJobSpec): ColumnSchema[] {
    if (job.fileFormat !== 'jsonl') {
      throw new TerminalError(
        `Load job failed for table "${job.table.name}" (file ${job.fileName}): the ` +
          `${this.destinationName} destination loads jsonl files, not ${job.fileFormat}`,
      )
    }
    const columns = completeColumns(job.table)
    if (columns.length === 0) {
      throw new TypeError(`Table "${job.table.name}" has no column with a data type to load`)
    }
    return columns
  }

  /** True between `beginTransaction` and `commitTransaction`/`rollbackTransaction`. */
  protected get isInTransaction(): boolean {
    return this.#inTransaction
  }

  /** The dataset's qualified names (opens the connection to learn the catalog). */
  async qualifiedNames(): Promise<QualifiedNames> {
    if (!this.#names) {
      const { catalog } = await this.openConnection()
      this.#names = new QualifiedNames(this.generator, this.config.datasetName, catalog)
    }
    return this.#names
  }

  /**
   * Runs `sql`; a driver error becomes a `DestinationQueryError` (or `TransientQueryError`). After
   * a statement that committed the open transaction by itself (`commitsTransaction`), a new one is
   * started, so the load's rows and `_dlt_loads` row still commit together.
   */
  protected async execute(
    sql: string,
    params: readonly unknown[] = [],
    context: ExecuteContext = {},
  ): Promise<QueryResult> {
    await this.openConnection()
    const result = await this.withQueryError(sql, params, context, () =>
      this.executeRaw(sql, params),
    )
    if (this.#inTransaction && this.generator.commitsTransaction(sql)) {
      const begin = this.generator.beginTransactionSql
      await this.withQueryError(begin, [], context, () => this.executeRaw(begin, []))
    }
    return result
  }

  /**
   * Runs a driver call that executes `sql` (e.g. a bulk `COPY` streamed by the destination's
   * client); a failure becomes a `DestinationQueryError` carrying the SQL, as in `execute`, or a
   * `TransientQueryError` when `isTransientDriverError` classes it as retryable.
   */
  protected async withQueryError<T>(
    sql: string,
    params: readonly unknown[],
    context: ExecuteContext,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await run()
    } catch (error) {
      const cause = toError(error)
      const where = {
        destination: this.destinationName,
        dataset: this.config.datasetName,
        ...(context.table === undefined ? {} : { table: context.table }),
      }
      throw this.isTransientDriverError(cause)
        ? new TransientQueryError(sql, params, where, { cause })
        : new DestinationQueryError(sql, params, where, { cause })
    }
  }

  async initializeStorage(): Promise<void> {
    const names = await this.qualifiedNames()
    const createDataset = this.generator.createDatasetSql(names)
    if (createDataset) await this.execute(createDataset)
    for (const table of [versionTable(), loadsTable()]) {
      await this.execute(this.generator.createTableSql(names, table), [], { table: table.name })
    }
  }

  async getStoredSchema(schemaName: string): Promise<StoredSchema | undefined> {
    if (!(await this.#tableExists(versionTable().name))) return undefined
    const { sql, params } = system.storedSchemaQuery(await this.qualifiedNames(), schemaName)
    return system.parseStoredSchema((await this.execute(sql, params)).rows[0])
  }

  async getStoredState(pipelineName: string): Promise<StoredStateRow | undefined> {
    if (!(await this.#tableExists(pipelineStateTable().name))) return undefined
    if (!(await this.#tableExists(loadsTable().name))) return undefined
    const { sql, params } = system.storedStateQuery(await this.qualifiedNames(), pipelineName)
    return system.toStoredStateRow((await this.execute(sql, params)).rows[0])
  }

  async isLoadCompleted(loadId: string): Promise<boolean> {
    if (!(await this.#tableExists(loadsTable().name))) return false
    const { sql, params } = system.loadCompletedQuery(await this.qualifiedNames(), loadId)
    return (await this.execute(sql, params)).rows.length > 0
  }

  async beginTransaction(): Promise<void> {
    await this.execute(this.generator.beginTransactionSql)
    this.#inTransaction = true
  }

  async commitTransaction(): Promise<void> {
    try {
      await this.execute('COMMIT')
      this.#inTransaction = false
    } finally {
      if (!this.#inTransaction) await this.#releaseDatasetSchema()
    }
  }

  async rollbackTransaction(): Promise<void> {
    if (!this.#inTransaction) return
    this.#inTransaction = false
    try {
      await this.execute('ROLLBACK')
    } finally {
      await this.#releaseDatasetSchema()
    }
  }

  /**
   * Creates the tables and columns `tableNames` (and `stagingTableNames` in the staging dataset)
   * lack. Before the first DDL it takes `lockDatasetSchema` and, if a lock was taken, compares
   * the tables with the destination again.
   */
  async updateStoredSchema(
    schema: Schema,
    tableNames: readonly string[],
    stagingTableNames: readonly string[],
  ): Promise<SchemaMigration> {
    const names = await this.qualifiedNames()
    const createdTables: string[] = []
    const addedColumns: { table: string; column: string }[] = []
    let locked = false
    for (const staging of [false, true]) {
      const tables = (staging ? stagingTableNames : tableNames).map((name) =>
        resolveTable(schema, name),
      )
      let updates = await this.#planTableUpdates(tables, staging)
      if (!updates.some(hasDdl)) continue
      if (!locked) {
        locked = true
        // Another load may have made the same change while we waited for the lock.
        if (await this.lockDatasetSchema()) updates = await this.#planTableUpdates(tables, staging)
      }
      const createDataset = this.generator.createDatasetSql(names, staging)
      if (createDataset) await this.execute(createDataset)
      for (const update of updates) {
        const table = update.table.name
        for (const sql of tableUpdateSql(this.generator, names, update, staging)) {
          await this.execute(sql, [], { table })
        }
        // The migration reports data tables only: not staging, not dlt's own tables.
        if (staging || table.startsWith(DLT_PREFIX) || !hasDdl(update)) continue
        if (update.create) createdTables.push(table)
        else addedColumns.push(...update.newColumns.map((c) => ({ table, column: c.name })))
      }
    }
    await this.#storeSchemaVersion(schema)
    return { createdTables, addedColumns }
  }

  async truncateTables(tableNames: readonly string[], staging = false): Promise<void> {
    const names = await this.qualifiedNames()
    for (const name of tableNames) {
      const sql = this.generator.truncateTableSql(names.table(name, staging))
      await this.execute(sql, [], { table: name })
    }
  }

  async dropTables(tableNames: readonly string[]): Promise<void> {
    const names = await this.qualifiedNames()
    for (const staging of [false, true]) {
      for (const name of tableNames) {
        const sql = this.generator.dropTableSql(names.table(name, staging))
        await this.execute(sql, [], { table: name })
      }
    }
  }

  async runFollowUp(job: MergeFollowUpSpec): Promise<void> {
    const names = await this.qualifiedNames()
    const table = job.tableChain[0]?.name
    for (const sql of this.generator.mergeSql(names, job, this.mergeOptions)) {
      await this.execute(sql, [], table === undefined ? {} : { table })
    }
  }

  async completeLoad(loadId: string, schema: Schema): Promise<void> {
    const names = await this.qualifiedNames()
    const { sql, params } = system.insertCompletedLoad(names, loadId, schema, new Date())
    await this.execute(sql, params, { table: loadsTable().name })
  }

  async query(
    sql: string,
    params: readonly unknown[] = [],
    options: ReadOptions = {},
  ): Promise<Record<string, unknown>[]> {
    await this.openConnection()
    return this.withQueryError(sql, params, {}, () => this.executeReadRaw(sql, params, options))
  }

  async readTable(
    tableName: string,
    options: ReadTableOptions = {},
  ): Promise<Record<string, unknown>[]> {
    const names = await this.qualifiedNames()
    const limit =
      options.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.trunc(options.limit))}`
    const sql = `SELECT * FROM ${names.table(tableName)}${limit}`
    return this.withQueryError(sql, [], { table: tableName }, () =>
      this.executeReadRaw(sql, [], options),
    )
  }

  /**
   * Runs a read statement of `pipeline.dataset()` and returns its rows as `ReadOptions` says.
   * The default converts the `bigint`s of `executeRaw`'s rows (`bigintsToResult`); a client
   * that knows its result's column types overrides it, to return decimals exactly and, with
   * `bigint`, every integer column as BigInt. Errors are wrapped by the caller.
   */
  protected async executeReadRaw(
    sql: string,
    params: readonly unknown[],
    options: ReadOptions,
  ): Promise<Record<string, unknown>[]> {
    const { rows } = await this.executeRaw(sql, params)
    return rows.map((row) => bigintsToResult(row, options) as Record<string, unknown>)
  }

  async listTables(): Promise<string[]> {
    const { sql, params } = this.generator.listTablesQuery(await this.qualifiedNames())
    return (await this.execute(sql, params)).rows.map((row) => String(row['table_name']))
  }

  quoteIdentifier(name: string): string {
    return this.generator.quoteIdentifier(name)
  }

  async close(): Promise<void> {
    this.#inTransaction = false
    this.#schemaLock = undefined // a session-scoped lock ends with the session
    await this.closeConnection()
  }

  /** What `tables` lack at the destination (nothing at all when the dataset does not exist). */
  async #planTableUpdates(
    tables: readonly TableSchema[],
    staging: boolean,
  ): Promise<TableUpdate[]> {
    if (tables.length === 0) return []
    const query = this.generator.storageColumnsQuery(await this.qualifiedNames(), staging)
    const storage = groupStorageColumns((await this.execute(query.sql, query.params)).rows)
    return tables.map((table) => planTableUpdate(table, storage))
  }

  async #tableExists(tableName: string): Promise<boolean> {
    const { sql, params } = this.generator.tableExistsQuery(await this.qualifiedNames(), tableName)
    return (await this.execute(sql, params)).rows.length > 0
  }

  async #storeSchemaVersion(schema: Schema): Promise<void> {
    const names = await this.qualifiedNames()
    const exists = system.schemaVersionExistsQuery(names, schema.versionHash)
    if ((await this.execute(exists.sql, exists.params)).rows.length > 0) return
    const insert = system.insertSchemaVersion(names, schema, new Date())
    await this.execute(insert.sql, insert.params, { table: versionTable().name })
  }
}

/** True when `update` needs DDL: a table to create or columns to add. */
function hasDdl(update: TableUpdate): boolean {
  return update.newColumns.length > 0
}

/** The schema's table, or dlt's definition of a system table the schema does not list. */
function resolveTable(schema: Schema, name: string): TableSchema {
  const table = schema.getTable(name)
  if (table) return table
  for (const system of [versionTable(), loadsTable(), pipelineStateTable()]) {
    if (system.name === name) return system
  }
  throw new TypeError(`Table "${name}" is not in schema "${schema.name}"`)
}
