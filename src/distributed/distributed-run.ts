/**
 * @module Submitting a distributed run and awaiting its `LoadInfo`. The submitter finishes the
 * pipeline's pending packages, writes the run's base (state, schema, destination capabilities) to
 * the shared directory, and adds one BullMQ flow: a parent job (the fan-in) with a child job per
 * task. Workers take the tasks; BullMQ retries failed ones and gives a dead worker's task to
 * another. When every task is done, the submitter is the run's single loader: it adopts the
 * packages in load id order (`adopt-task-packages.ts`), extracts the merged state, and loads.
 * A task that fails for good (a terminal error, or its attempts used up) fails the run before
 * anything is adopted: nothing of the run is loaded.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Job } from 'bullmq'
import type { AwsCredentialsInput } from '../buckets/aws-credentials.js'
import type { Source } from '../extract/source.js'
import type { LoadInfo } from '../pipeline/load-info.js'
import type { Pipeline } from '../pipeline/pipeline.js'
import { writeLocalState } from '../pipeline/pipeline-state.js'
import type { RefreshMode } from '../pipeline/refresh.js'
import { createLoadId } from '../storage/load-id.js'
import { writeJsonAtomic } from '../storage/package-storage.js'
import { adoptTaskPackages } from './adopt-task-packages.js'
import { loadBullMq } from './bullmq-module.js'
import { plainCapabilities } from './capabilities-destination.js'
import { lastValuePicks } from './combine-partition-states.js'
import { DistributedTaskError } from './distributed-errors.js'
import { pingRedis } from './ping-redis.js'
import { redisConnection } from './redis-connection.js'
import { REFRESH_PACKAGE_KEY, runBase, writeRefreshPackage } from './run-base.js'
import { runLayout } from './run-layout.js'
import type { RunManifest, TaskJobData, TaskJobResult } from './run-manifest.js'
import { sharedLocation } from './shared-location.js'
import { planTasks, type TaskSpec } from './task-plan.js'

/** Options of `distributedRun()`. */
export interface DistributedRunOptions {
  /** The pipeline to load into; this process is the run's loader. */
  readonly pipeline: Pipeline
  /**
   * The source to run. Workers find it by its name among the exports of their module, so it
   * must be the same source the workers' module exports.
   */
  readonly source: Source
  /**
   * Where the run's files are shared: a folder every worker and this process see, or an
   * S3-compatible bucket, `s3://bucket/prefix` (docs/scale-out.md).
   */
  readonly sharedDir: string
  /**
   * Credentials of an `s3://` shared location (dlt's keys: `aws_access_key_id`,
   * `aws_secret_access_key`, `endpoint_url`, `region_name`, …); missing values come from
   * `[distributed.credentials]`, then the AWS SDK's own chain.
   * @default from configuration
   */
  readonly sharedCredentials?: AwsCredentialsInput
  /** `redis://host:port`. @default `REDIS_URL`, else `redis://127.0.0.1:6379` */
  readonly redis?: string
  /** The task queue the workers take from. @default 'dlt-tasks' */
  readonly queueName?: string
  /** The Redis key prefix of the queues. @default 'dlt' */
  readonly prefix?: string
  /** Tries per task for errors that are not terminal. @default 3 */
  readonly attempts?: number
  /** The first retry's delay, doubled for each further one. @default 1_000 */
  readonly backoffMs?: number
  /** Called once per task when all are done (for progress and measurements). */
  readonly onTaskDone?: (task: TaskReport) => void
  /**
   * Resets what the run loads before loading it, as `pipeline.run(source, { refresh })`:
   * `'drop_sources'`, `'drop_resources'` or `'drop_data'` (docs/scale-out.md); `false`: none,
   * even when the pipeline has a `refresh`. @default the pipeline's `refresh`
   */
  readonly refresh?: RefreshMode | false
}

/** A finished task. */
export interface TaskReport extends TaskJobResult {
  readonly resources: readonly string[]
  /** When the task was queued (ms since the epoch). */
  readonly queuedAt: number
}

/** Runs `source` into `pipeline` on the workers listening on the queue; resolves with the load. */
export async function distributedRun(options: DistributedRunOptions): Promise<LoadInfo> {
  const { FlowProducer, Queue, Worker } = await loadBullMq()
  const { pipeline, source } = options
  await pingRedis(options.redis)
  // finish what an earlier (distributed or not) run left, and restore state on a new machine
  await pipeline.run()
  const tasks = await planTasks(source)
  const runId = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`
  const shared = sharedLocation(options.sharedDir, {
    credentials: options.sharedCredentials,
    // the packages are renamed from there into the pipeline's folder: one file system
    localParent: join(pipeline.workingDir, 'distributed'),
  })
  const layout = runLayout(shared.localDir, runId)
  const base = runBase(pipeline, source, options.refresh ?? pipeline.refresh)
  const { state: baseState, schema: baseSchema } = base
  // every task's package gets it: the loader commits the run as one package
  const loadId = createLoadId(baseState._local._last_load_id)
  const { name: destinationName, capabilities } = await pipeline.destinationCapabilities()
  mkdirSync(join(layout.baseDir, 'schemas'), { recursive: true })
  writeLocalState(layout.baseDir, baseState)
  if (baseSchema) {
    writeJsonAtomic(join(layout.baseDir, 'schemas', `${baseSchema.name}.schema.json`), baseSchema)
  }
  const manifest: RunManifest = {
    runId,
    pipelineName: pipeline.pipelineName,
    datasetName: pipeline.datasetName,
    sourceName: source.name,
    destinationName,
    capabilities: plainCapabilities(capabilities),
  }
  writeFileSync(layout.runFile, JSON.stringify(manifest, null, 2))
  // tasks publish into it; once the run's folder is gone, a late task's package is discarded
  mkdirSync(layout.packagesDir)

  const connection = redisConnection(options.redis)
  const prefix = options.prefix ?? 'dlt'
  const queueName = options.queueName ?? 'dlt-tasks'
  const loadQueueName = `${queueName}.load.${runId}`
  const flow = new FlowProducer({ connection, prefix })
  const byJobId = new Map(tasks.map((task) => [`${runId}.${task.key}`, task]))
  let fanIn: InstanceType<typeof Worker> | undefined
  const queuedAt = Date.now()
  try {
    // the fan-in: the parent job runs when every task is done, or as soon as one failed for good
    const finished = new Promise<FanIn>((resolve) => {
      fanIn = new Worker(
        loadQueueName,
        async (job: Job) => {
          const failures = await job.getIgnoredChildrenFailures()
          const values = await job.getChildrenValues<TaskJobResult>()
          resolve({ failures, results: Object.values(values) })
        },
        { connection, prefix },
      )
      // ioredis reconnects by itself: the fan-in job runs once Redis answers again
      fanIn.on('error', () => {})
    })
    await shared.shareRun(layout)
    await flow.add({
      name: 'load',
      queueName: loadQueueName,
      data: { runId },
      opts: { removeOnComplete: true, removeOnFail: true },
      children: tasks.map((task) => ({
        name: 'task',
        queueName,
        data: {
          runId,
          loadId,
          sourceName: source.name,
          key: task.key,
          resources: task.resources,
          ...(task.partition ? { partition: task.partition } : {}),
        } satisfies TaskJobData,
        opts: {
          jobId: `${runId}.${task.key}`,
          attempts: options.attempts ?? 3,
          backoff: { type: 'exponential', delay: options.backoffMs ?? 1_000 },
          continueParentOnFailure: true,
          removeOnComplete: { age: 3_600 },
          removeOnFail: { age: 24 * 3_600 },
        },
      })),
    })
    const { failures, results } = await finished
    if (Object.keys(failures).length) {
      await removeUnfinished(new Queue(queueName, { connection, prefix }), byJobId.keys())
      throw new DistributedTaskError(
        runId,
        Object.entries(failures).map(([jobKey, reason]) => ({
          resources: taskOf(byJobId, jobKey)?.resources ?? [jobKey],
          reason,
        })),
      )
    }
    for (const result of results) {
      const task = byJobId.get(`${runId}.${result.key}`)
      options.onTaskDone?.({ ...result, resources: task?.resources ?? [], queuedAt })
    }
    const published = await shared.fetchPackages(layout, results)
    const refreshed = base.refreshed
      ? [writeRefreshPackage(layout.packageDir(REFRESH_PACKAGE_KEY), loadId, base, source.name)]
      : []
    adoptTaskPackages({
      runId,
      workingDir: pipeline.workingDir,
      pipelineName: pipeline.pipelineName,
      sourceName: source.name,
      baseState,
      baseSchema,
      layout,
      results: [...refreshed, ...published],
      picks: lastValuePicks(source),
    })
  } finally {
    await fanIn?.close()
    await flow.close()
    // the run's own fan-in queue goes with it (the tasks' results expire with the task queue's jobs)
    const loadQueue = new Queue(loadQueueName, { connection, prefix })
    await loadQueue.obliterate({ force: true }).catch(() => {})
    await loadQueue.close()
    await shared.removeRun(layout)
    await shared.close()
  }
  // the merged state, stored at the destination with the run's last package; the run's refresh
  // was applied to its base, so none here (a pipeline's own refresh would drop the tables just
  // loaded)
  await pipeline.extract(source.withResources(), { refresh: false })
  await pipeline.normalize()
  return pipeline.load()
}

interface FanIn {
  readonly failures: Readonly<Record<string, string>>
  readonly results: readonly TaskJobResult[]
}

function taskOf(byJobId: ReadonlyMap<string, TaskSpec>, jobKey: string): TaskSpec | undefined {
  // a job key is `<prefix>:<queue>:<job id>`
  return byJobId.get(jobKey.slice(jobKey.lastIndexOf(':') + 1))
}

/** Removes the run's tasks no worker has started (a started one cannot be stopped). */
async function removeUnfinished(
  queue: { remove(jobId: string): Promise<number>; close(): Promise<void> },
  jobIds: Iterable<string>,
): Promise<void> {
  try {
    for (const jobId of jobIds) await queue.remove(jobId).catch(() => 0)
  } finally {
    await queue.close()
  }
}
