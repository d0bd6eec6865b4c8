/**
 * @module The destination contract (DESIGN.md §5): a `Destination` is a factory of static
 * capabilities and of clients; a `DestinationClient` owns connections and does the I/O.
 *
 * The loader (`load/`) drives a client through one load package:
 * `initializeStorage` → `beginTransaction` → `updateStoredSchema` → `truncateTables` (replace)
 * → `runJob` per file → `runFollowUp` per merge chain → `completeLoad` → `commitTransaction`.
 * A destination that supports transactions therefore commits a package all or nothing, which is
 * what makes a resumed load idempotent (the loader asks `isLoadCompleted(loadId)` first).
 */
import type { Schema } from '../schema/schema.js'
import type {
  LoaderFileFormat,
  MergeStrategy,
  StoredSchema,
  TableSchema,
  WriteDisposition,
} from '../schema/schema-types.js'
import type { ResultValueOptions } from '../util/result-values.js'
import type { DestinationCapabilities } from './capabilities.js'

/**
 * How a read of `pipeline.dataset()` returns values: integers as numbers where exact and as
 * strings beyond 2^53 - 1 (or all as BigInt with `bigint`), decimals as exact strings, timestamps
 * and dates as `Date`, binary as bytes, json parsed (`src/util/result-values.ts`).
 */
export type ReadOptions = ResultValueOptions

/** `readTable`'s options. */
export interface ReadTableOptions extends ReadOptions {
  /** At most this many rows. */
  readonly limit?: number
}

/** What the pipeline needs to build a client. */
export interface DestinationClientConfig {
  readonly pipelineName: string
  readonly datasetName: string
  /** Where relative file paths (e.g. a default DuckDB file) are resolved. Default: `process.cwd()`. */
  readonly workingDirectory?: string
}

/** A destination: a name, static capabilities and a client factory. */
export interface Destination {
  /** Stable id used in config, the CLI and `_dlt_loads`: 'duckdb', 'postgres', … */
  readonly name: string
  /** Static facts; pure, no I/O. */
  capabilities(): DestinationCapabilities
  /** A new client; the caller must `close()` it. */
  createClient(config: DestinationClientConfig): DestinationClient
}

/** The last pipeline state row stored at the destination. */
export interface StoredStateRow {
  readonly version: number
  readonly engineVersion: number
  readonly pipelineName: string
  /** dlt's compressed encoding (zlib + base64) of the state JSON. */
  readonly state: string
  readonly createdAt: Date
  readonly versionHash: string
  readonly loadId: string
}

/** One loader file of a package to load into one table. */
export interface LoadJobSpec {
  readonly loadId: string
  /** Unique within the package, e.g. `issues.a1b2c3.0.jsonl`. */
  readonly fileName: string
  readonly filePath: string
  readonly fileFormat: LoaderFileFormat
  /** The table as the package's schema describes it (all columns, in order). */
  readonly table: TableSchema
  /** The root table's write disposition (children follow their root). */
  readonly writeDisposition: WriteDisposition
  /** True when rows go to the staging dataset first (merge), to be moved by a follow-up. */
  readonly toStaging: boolean
  /**
   * A file in the package where the client may keep this job's progress between attempts (e.g.
   * how many rows it already sent), so that a retried job resumes instead of starting over. The
   * loader sets it for clients with `hasDurableJobs`; the folder may not exist yet.
   */
  readonly progressPath?: string
}

/** What a load job did. */
export interface LoadJobMetrics {
  readonly rows: number
}

/** A merge follow-up: move a root table and its nested tables from staging into the dataset. */
export interface MergeFollowUpSpec {
  readonly loadId: string
  /** Root table first, then nested tables, parents before children. */
  readonly tableChain: readonly TableSchema[]
  readonly strategy: MergeStrategy
}

/** Which tables a schema update created or altered. */
export interface SchemaMigration {
  readonly createdTables: readonly string[]
  readonly addedColumns: readonly { readonly table: string; readonly column: string }[]
}

/** The I/O half of a destination. */
export interface DestinationClient {
  /**
   * True when what a job wrote stays even if the load fails later (no transaction to roll back:
   * files, HTTP calls). The loader then marks each finished job completed in the package and,
   * when the package is retried, runs only the jobs not completed yet and does not truncate the
   * `replace` tables again (that happened before the first job ran).
   * @default false
   */
  readonly hasDurableJobs?: boolean
  /** Creates the dataset and dlt's system tables when missing. Idempotent. */
  initializeStorage(): Promise<void>
  /** The newest schema named `schemaName` stored in `_dlt_version`, if any. */
  getStoredSchema(schemaName: string): Promise<StoredSchema | undefined>
  /** The newest state row of `pipelineName` in `_dlt_pipeline_state`, if any. */
  getStoredState(pipelineName: string): Promise<StoredStateRow | undefined>
  /** True when `_dlt_loads` already records `loadId` (the package was committed). */
  isLoadCompleted(loadId: string): Promise<boolean>
  beginTransaction(): Promise<void>
  commitTransaction(): Promise<void>
  rollbackTransaction(): Promise<void>
  /**
   * Creates missing tables and adds missing columns for `tableNames` (data and system tables),
   * in the dataset and, for `stagingTableNames`, in the staging dataset; records the schema in
   * `_dlt_version` when its version hash is not there yet.
   */
  updateStoredSchema(
    schema: Schema,
    tableNames: readonly string[],
    stagingTableNames: readonly string[],
  ): Promise<SchemaMigration>
  /** Deletes all rows of the given tables (the `replace` disposition, inside the transaction). */
  truncateTables(tableNames: readonly string[], staging?: boolean): Promise<void>
  /**
   * Drops the given tables, and their staging copies, where they exist (`refresh`, inside the
   * transaction). Optional: without it the loader empties them with `truncateTables`.
   */
  dropTables?(tableNames: readonly string[]): Promise<void>
  /** Loads one file into its table (or its staging table). */
  runJob(job: LoadJobSpec): Promise<LoadJobMetrics>
  /**
   * Loads all files of one table of the package at once (optional), e.g. one `INSERT … SELECT`
   * over the list of files: a bulk reader then streams them in one pass instead of one statement
   * per file. When present, the loader calls it once per table (files in package order) instead
   * of `runJob` per file; the jobs differ only in `fileName` and `filePath`. Returns the rows of
   * all files together. Not used for clients with `hasDurableJobs`, which resume per file.
   */
  runTableJobs?(jobs: readonly LoadJobSpec[]): Promise<LoadJobMetrics>
  /**
   * Called after a package's load failed with `error` and was rolled back (optional): when the
   * client can change something that may let the same package load — e.g. DuckDB lifting the
   * memory cap the loader set after an out-of-memory error — it does so and returns a sentence
   * saying what it changed; the loader then loads the package once more from the start. Returns
   * `undefined` when a retry would fail the same way. Not called for clients with `hasDurableJobs`.
   */
  retryAfterFailure?(error: Error): Promise<string | undefined>
  /** Moves a merge chain from staging into the dataset. */
  runFollowUp(job: MergeFollowUpSpec): Promise<void>
  /** Writes the `_dlt_loads` row for `loadId` (status 0). */
  completeLoad(loadId: string, schema: Schema): Promise<void>
  /** Rows of one table of the dataset, in no particular order (used by `pipeline.dataset()`). */
  readTable(tableName: string, options?: ReadTableOptions): Promise<Record<string, unknown>[]>
  /** Runs a read query against the dataset (used by `pipeline.dataset()`). */
  query(
    sql: string,
    params?: readonly unknown[],
    options?: ReadOptions,
  ): Promise<Record<string, unknown>[]>
  /** Names of the tables in the dataset. */
  listTables(): Promise<string[]>
  /**
   * `name` quoted as an identifier of this destination's SQL (`dataset().table()` builds its
   * queries with it). Optional: without it identifiers are quoted with double quotes.
   */
  quoteIdentifier?(name: string): string
  /** Closes connections. Safe to call twice. */
  close(): Promise<void>
}
