/**
 * @module `SqlClientBase`: a `DestinationClient` for any SQL database, written against three
 * driver primitives (open, execute, close) that a destination's client supplies together with its
 * bulk load path (`runJob`). Driver errors are wrapped here, in `execute`, and only here.
 */

import { toError } from '../../errors/dlt-error.js'
import { DLT_PREFIX, type Schema } from '../../schema/schema.js'
import type { StoredSchema, TableSchema } from '../../schema/schema-types.js'
import { loadsTable, pipelineStateTable, versionTable } from '../../schema/system-tables.js'
import type {
  DestinationClient,
  DestinationClientConfig,
  LoadJobMetrics,
  LoadJobSpec,
  MergeFollowUpSpec,
  SchemaMigration,
  StoredStateRow,
} from '../destination.js'
import { DestinationQueryError } from '../destination-errors.js'
import {
  groupStorageColumns,
  planTableUpdate,
  storageColumnsSql,
  tableUpdateSql,
} from './ddl-sql.js'
import type { MergeSqlOptions } from './merge-chain.js'
import { QualifiedNames } from './qualified-names.js'
import type { DefaultSqlGenerator } from './sql-generator.js'
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

  /** The dataset's qualified names (opens the connection to learn the catalog). */
  async qualifiedNames(): Promise<QualifiedNames> {
    if (!this.#names) {
      const { catalog } = await this.openConnection()
      this.#names = new QualifiedNames(this.generator, this.config.datasetName, catalog)
    }
    return this.#names
  }

  /** Runs `sql`; a driver error becomes a `DestinationQueryError` carrying the SQL. */
  protected async execute(
    sql: string,
    params: readonly unknown[] = [],
    context: ExecuteContext = {},
  ): Promise<QueryResult> {
    await this.openConnection()
    return this.withQueryError(sql, params, context, () => this.executeRaw(sql, params))
  }

  /**
   * Runs a driver call that executes `sql` (e.g. a bulk `COPY` streamed by the destination's
   * client); a failure becomes a `DestinationQueryError` carrying the SQL, as in `execute`.
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
      throw new DestinationQueryError(
        sql,
        params,
        {
          destination: this.destinationName,
          dataset: this.config.datasetName,
          ...(context.table === undefined ? {} : { table: context.table }),
        },
        { cause: toError(error) },
      )
    }
  }

  async initializeStorage(): Promise<void> {
    const names = await this.qualifiedNames()
    await this.execute(this.generator.createDatasetSql(names))
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
    await this.execute('BEGIN TRANSACTION')
    this.#inTransaction = true
  }

  async commitTransaction(): Promise<void> {
    await this.execute('COMMIT')
    this.#inTransaction = false
  }

  async rollbackTransaction(): Promise<void> {
    if (!this.#inTransaction) return
    this.#inTransaction = false
    await this.execute('ROLLBACK')
  }

  async updateStoredSchema(
    schema: Schema,
    tableNames: readonly string[],
    stagingTableNames: readonly string[],
  ): Promise<SchemaMigration> {
    const names = await this.qualifiedNames()
    const createdTables: string[] = []
    const addedColumns: { table: string; column: string }[] = []
    for (const staging of [false, true]) {
      const tables = (staging ? stagingTableNames : tableNames).map((name) =>
        resolveTable(schema, name),
      )
      if (tables.length === 0) continue
      await this.execute(this.generator.createDatasetSql(names, staging))
      const query = storageColumnsSql(names, staging)
      const storage = groupStorageColumns((await this.execute(query.sql, query.params)).rows)
      for (const table of tables) {
        const update = planTableUpdate(table, storage)
        for (const sql of tableUpdateSql(this.generator, names, update, staging)) {
          await this.execute(sql, [], { table: table.name })
        }
        // The migration reports data tables only: not staging, not dlt's own tables.
        if (staging || table.name.startsWith(DLT_PREFIX) || update.newColumns.length === 0) continue
        if (update.create) createdTables.push(table.name)
        else
          addedColumns.push(
            ...update.newColumns.map((c) => ({ table: table.name, column: c.name })),
          )
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

  async query(sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
    return (await this.execute(sql, params)).rows
  }

  async readTable(
    tableName: string,
    options: { readonly limit?: number } = {},
  ): Promise<Record<string, unknown>[]> {
    const names = await this.qualifiedNames()
    const limit =
      options.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.trunc(options.limit))}`
    return (
      await this.execute(`SELECT * FROM ${names.table(tableName)}${limit}`, [], {
        table: tableName,
      })
    ).rows
  }

  async listTables(): Promise<string[]> {
    const { sql, params } = system.listTablesQuery(await this.qualifiedNames())
    return (await this.execute(sql, params)).rows.map((row) => String(row['table_name']))
  }

  async close(): Promise<void> {
    this.#inTransaction = false
    await this.closeConnection()
  }

  async #tableExists(tableName: string): Promise<boolean> {
    const { sql, params } = system.tableExistsQuery(await this.qualifiedNames(), tableName)
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

/** The schema's table, or dlt's definition of a system table the schema does not list. */
function resolveTable(schema: Schema, name: string): TableSchema {
  const table = schema.getTable(name)
  if (table) return table
  for (const system of [versionTable(), loadsTable(), pipelineStateTable()]) {
    if (system.name === name) return system
  }
  throw new TypeError(`Table "${name}" is not in schema "${schema.name}"`)
}
