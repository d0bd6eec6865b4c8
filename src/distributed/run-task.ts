/**
 * @module One task in a worker: extract and normalize the task's resources with a pipeline of its
 * own (in a private attempt folder, started from the run's base state and schemas), then publish
 * the normalized package to the shared location (`shared-location.ts`), where it appears complete
 * or not at all. A task done twice (a worker presumed dead that was only slow) publishes once: the
 * second publisher finds the task's package there and the first package stands.
 */
import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { TerminalError } from '../errors/dlt-error.js'
import type { Source } from '../extract/source.js'
import { Pipeline } from '../pipeline/pipeline.js'
import { PackageStorage } from '../storage/package-storage.js'
import { crashPoint } from '../util/crash-point.js'
import { capabilitiesDestination } from './capabilities-destination.js'
import { partitionSource } from './partition-source.js'
import { runLayout } from './run-layout.js'
import type { TaskJobData, TaskJobResult } from './run-manifest.js'
import type { SharedLocation } from './shared-location.js'

/** What a task tells the worker running it. */
export interface TaskHooks {
  /**
   * Called before normalizing `bytes` of extracted items, which runs synchronously on this thread
   * (the queue's lock cannot be renewed meanwhile): the worker extends the lock to cover it.
   */
  readonly beforeNormalize?: (bytes: number) => Promise<void>
}

/** Runs `task` of a run in the shared location `shared`, extracting from `source`. */
export async function runTask(
  shared: SharedLocation,
  task: TaskJobData,
  source: Source,
  hooks: TaskHooks = {},
): Promise<TaskJobResult> {
  const startedAt = Date.now()
  const run = await shared.readRun(task.runId)
  if (!run) {
    throw new TerminalError(
      `Distributed run ${task.runId} is over (its files in the shared location are gone): task ${task.key} is not run. Nothing to do; start workers with the shared location the run was submitted with.`,
    )
  }
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
  const published = await shared.publishedLoadId(task.runId, task.key)
  if (published) return done(published, {})
  const attempt = runLayout(shared.localDir, task.runId).attemptDir(task.key)
  mkdirSync(attempt, { recursive: true })
  try {
    await shared.copyBase(task.runId, join(attempt, run.pipelineName))
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
    const packageDir = storage.packagePath('normalized', loadId)
    const publishedNow = await shared.publish(task.runId, task.key, packageDir, loadId)
    if (publishedNow) crashPoint(`published task ${task.key} of run ${task.runId}`)
    return done(publishedNow, itemCounts)
  } finally {
    await shared.endAttempt(task.runId, attempt)
  }
}
