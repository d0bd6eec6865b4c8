/**
 * @module The load stage: loads one normalized package into a destination, all or nothing.
 *
 * Inside one destination transaction: migrate the schema (DDL), empty `replace` tables, run one
 * job per loader file (merge tables into the staging dataset), run the merge follow-ups, and write
 * the `_dlt_loads` row. The package moves to `load/loaded` only after the commit. A run killed at
 * any point leaves the package in `load/normalized`; the next run asks the destination whether
 * `_dlt_loads` has the load id (the commit happened) and otherwise loads it again, so no row is
 * loaded twice or lost.
 *
 * A client without transactions (`hasDurableJobs`: files, HTTP calls) keeps what a job did even
 * when the load fails later. For it, each finished job is marked completed in the package
 * (`completed_jobs/`) and a retry runs only the jobs still in `new_jobs/`, without truncating the
 * `replace` tables again; each job also gets a `progressPath` to resume inside a file.
 *
 * A failed load is tried once more when the client, told the error, changes one of its own
 * settings that caused it (`DestinationClient.retryAfterFailure`: DuckDB lifts the memory cap
 * after running out of memory); the package's `notes` say so.
 */
import { join } from 'node:path'
import type { DestinationClient, LoadJobSpec } from '../destinations/destination.js'
import { toError } from '../errors/dlt-error.js'
import { Schema } from '../schema/schema.js'
import type { MergeStrategy } from '../schema/schema-types.js'
import { parseJobFileName } from '../storage/job-file-name.js'
import { COMPLETED_JOBS, JOB_PROGRESS, type PackageStorage } from '../storage/package-storage.js'
import { crashPoint } from '../util/crash-point.js'
import { LoadPackageError } from './load-errors.js'
import { effectiveDisposition, packageTables } from './table-chains.js'

/**
 * One load job: one file, or all files of one table when the destination loads them together
 * (`DestinationClient.runTableJobs`, e.g. DuckDB).
 */
export interface LoadJobInfo {
  readonly table: string
  /** The package files the job loaded, in package order. */
  readonly fileNames: readonly string[]
  readonly rows: number
  readonly status: 'completed' | 'failed'
  readonly message?: string
}

/** What happened to one package. */
export interface LoadPackageResult {
  readonly loadId: string
  readonly schemaName: string
  readonly jobs: readonly LoadJobInfo[]
  /** True when the destination already had the package (a resumed, committed load). */
  readonly alreadyLoaded: boolean
  readonly createdTables: readonly string[]
  readonly addedColumns: readonly { readonly table: string; readonly column: string }[]
  /** What the loader did beyond loading, e.g. a retry after the destination changed a setting. */
  readonly notes: readonly string[]
}

/** How packages are loaded; dlt's `[load]` settings. */
export interface LoadOptions {
  /** Empty the staging tables of merge loads in the load's transaction. @default false */
  readonly truncateStagingDataset?: boolean
  /** Delete the job files of a package once it is loaded. @default false */
  readonly deleteCompletedJobs?: boolean
  /** Called after each job completed (its rows are in the transaction, not yet committed). */
  readonly onJobCompleted?: (job: LoadJobInfo) => void
}

/** Loads the normalized package `loadId` through `client`; throws `LoadPackageError` on failure. */
export async function loadPackage(
  storage: PackageStorage,
  loadId: string,
  client: DestinationClient,
  options: LoadOptions = {},
): Promise<LoadPackageResult> {
  const schema = Schema.fromStored(storage.readSchema('normalized', loadId))
  const packageState = storage.readState('normalized', loadId)
  await client.initializeStorage()
  if (await client.isLoadCompleted(loadId)) {
    markLoaded(storage, loadId, options)
    return {
      loadId,
      schemaName: schema.name,
      jobs: [],
      alreadyLoaded: true,
      createdTables: [],
      addedColumns: [],
      notes: [],
    }
  }
  const roots = Object.keys(packageState.rootTables).filter(
    (root) => schema.getTable(root) && effectiveDisposition(schema, root) !== 'skip',
  )
  const tables = packageTables(schema, roots)
  const mergeRoots = roots.filter((root) => effectiveDisposition(schema, root) === 'merge')
  const stagingTables = packageTables(schema, mergeRoots)
  const replaceTables = packageTables(
    schema,
    roots.filter((root) => effectiveDisposition(schema, root) === 'replace'),
  )
  const durableJobs = client.hasDurableJobs === true
  // Jobs completed by an earlier attempt ran after the truncation: truncating again would lose them.
  const resuming = durableJobs && storage.listJobs('normalized', loadId, COMPLETED_JOBS).length > 0
  const notes: string[] = []
  for (let attempt = 1; ; attempt++) {
    const jobs: LoadJobInfo[] = []
    let current: readonly LoadJobSpec[] | undefined
    let committing = false
    await client.beginTransaction()
    try {
      // refresh: dropped tables are created again by the migration if the package has rows for them
      const { droppedTables = [], truncatedTables = [] } = packageState
      if (droppedTables.length && !resuming) {
        if (client.dropTables) await client.dropTables(droppedTables)
        else await client.truncateTables(droppedTables)
      }
      const migration = await client.updateStoredSchema(
        schema,
        tables.map((table) => table.name),
        stagingTables.map((table) => table.name),
      )
      const emptied = [...new Set([...replaceTables.map((t) => t.name), ...truncatedTables])]
      if (emptied.length && !resuming) await client.truncateTables(emptied)
      if (stagingTables.length && !resuming)
        await client.truncateTables(
          stagingTables.map((t) => t.name),
          true,
        )
      const specs: LoadJobSpec[] = []
      for (const fileName of storage.listJobs('normalized', loadId)) {
        const { tableName, format } = parseJobFileName(fileName)
        const table = schema.getTable(tableName)
        if (!table) throw new Error(`table "${tableName}" of file ${fileName} is not in the schema`)
        const disposition = effectiveDisposition(schema, tableName)
        if (disposition === 'skip') continue
        specs.push({
          loadId,
          fileName,
          filePath: `${storage.jobsPath('normalized', loadId)}/${fileName}`,
          fileFormat: format as LoadJobSpec['fileFormat'],
          table,
          writeDisposition: disposition,
          toStaging: disposition === 'merge',
          ...(durableJobs
            ? {
                progressPath: join(
                  storage.packagePath('normalized', loadId),
                  JOB_PROGRESS,
                  `${fileName}.json`,
                ),
              }
            : {}),
        })
      }
      const runTableJobs = durableJobs ? undefined : client.runTableJobs?.bind(client)
      for (const group of runTableJobs ? groupByTable(specs) : specs.map((spec) => [spec])) {
        current = group
        const first = group[0]!
        const { rows } = runTableJobs ? await runTableJobs(group) : await client.runJob(first)
        if (durableJobs) storage.completeJob('normalized', loadId, first.fileName)
        const job: LoadJobInfo = {
          table: first.table.name,
          fileNames: group.map((spec) => spec.fileName),
          rows,
          status: 'completed',
        }
        jobs.push(job)
        options.onJobCompleted?.(job)
      }
      current = undefined
      for (const root of mergeRoots) {
        const strategy: MergeStrategy =
          schema.getTable(root)!['x-merge-strategy'] ?? 'delete-insert'
        const chain = stagingTables.filter((table) => schema.getRootTable(table.name).name === root)
        await client.runFollowUp({ loadId, tableChain: chain, strategy })
      }
      if (options.truncateStagingDataset && stagingTables.length) {
        await client.truncateTables(
          stagingTables.map((t) => t.name),
          true,
        )
      }
      await client.completeLoad(loadId, schema)
      committing = true
      await client.commitTransaction()
      crashPoint(`committed ${loadId}`)
      markLoaded(storage, loadId, options)
      return {
        loadId,
        schemaName: schema.name,
        jobs,
        alreadyLoaded: false,
        createdTables: migration.createdTables,
        addedColumns: migration.addedColumns,
        notes,
      }
    } catch (error) {
      if (error instanceof LoadPackageError) throw error
      let rolledBack = true
      await client.rollbackTransaction().catch(() => {
        // The original error matters more; a failed rollback leaves nothing committed either.
        rolledBack = false
      })
      const cause = toError(error)
      // One more attempt when the client can change what made the load fail (its own settings).
      if (attempt === 1 && rolledBack && !committing && !durableJobs && client.retryAfterFailure) {
        const change = await client.retryAfterFailure(cause).catch(() => undefined)
        if (change) {
          notes.push(`package ${loadId}: ${change}`)
          continue
        }
      }
      throw new LoadPackageError(
        loadId,
        {
          ...(current?.[0]
            ? {
                table: current[0].table.name,
                fileName: current.map((spec) => spec.fileName).join(', '),
              }
            : {}),
          message: cause.message,
          outcome: committing ? 'commit-unknown' : durableJobs ? 'jobs-kept' : 'not-committed',
        },
        { cause },
      )
    }
  }
}

/**
 * Moves a committed package to `load/loaded` (a failure says that the package is committed) and
 * deletes its job files if asked to.
 */
function markLoaded(storage: PackageStorage, loadId: string, options: LoadOptions): void {
  try {
    const state = storage.readState('normalized', loadId)
    if (!state.loadedAt)
      storage.writeState('normalized', { ...state, loadedAt: new Date().toISOString() })
    storage.move(loadId, 'normalized', 'loaded')
    if (options.deleteCompletedJobs) storage.deleteJobs('loaded', loadId)
  } catch (error) {
    const cause = toError(error)
    throw new LoadPackageError(loadId, { message: cause.message, outcome: 'committed' }, { cause })
  }
}

/** Jobs grouped by table, tables in the order of their first file. */
function groupByTable(specs: readonly LoadJobSpec[]): LoadJobSpec[][] {
  const groups = new Map<string, LoadJobSpec[]>()
  for (const spec of specs) {
    const group = groups.get(spec.table.name)
    if (group) group.push(spec)
    else groups.set(spec.table.name, [spec])
  }
  return [...groups.values()]
}
