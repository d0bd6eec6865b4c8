/**
 * @module A distributed-run worker: takes task jobs from the queue and runs each (extract +
 * normalize into a package in the shared directory). Start one per core, on any machine that sees
 * the shared directory and Redis: `npx dlt-ts worker ./sources.ts --shared-dir /mnt/dlt` or
 * `startWorker()`. A worker that dies mid-task stops renewing its job's lock; BullMQ's stalled-job
 * check then gives the task to another worker.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Worker as BullWorker } from 'bullmq'
import type { AwsCredentialsInput } from '../buckets/aws-credentials.js'
import { resolveRuntimeSettings } from '../config/index.js'
import { isDltError, isTerminalError, toError } from '../errors/dlt-error.js'
import type { Source } from '../extract/source.js'
import { isSource } from '../extract/source.js'
import { createLogger, parseLogLevel } from '../util/logger.js'
import { loadBullMq } from './bullmq-module.js'
import { WorkerSourceNotFoundError } from './distributed-errors.js'
import { pingRedis } from './ping-redis.js'
import { redisConnection } from './redis-connection.js'
import type { TaskJobData, TaskJobResult } from './run-manifest.js'
import { runTask } from './run-task.js'
import { sharedLocation } from './shared-location.js'

/** Options of `startWorker()`. */
export interface WorkerOptions {
  /** The module exporting the sources (a path, resolved from the current directory). */
  readonly module: string
  /**
   * Where the runs' files are shared: a folder every worker and the submitter see (a local or
   * network file system), or an S3-compatible bucket, `s3://bucket/prefix`.
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
  /** The task queue; the submitter must use the same. @default 'dlt-tasks' */
  readonly queueName?: string
  /** The Redis key prefix of the queues (BullMQ's `prefix`). @default 'dlt' */
  readonly prefix?: string
  /** Tasks run at once by this worker. @default 1 (start a worker per core) */
  readonly concurrency?: number
  /**
   * How long a task's lock lives without renewal; a worker silent this long is presumed dead and
   * its task goes to another worker. @default 30_000
   */
  readonly lockDurationMs?: number
  /** How often stalled tasks are looked for. @default 30_000 */
  readonly stalledIntervalMs?: number
}

/** A running worker. */
export interface DistributedWorker {
  /** Finishes the tasks in hand, then stops. */
  close(): Promise<void>
}

/** Starts a worker that takes tasks until closed. */
export async function startWorker(options: WorkerOptions): Promise<DistributedWorker> {
  const { Worker, UnrecoverableError } = await loadBullMq()
  await pingRedis(options.redis)
  const lockDuration = options.lockDurationMs ?? 30_000
  const modulePath = resolve(options.module)
  const exported = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>
  const sources = new Map<string, Source>()
  for (const value of Object.values(exported)) if (isSource(value)) sources.set(value.name, value)
  const shared = sharedLocation(options.sharedDir, { credentials: options.sharedCredentials })
  const worker: BullWorker<TaskJobData, TaskJobResult> = new Worker(
    options.queueName ?? 'dlt-tasks',
    async (job, token) => {
      const source = sources.get(job.data.sourceName)
      if (!source) {
        const error = new WorkerSourceNotFoundError(modulePath, job.data.sourceName, [
          ...sources.keys(),
        ])
        throw new UnrecoverableError(error.message)
      }
      try {
        return await runTask(shared, job.data, source, {
          beforeNormalize: async (bytes) => {
            const ms = Math.ceil(bytes / NORMALIZE_BYTES_PER_MS_FLOOR)
            if (token && ms > lockDuration) await job.extendLock(token, ms)
          },
        })
      } catch (error) {
        const reason = describe(toError(error))
        // a retry cannot fix bad data or a refused credential: fail the run now
        if (isTerminal(error)) throw new UnrecoverableError(reason)
        throw new Error(reason)
      }
    },
    {
      connection: redisConnection(options.redis),
      prefix: options.prefix ?? 'dlt',
      concurrency: options.concurrency ?? 1,
      lockDuration,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
    },
  )
  // a task's error is its run's; here, what an operator watching the worker needs to see
  const logger = createLogger(
    parseLogLevel(resolveRuntimeSettings().runtime.logLevel),
    `[dlt-ts] worker ${process.pid}`,
  )
  let lastError = ''
  worker.on('error', (error) => {
    // ioredis reconnects by itself; say so once per kind of error, not at every retry
    if (error.message === lastError) return
    lastError = error.message
    logger.warning(`queue connection: ${error.message} (retrying)`)
  })
  worker.on('failed', (job, error) => {
    if (!job) return
    const tries = `attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}`
    logger.warning(
      `task ${job.data.key} (${job.data.resources.join(', ')}) failed, ${tries}: ${error.message}`,
    )
  })
  worker.on('completed', (job) => {
    lastError = ''
    logger.info(`task ${job.data.key} (${job.data.resources.join(', ')}) done`)
  })
  await worker.waitUntilReady()
  return {
    close: async () => {
      await worker.close()
      await shared.close()
    },
  }
}

/**
 * The slowest normalize rate a task's lock is extended for (bytes of extracted items per ms):
 * 1 MB/s, a fourteenth of what one thread normalized nested items at on a busy 2-core machine
 * (14 MB/s), so a slow machine stays covered. A worker
 * killed while normalizing is taken over once this extended lock expires.
 */
const NORMALIZE_BYTES_PER_MS_FLOOR = 1_000

/** Terminal when the error or any of its causes is a terminal dlt-ts error. */
function isTerminal(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (isTerminalError(current)) return true
  }
  return false
}

/** `Name: message`, with the innermost dlt-ts error's name when there is one. */
function describe(error: Error): string {
  return isDltError(error) || error.name === 'Error'
    ? error.message
    : `${error.name}: ${error.message}`
}
