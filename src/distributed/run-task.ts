/**
 * @module One task in a worker: extract and normalize the task's resources with a pipeline of its
 * own (in a private attempt folder, started from the run's base state and schemas), then publish
 * the normalized package to `<runId>/packages/<task>/` by one atomic rename. A task done twice
 * (a worker presumed dead that was only slow) publishes once: the second rename finds the folder
 * taken and the first package stands.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { TerminalError } from '../errors/dlt-error.js'
import type { Source } from '../extract/source.js'
import { Pipeline } from '../pipeline/pipeline.js'
import { PackageStorage, readJson } from '../storage/package-storage.js'
import { crashPoint } from '../util/crash-point.js'
import { capabilitiesDestination } from './capabilities-destination.js'
import { partitionSource } from './partition-source.js'
import { removeRunDir, runLayout } from './run-layout.js'
import type { RunManifest, TaskJobData, TaskJobResult } from './run-manifest.js'

/** What a task tells the worker running it. */
export interface TaskHooks {
  /**
   * Called before normalizing `bytes` of extracted items, which runs synchronously on this thread
   * (the queue's lock cannot be renewed meanwhile): the worker extends the lock to cover it.
   */
  readonly beforeNormalize?: (bytes: number) => Promise<void>
}

/** Runs `task` of the run in `sharedDir`, extracting from `source`. */
export async function runTask(
  sharedDir: string,
  task: TaskJobData,
  source: Source,
  hooks: TaskHooks = {},
): Promise<TaskJobResult> {
  const startedAt = Date.now()
  const layout = runLayout(sharedDir, task.runId)
  if (!existsSync(layout.runFile)) {
    throw new TerminalError(
      `Distributed run ${task.runId} is over (its folder in ${sharedDir} is gone): task ${task.key} is not run. Nothing to do; start workers with the shared directory the run was submitted with.`,
    )
  }
  const run = readJson(layout.runFile) as RunManifest
  const attempt = layout.attemptDir(task.key)
  const published = layout.packageDir(task.key)
  const worker = `${process.pid}@${hostname()}`
  const done = (loadId: string | undefined, itemCounts: Record<string, number>) => ({
    key: task.key,
    ...(loadId ? { loadId } : {}),
    itemCounts,
    startedAt,
    finishedAt: Date.now(),
    worker,
  })
  // an earlier attempt published the package and died before the queue heard of it
  if (existsSync(published)) return done(publishedLoadId(published), {})
  mkdirSync(attempt, { recursive: true })
  try {
    cpSync(layout.baseDir, join(attempt, run.pipelineName), { recursive: true })
    const pipeline = new Pipeline({
      pipelineName: run.pipelineName,
      datasetName: run.datasetName,
      pipelinesDir: attempt,
      destination: capabilitiesDestination(run.destinationName, run.capabilities),
    })
    const taskSource = task.partition ? partitionSource(source, task.partition) : source
    const { loadId, itemCounts } = await pipeline.extract(
      taskSource.withResources(...task.resources),
      { loadId: task.loadId },
    )
    if (!loadId) return done(undefined, itemCounts)
    const storage = new PackageStorage(pipeline.workingDir)
    await hooks.beforeNormalize?.(storage.jobsBytes('extracted', loadId))
    await pipeline.normalize()
    try {
      renameSync(join(pipeline.workingDir, 'load', 'normalized', loadId), published)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      // the run is over (it failed, its folder removed): nobody will load this package
      if (code === 'ENOENT' && !existsSync(layout.packagesDir)) return done(undefined, itemCounts)
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
      return done(publishedLoadId(published), itemCounts)
    }
    crashPoint(`published task ${task.key} of run ${task.runId}`)
    return done(loadId, itemCounts)
  } finally {
    rmSync(attempt, { recursive: true, force: true })
    // the run ended while this task ran (it failed): what this task wrote there goes too
    if (!existsSync(layout.runFile)) removeRunDir(layout.runDir)
  }
}

function publishedLoadId(packageDir: string): string {
  return (readJson(join(packageDir, 'load_package_state.json')) as { loadId: string }).loadId
}
