/**
 * @module The normalize stage on several threads (`normalize.workers` > 1), with exactly the
 * result of `normalizePackage`.
 *
 * The extracted files are cut into line-aligned byte ranges (tasks). The first, small one is
 * normalized here: it creates the package's tables in the schema. The others go to the workers,
 * each with a copy of the schema as it is now. A worker's task is accepted, in task order, only if
 * it did not change its copy — then its rows are exactly those one thread would have written, and
 * its files move into the package. The first task that did change it (a new table, column or
 * variant: the schema evolves) is redone here, evolving the real schema in dlt's order; the tasks
 * after it are discarded and handed out again against the evolved schema. So column order, schema
 * and rows never depend on timing; parallelism only pays off once the schema is stable, which for
 * most loads is after the first few hundred items.
 */
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename, join } from 'node:path'
import type { Schema } from '../schema/schema.js'
import type { PackageStorage } from '../storage/package-storage.js'
import { createNameMap, ownValue } from '../util/own-property.js'
import { splitLineRanges } from '../util/read-lines.js'
import { ItemNormalizer } from './item-normalizer.js'
import { type AheadResult, aheadKey, FIRST_PIECE_BYTES } from './normalize-ahead.js'
import {
  extractedTasks,
  type NormalizePackageConfig,
  type NormalizePackageResult,
  type NormalizeTask,
  normalizeTask,
} from './normalize-package.js'
import { NormalizeWorkerPool, type NormalizeWorkerResult } from './normalize-worker-pool.js'
import { RowFileWriters } from './row-file-writers.js'

/** Settings of a normalize run on worker threads. */
export interface ParallelNormalizeConfig extends NormalizePackageConfig {
  /** Worker threads (besides this one, which only coordinates after the first task). */
  readonly workers: number
  /** The naming convention by name (`NamingConvention` objects cannot cross threads). */
  readonly namingSpec: { readonly name: string; readonly maxLength?: number }
  /** Bytes per task (tests use small ones). @default total / (4 * workers), 1 to 64 MiB */
  readonly taskBytes?: number
  /** Called with the extracted bytes of each piece once it is normalized (progress). */
  readonly onPieceDone?: (bytes: number) => void
  /** Files normalized ahead, by file name (`normalize-ahead.ts`): taken where they fit. */
  readonly ahead?: ReadonlyMap<string, AheadResult>
}

/** The package folder the workers write their tasks' files into before they are accepted. */
const WORKER_JOBS = 'worker_jobs'
const MIN_TASK_BYTES = 1 << 20
const MAX_TASK_BYTES = 64 << 20

/** Extracted bytes from which `autoWorkers` uses worker threads. */
export const AUTO_WORKERS_MIN_BYTES = 64 << 20
/** The most worker threads `autoWorkers` starts. */
const AUTO_WORKERS_MAX = 4

/**
 * Worker threads for a package of `extractedBytes` when `normalize.workers` is not set: none
 * (1, this thread alone) below 64 MiB, where starting workers — each loads and warms up its own
 * copy of the code — costs about what they save (measured: 33 MB of items 0.54 s on one thread,
 * 0.57 s on two workers; 131 MB 2.0 s vs 1.46 s); otherwise one per core, at most 4.
 */
export function autoWorkers(extractedBytes: number, cores = availableParallelism()): number {
  return extractedBytes < AUTO_WORKERS_MIN_BYTES ? 1 : Math.min(cores, AUTO_WORKERS_MAX)
}

/** Like `normalizePackage`, spreading the items over `config.workers` worker threads. */
export async function normalizePackageInWorkers(
  storage: PackageStorage,
  schema: Schema,
  config: ParallelNormalizeConfig,
): Promise<NormalizePackageResult> {
  const { loadId, rotation, maxTableNesting } = config
  const normalizer = new ItemNormalizer(schema, config)
  const writers = new RowFileWriters({
    directory: storage.jobsPath('normalizing', loadId),
    ...(rotation ? { rotation } : {}),
  })
  const ahead = config.ahead ?? new Map<string, AheadResult>()
  const tasks = splitTasks(extractedTasks(storage, loadId), config.workers, config.taskBytes, ahead)
  const scratch = join(storage.packagePath('normalizing', loadId), WORKER_JOBS)
  const pool = tasks.some((task) => !task.local)
    ? new NormalizeWorkerPool(config.workers, {
        loadId,
        naming: config.namingSpec,
        ...(maxTableNesting === undefined ? {} : { maxTableNesting }),
        ...(rotation ? { rotation } : {}),
      })
    : undefined
  const counts: Record<string, number>[] = []
  let inWorkers = 0
  let aheadTaken = 0
  const aheadResults = new Set<NormalizeWorkerResult>()
  // a file done ahead against the schema this thread has now: its result, as a worker's
  const takeAhead = (task: PlannedTask, key: string | undefined) => {
    const done = key === undefined ? undefined : ahead.get(basename(task.path))
    // the whole file, as it was done: not a piece of it
    if (!done || done.key !== key || task.range?.start !== 0 || task.bytes !== done.bytes) {
      return undefined
    }
    aheadResults.add(done.result)
    return Promise.resolve<NormalizeWorkerResult>(done.result)
  }
  const normalizeHere = (task: PlannedTask) => {
    normalizeTask(normalizer, task, writers.emit)
    config.onPieceDone?.(task.bytes)
  }
  try {
    let next = 0
    while (next < tasks.length) {
      // this thread takes the first pieces of each table and every task a worker could not do
      // without evolving the schema
      normalizeHere(tasks[next++]!)
      while (tasks[next]?.local) normalizeHere(tasks[next++]!)
      let stop = next
      while (stop < tasks.length && !tasks[stop]!.local) stop++
      if (!pool || next === stop) continue
      const snapshot = JSON.stringify(schema.toStored())
      const key = ahead.size > 0 ? aheadKey(snapshot) : undefined
      const pending = tasks.slice(next, stop).map((task, i) => {
        const done = takeAhead(task, key)
        if (done) return done
        const directory = join(scratch, String(next + i))
        mkdirSync(directory, { recursive: true })
        return pool.run(snapshot, task, directory)
      })
      let taken = next
      const accepted = await acceptInOrder(pending, (result) => {
        moveInto(result.files, storage.jobsPath('normalizing', loadId))
        normalizer.mergeEvents(result.events)
        counts.push(result.rowCounts)
        config.onPieceDone?.(tasks[taken++]!.bytes)
        inWorkers++
        if (aheadResults.has(result)) aheadTaken++
      })
      // the rest ran against a schema the redone task is about to change: discard it
      pool.cancelQueued()
      await Promise.all(pending.slice(accepted))
      rmSync(scratch, { recursive: true, force: true })
      next += accepted
    }
    normalizer.finish()
  } finally {
    writers.close()
    await pool?.close()
    rmSync(scratch, { recursive: true, force: true })
  }
  return {
    rowCounts: sumCounts(normalizer.events.tables, writers.rowCounts(), counts),
    events: normalizer.events,
    tasks: { total: tasks.length, inWorkers, ahead: aheadTaken },
  }
}

/** Takes results in order while they are accepted; returns how many were. */
async function acceptInOrder(
  pending: Promise<NormalizeWorkerResult>[],
  accept: (result: Extract<NormalizeWorkerResult, { accepted: true }>) => void,
): Promise<number> {
  for (let i = 0; i < pending.length; i++) {
    const result = await pending[i]!
    if (!result.accepted) return i
    accept(result)
  }
  return pending.length
}

function moveInto(files: readonly string[], directory: string): void {
  for (const file of files) renameSync(file, join(directory, basename(file)))
}

/** Row counts per table, tables in first-row order. */
function sumCounts(
  tables: readonly string[],
  own: Record<string, number>,
  others: readonly Record<string, number>[],
): Record<string, number> {
  const out = createNameMap<number>()
  for (const table of tables) {
    let sum = ownValue(own, table) ?? 0
    for (const counts of others) sum += ownValue(counts, table) ?? 0
    if (sum > 0 || Object.hasOwn(own, table)) out[table] = sum
  }
  for (const [table, count] of Object.entries(own))
    if (!Object.hasOwn(out, table)) out[table] = count
  return out
}

/** A task, and whether this thread normalizes it (the first piece of a table). */
type PlannedTask = NormalizeTask & {
  readonly local: boolean
  /** The piece's size in the extracted file. */
  readonly bytes: number
}

/**
 * Cuts the files into line-aligned ranges: a small first piece of each table, normalized on this
 * thread because it evolves the schema, then pieces for `workers`.
 */
export function splitTasks(
  files: readonly NormalizeTask[],
  workers: number,
  taskBytes?: number,
  ahead: ReadonlyMap<string, AheadResult> = new Map(),
): PlannedTask[] {
  const sizes = files.map((file) => statSync(file.path).size)
  const total = sizes.reduce((a, b) => a + b, 0)
  const pieceBytes =
    taskBytes ??
    Math.min(MAX_TASK_BYTES, Math.max(MIN_TASK_BYTES, Math.ceil(total / (workers * 4))))
  const firstBytes = Math.min(FIRST_PIECE_BYTES, pieceBytes)
  const tasks: PlannedTask[] = []
  const seen = new Set<string>()
  files.forEach((file, index) => {
    const local = !seen.has(file.tableName)
    seen.add(file.tableName)
    const size = sizes[index]!
    // a file done ahead stays one piece, as it was done
    const ranges =
      !local && ahead.has(basename(file.path))
        ? [{ start: 0, end: size }]
        : splitLineRanges(file.path, size, pieceBytes, local ? firstBytes : pieceBytes)
    for (const [i, range] of ranges.entries())
      tasks.push({ ...file, range, local: local && i === 0, bytes: range.end - range.start })
  })
  return tasks
}
