/**
 * @module `CustomClient`: hands each loader file of a package to the user's function, in batches
 * of `batchSize` decoded rows (or, with `batchSize: 0`, as one file path), counting delivered rows
 * in a progress file of the package after every batch. A failed batch stops the load; the retry
 * skips the jobs already completed (`hasDurableJobs`) and resumes the failed job at that batch.
 * There is no dataset to read back and no state to sync, as with dlt's custom destinations.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isTerminalError, TerminalError, toError } from '../../errors/dlt-error.js'
import { DLT_PREFIX, type Schema } from '../../schema/schema.js'
import type { StoredSchema, TableSchema } from '../../schema/schema-types.js'
import type {
  DestinationClient,
  LoadJobMetrics,
  LoadJobSpec,
  MergeFollowUpSpec,
  SchemaMigration,
  StoredStateRow,
} from '../destination.js'
import { writeCsvFromJsonl } from '../filesystem/csv-writer.js'
import { writeParquetFromJsonl } from '../filesystem/parquet-writer.js'
import { readJsonlBatches } from '../filesystem/read-jsonl-batches.js'
import { CustomCapabilities } from './custom-capabilities.js'
import type {
  CustomDestinationFileFunction,
  CustomDestinationFunction,
  ResolvedCustomDestinationConfig,
} from './custom-destination-config.js'
import { CustomDestinationError } from './custom-destination-errors.js'
import { readJobProgress, writeJobProgress } from './job-progress.js'
import { createRowDecoder } from './row-decoder.js'

/** A custom destination client. */
export class CustomClient implements DestinationClient {
  /** What the function accepted stays accepted: the loader never sends a completed job again. */
  readonly hasDurableJobs = true
  readonly config: ResolvedCustomDestinationConfig
  readonly #fn: CustomDestinationFunction | CustomDestinationFileFunction

  constructor(
    fn: CustomDestinationFunction | CustomDestinationFileFunction,
    config: ResolvedCustomDestinationConfig,
  ) {
    this.#fn = fn
    this.config = config
  }

  async initializeStorage(): Promise<void> {}
  async getStoredSchema(_schemaName: string): Promise<StoredSchema | undefined> {
    return undefined
  }
  async getStoredState(_pipelineName: string): Promise<StoredStateRow | undefined> {
    return undefined
  }
  /** Nothing records loads; a package whose jobs all completed simply completes again. */
  async isLoadCompleted(_loadId: string): Promise<boolean> {
    return false
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async updateStoredSchema(
    _schema: Schema,
    _tableNames: readonly string[],
    _stagingTableNames: readonly string[],
  ): Promise<SchemaMigration> {
    return { createdTables: [], addedColumns: [] }
  }
  /** `replace` means nothing to a function: it receives the new rows either way. */
  async truncateTables(_tableNames: readonly string[], _staging?: boolean): Promise<void> {}
  async runFollowUp(_job: MergeFollowUpSpec): Promise<void> {}
  async completeLoad(_loadId: string, _schema: Schema): Promise<void> {}

  async runJob(job: LoadJobSpec): Promise<LoadJobMetrics> {
    const skipDlt = this.config.skipDltColumnsAndTables
    if (skipDlt && job.table.name.startsWith(DLT_PREFIX)) return { rows: 0 }
    const skipped = new Set(
      skipDlt ? Object.keys(job.table.columns).filter((name) => name.startsWith(DLT_PREFIX)) : [],
    )
    const table = structuredClone(job.table)
    for (const name of skipped) delete table.columns[name]
    if (this.config.batchSize === 0) return this.#runFileJob(job, table)
    return this.#runBatches(job, table, skipped)
  }

  async readTable(tableName: string): Promise<Record<string, unknown>[]> {
    throw this.#noDataset(`read table "${tableName}"`)
  }
  async query(_sql: string): Promise<Record<string, unknown>[]> {
    throw this.#noDataset('run a query')
  }
  async listTables(): Promise<string[]> {
    throw this.#noDataset('list tables')
  }
  async close(): Promise<void> {}

  async #runBatches(
    job: LoadJobSpec,
    table: TableSchema,
    skipped: ReadonlySet<string>,
  ): Promise<LoadJobMetrics> {
    const { batchSize } = this.config
    const decode = createRowDecoder(job.table, skipped)
    let { rows } = await readJobProgress(job.progressPath)
    for await (const batch of readJsonlBatches(job.filePath, batchSize, rows)) {
      await this.#call(job, Math.floor(rows / batchSize) + 1, rows, () =>
        (this.#fn as CustomDestinationFunction)(batch.map(decode), table),
      )
      rows += batch.length
      await writeJobProgress(job.progressPath, { rows })
    }
    return { rows }
  }

  /** `batchSize: 0`: the function gets the loader file (converted to the configured format). */
  async #runFileJob(job: LoadJobSpec, table: TableSchema): Promise<LoadJobMetrics> {
    const progress = await readJobProgress(job.progressPath)
    if (progress.done) return { rows: progress.rows }
    const format = this.config.loaderFileFormat
    const dir = format === 'jsonl' ? undefined : await mkdtemp(join(tmpdir(), 'dlt-ts-custom-'))
    try {
      let path = job.filePath
      let rows = -1
      if (dir) {
        path = join(dir, `${job.fileName.replace(/\.jsonl$/, '')}.${format}`)
        rows =
          format === 'parquet'
            ? await writeParquetFromJsonl(
                job.filePath,
                path,
                job.table,
                new CustomCapabilities(this.config),
              )
            : await writeCsvFromJsonl(job.filePath, path, job.table)
      }
      await this.#call(job, 1, 0, () => (this.#fn as CustomDestinationFileFunction)(path, table))
      await writeJobProgress(job.progressPath, { rows: Math.max(rows, 0), done: true })
      return { rows: Math.max(rows, 0) }
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true })
    }
  }

  /** Calls the function; a throw becomes a `CustomDestinationError` saying where to resume. */
  async #call(
    job: LoadJobSpec,
    batch: number,
    rowsDelivered: number,
    call: () => unknown,
  ): Promise<void> {
    try {
      await call()
    } catch (error) {
      // the user's own "don't retry" passes through as they wrote it
      if (isTerminalError(error)) throw error
      throw new CustomDestinationError(
        {
          destination: this.config.name,
          table: job.table.name,
          fileName: job.fileName,
          batch,
          rowsDelivered,
        },
        { cause: toError(error) },
      )
    }
  }

  #noDataset(what: string): TerminalError {
    return new TerminalError(
      `Cannot ${what}: custom destination "${this.config.name}" hands rows to a function and ` +
        'keeps no dataset; read the data where the function put it',
    )
  }
}
