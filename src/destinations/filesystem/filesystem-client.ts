/**
 * @module `FilesystemClient`: loads a package as files into `<bucket>/<dataset>/`, one file per
 * job at `layout` (`{table_name}/{load_id}.{file_id}.{ext}`), converting the JSON-lines loader
 * file into parquet or csv when the table asks for it. Names are deterministic per job, and the
 * client declares `hasDurableJobs`, so a retried load neither duplicates nor loses files.
 * dlt's system tables are files too (`dlt-table-files.ts`); `pipeline.dataset()` reads the files
 * through DuckDB views (`filesystem-sql-client.ts`).
 */
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import {
  type FileTransport,
  joinKey,
  keyBaseName,
  keyFolder,
} from '../../buckets/file-transport.js'
import { S3FileTransport } from '../../buckets/s3-file-transport.js'
import { isDltError, TerminalError, toError } from '../../errors/dlt-error.js'
import type { Schema } from '../../schema/schema.js'
import type { StoredSchema, TableSchema } from '../../schema/schema-types.js'
import {
  loadsTable,
  PIPELINE_STATE_TABLE_NAME,
  pipelineStateTable,
  versionTable,
} from '../../schema/system-tables.js'
import { parseJobFileName } from '../../storage/job-file-name.js'
import { assertPathSegment, pathSegmentProblem } from '../../util/path-segment.js'
import { readLinesSync } from '../../util/read-lines.js'
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
import { writeCsvFromJsonl } from './csv-writer.js'
import { DltTableFiles } from './dlt-table-files.js'
import { DEFAULT_LAYOUT, formatFilePath, loadIdTime, tablePrefix } from './file-layout.js'
import { FilesystemCapabilities } from './filesystem-capabilities.js'
import {
  FILESYSTEM_FILE_FORMATS,
  type FilesystemDestinationConfig,
  type FilesystemFileFormat,
  resolveTransport,
} from './filesystem-destination-config.js'
import {
  UnsafePathNameError,
  UnsupportedFileFormatError,
  UnsupportedWriteDispositionError,
} from './filesystem-errors.js'
import { FilesystemSqlClient, type ViewSource } from './filesystem-sql-client.js'
import { writeParquetFromJsonl } from './parquet-writer.js'
import { type LoaderRow, readJsonlBatches } from './read-jsonl-batches.js'
import { diffSchemas } from './schema-diff.js'

const DESTINATION = 'filesystem'

/** A filesystem destination client. */
export class FilesystemClient implements DestinationClient {
  /** Files stay written when a later job fails: the loader skips completed jobs on retry. */
  readonly hasDurableJobs = true
  readonly config: FilesystemDestinationConfig
  readonly transport: FileTransport
  readonly #clientConfig: DestinationClientConfig
  readonly #layout: string
  readonly #capabilities: FilesystemCapabilities
  readonly #files: DltTableFiles
  #schema: Schema | undefined
  #sqlClient: FilesystemSqlClient | undefined
  /** The temp folder of files copied from an S3 bucket for `dataset()`. */
  #copies: string | undefined

  /**
   * @throws TypeError when `datasetName` cannot be a folder of the bucket (`a/b`, `..`, a name
   *   with NUL): refused here, before anything is written.
   */
  constructor(config: FilesystemDestinationConfig, clientConfig: DestinationClientConfig) {
    assertPathSegment(
      clientConfig.datasetName,
      'The `datasetName`',
      'folder of the filesystem destination',
    )
    this.config = config
    this.#clientConfig = clientConfig
    this.transport = resolveTransport(config, clientConfig)
    this.#layout = config.layout ?? DEFAULT_LAYOUT
    this.#capabilities = new FilesystemCapabilities(config.loaderFileFormat)
    this.#files = new DltTableFiles(this.transport, this.datasetKey)
  }

  /** The dataset folder's key in the bucket. */
  get datasetKey(): string {
    return joinKey(this.#clientConfig.datasetName)
  }

  async initializeStorage(): Promise<void> {
    await this.#files.initialize()
  }

  getStoredSchema(schemaName: string): Promise<StoredSchema | undefined> {
    return this.#files.getStoredSchema(schemaName)
  }

  getStoredState(pipelineName: string): Promise<StoredStateRow | undefined> {
    return this.#files.getStoredState(pipelineName)
  }

  async isLoadCompleted(loadId: string): Promise<boolean> {
    return (await this.#files.completedLoadIds()).has(loadId)
  }

  /** Files have no transactions; `hasDurableJobs` makes retries safe instead. */
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}

  /**
   * Refuses `merge` tables (they would need a staging dataset and a table format) and table or
   * schema names that cannot be part of a path, creates the tables' folders and stores the schema
   * in `_dlt_version` when its hash is new.
   */
  async updateStoredSchema(
    schema: Schema,
    tableNames: readonly string[],
    stagingTableNames: readonly string[],
  ): Promise<SchemaMigration> {
    const [merged] = stagingTableNames
    if (merged !== undefined) {
      throw new UnsupportedWriteDispositionError(
        DESTINATION,
        schema.getRootTable(merged).name,
        'merge',
        'files cannot be merged; load the table with writeDisposition "append" or "replace", ' +
          'or use a destination that merges, such as duckdb',
      )
    }
    checkPathName('schema', schema.name)
    for (const name of tableNames) checkPathName('table', name)
    this.#schema = schema
    for (const name of tableNames) await this.transport.makeFolder(this.#tableFolder(name))
    const previous = await this.#files.getStoredSchema(schema.name)
    await this.#files.storeSchema(schema)
    return diffSchemas(previous, schema, tableNames)
  }

  /** `replace`: deletes every file of the tables (staging is never used: merge is refused). */
  async truncateTables(tableNames: readonly string[], staging = false): Promise<void> {
    if (staging) return
    for (const name of tableNames) {
      for (const key of await this.#tableFiles(name)) await this.transport.deleteFile(key)
    }
  }

  async runJob(job: LoadJobSpec): Promise<LoadJobMetrics> {
    if (job.fileFormat !== 'jsonl') {
      throw new UnsupportedFileFormatError(DESTINATION, job.table.name, job.fileFormat, ['jsonl'])
    }
    checkPathName('table', job.table.name)
    try {
      if (job.table.name === PIPELINE_STATE_TABLE_NAME) return await this.#storeState(job)
      return await this.#writeTableFile(job)
    } catch (error) {
      if (isDltError(error)) throw error
      throw new TerminalError(
        `Load job failed for table "${job.table.name}" (file ${job.fileName}): ${toError(error).message}`,
        { cause: toError(error) },
      )
    }
  }

  /** Merge follow-ups never run: `updateStoredSchema` refuses merge tables. */
  async runFollowUp(_job: MergeFollowUpSpec): Promise<void> {}

  async completeLoad(loadId: string, schema: Schema): Promise<void> {
    await this.#files.storeLoad(loadId, schema)
  }

  async query(
    sql: string,
    params: readonly unknown[] = [],
    options: ReadOptions = {},
  ): Promise<Record<string, unknown>[]> {
    return this.#sql().query(sql, params, options)
  }

  async readTable(
    tableName: string,
    options: ReadTableOptions = {},
  ): Promise<Record<string, unknown>[]> {
    const limit =
      options.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.trunc(options.limit))}`
    const name = `"${tableName.replaceAll('"', '""')}"`
    return this.#sql().query(`SELECT * FROM ${name}${limit}`, [], options)
  }

  listTables(): Promise<string[]> {
    return this.#sql().listViews()
  }

  async close(): Promise<void> {
    const sql = this.#sqlClient
    this.#sqlClient = undefined
    await sql?.close()
    const copies = this.#copies
    this.#copies = undefined
    if (copies) await rm(copies, { recursive: true, force: true })
    // a transport made from `bucketUrl` is this client's (an S3 client's sockets); a given one is not
    if (!this.config.transport) await (this.transport as { close?: () => Promise<void> }).close?.()
  }

  /** The format a table is written in: its own hint, its root's, else the destination's. */
  #fileFormat(table: TableSchema): FilesystemFileFormat {
    let format = table.file_format
    if (format === undefined && this.#schema?.getTable(table.name)) {
      format = this.#schema.getRootTable(table.name).file_format
    }
    format ??= this.#capabilities.preferredLoaderFileFormat
    if (!(FILESYSTEM_FILE_FORMATS as readonly string[]).includes(format)) {
      throw new UnsupportedFileFormatError(DESTINATION, table.name, format, FILESYSTEM_FILE_FORMATS)
    }
    return format as FilesystemFileFormat
  }

  async #writeTableFile(job: LoadJobSpec): Promise<LoadJobMetrics> {
    const format = this.#fileFormat(job.table)
    const schemaName = this.#schema?.name ?? this.#clientConfig.pipelineName
    const packageTime = loadIdTime(job.loadId)
    const current = this.config.currentDatetime
    const now = typeof current === 'function' ? current() : (current ?? packageTime)
    const path = formatFilePath(
      this.#layout,
      {
        schemaName,
        tableName: job.table.name,
        loadId: job.loadId,
        fileId: parseJobFileName(job.fileName).fileId,
        ext: format,
        now,
        packageTime,
      },
      this.config.extraPlaceholders,
    )
    const key = joinKey(this.datasetKey, path)
    if (format === 'jsonl') {
      await this.transport.putFile(job.filePath, key)
      return { rows: countRows(job.filePath) }
    }
    const dir = await mkdtemp(join(tmpdir(), 'dlt-ts-fs-'))
    try {
      // a fresh folder per job: the file's name needs nothing of the table's
      const local = join(dir, `table.${format}`)
      const rows =
        format === 'parquet'
          ? await writeParquetFromJsonl(job.filePath, local, job.table, this.#capabilities)
          : await writeCsvFromJsonl(job.filePath, local, job.table)
      await this.transport.putFile(local, key)
      return { rows }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  /** dlt keeps the state as one JSON file per load, not as the table's rows. */
  async #storeState(job: LoadJobSpec): Promise<LoadJobMetrics> {
    const rows: LoaderRow[] = []
    for await (const batch of readJsonlBatches(job.filePath, 100)) rows.push(...batch)
    const schema = this.#schema
    if (!schema) throw new TypeError('updateStoredSchema must run before the state job')
    await this.#files.storeState(rows, job.loadId, schema, this.config.maxStateFiles ?? 100)
    return { rows: rows.length }
  }

  /** The folder holding a table's files (dlt's tables: a folder each, whatever the layout). */
  #tableFolder(tableName: string): string {
    return keyFolder(this.#tablePrefix(tableName))
  }

  #tablePrefix(tableName: string, schemaName = this.#schema?.name ?? ''): string {
    const prefix = tableName.startsWith('_dlt_')
      ? `${tableName}/`
      : tablePrefix(this.#layout, schemaName, tableName)
    return `${this.datasetKey}/${prefix}`
  }

  /** Keys of a table's files: below its folder and starting with its prefix. */
  async #tableFiles(tableName: string, schemaName?: string): Promise<string[]> {
    const prefix = this.#tablePrefix(tableName, schemaName)
    const keys = await this.transport.listFiles(keyFolder(prefix))
    // dlt skips its `init` marker, which a layout without a table folder would otherwise match
    return keys.filter((key) => key.startsWith(prefix) && keyBaseName(key) !== 'init')
  }

  #sql(): FilesystemSqlClient {
    this.#sqlClient ??= new FilesystemSqlClient(this.#clientConfig.datasetName, () =>
      this.#viewSources(),
    )
    return this.#sqlClient
  }

  /** Every table of the stored schemas with its files, then dlt's system tables. */
  async #viewSources(): Promise<ViewSource[]> {
    const sources: ViewSource[] = []
    const seen = new Set<string>()
    for (const stored of await this.#files.getStoredSchemas()) {
      for (const table of Object.values(stored.tables)) {
        if (table.name.startsWith('_dlt_') || seen.has(table.name)) continue
        seen.add(table.name)
        const keys = await this.#tableFiles(table.name, stored.name)
        sources.push({ table, urls: await this.#readUrls(keys) })
      }
    }
    for (const table of [loadsTable(), versionTable(), pipelineStateTable()]) {
      const keys = await this.#tableFiles(table.name)
      sources.push({ table, urls: await this.#readUrls(keys) })
    }
    return sources
  }

  /**
   * Where DuckDB reads the files: their `readUrl`, or, for an S3 bucket (DuckDB's `httpfs`
   * extension is not bundled with @duckdb/node-api and cannot be installed offline), copies in a
   * temp folder that `close()` removes.
   */
  async #readUrls(keys: readonly string[]): Promise<string[]> {
    const transport = this.transport
    if (!(transport instanceof S3FileTransport)) return keys.map((key) => transport.readUrl(key))
    this.#copies ??= await mkdtemp(join(tmpdir(), 'dlt-ts-fs-read-'))
    const copies = this.#copies
    const urls: string[] = []
    for (const key of keys) {
      const local = join(copies, ...key.split('/'))
      await mkdir(dirname(local), { recursive: true })
      await pipeline(await transport.openRead(key), createWriteStream(local))
      urls.push(local)
    }
    return urls
  }
}

/** Refuses a table or schema name that would not be one folder or file name in the dataset. */
function checkPathName(kind: 'table' | 'schema', name: string): void {
  const problem = pathSegmentProblem(name)
  if (problem) throw new UnsafePathNameError(kind, name, problem)
}

/** Rows (lines) of a JSON-lines file, counted without parsing them. */
function countRows(path: string): number {
  let rows = 0
  readLinesSync(path, () => {
    rows++
  })
  return rows
}
