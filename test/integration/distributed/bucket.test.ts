/**
 * An S3-compatible bucket as the shared location of distributed runs (`s3rver` on 127.0.0.1,
 * started here), with real Redis, real worker processes (credentials from their environment,
 * `DISTRIBUTED__CREDENTIALS__*`) and DuckDB files: the destination ends with what a
 * single-process run gives; a worker killed while uploading its package leaves no committed
 * package (files without a commit marker, which nobody reads) and its task is done by another;
 * a worker finding a task's package committed (its publisher killed right after) backs off; the
 * run's files are removed from the bucket afterwards, also those of a failed run's late task.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3FileTransport } from '../../../src/buckets/s3-file-transport.js'
import { DistributedTaskError, distributedRun } from '../../../src/distributed/index.js'
import { type S3TestServer, startS3TestServer } from '../../support/s3-test-server.js'
import { shop, shopPipeline } from './children/shop-source.js'
import { redisAvailable, removeQueues } from './test-redis.js'
import { type Contents, contents, startWorkerProcess, withControlFile } from './worker-processes.js'

const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bucket-shared-'))
const sharedDir = 's3://shared/runs'
const prefix = `dlt-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
const control = join(root, 'control')
const workers = new Set<ChildProcess>()
let available = false
let s3: S3TestServer
let bucket: S3FileTransport
let env: Record<string, string>
let single: Contents

beforeAll(async () => {
  available = await redisAvailable()
  if (!available) {
    console.warn('Redis is not reachable (REDIS_URL or 127.0.0.1:6379): bucket tests skipped')
    return
  }
  s3 = await startS3TestServer(['shared'])
  const { credentials } = s3
  bucket = new S3FileTransport({
    bucketUrl: sharedDir,
    credentials: {
      awsAccessKeyId: credentials.aws_access_key_id,
      awsSecretAccessKey: credentials.aws_secret_access_key,
      endpointUrl: credentials.endpoint_url,
    },
    configSection: 'test',
  })
  env = {
    DISTRIBUTED__CREDENTIALS__AWS_ACCESS_KEY_ID: credentials.aws_access_key_id,
    DISTRIBUTED__CREDENTIALS__AWS_SECRET_ACCESS_KEY: credentials.aws_secret_access_key,
    DISTRIBUTED__CREDENTIALS__ENDPOINT_URL: credentials.endpoint_url,
    DISTRIBUTED__CREDENTIALS__REGION_NAME: credentials.region_name,
    DLT_TEST_CONTROL_DIR: control,
  }
  mkdirSync(control)
  for (let i = 0; i < 2; i++) workers.add(await startWorker(prefix))
  const reference = shopPipeline(root, 'single')
  await reference.run(shop)
  single = await contents(reference, 'shop')
}, 30_000)

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL')
  await bucket?.close()
  await s3?.close()
  rmSync(root, { recursive: true, force: true })
  if (available) await removeQueues(prefix, `${prefix}-upload`, `${prefix}-published`)
})

function startWorker(queuePrefix: string, extra: Record<string, string> = {}) {
  return startWorkerProcess({
    sharedDir,
    prefix: queuePrefix,
    module: 'shop-source.ts',
    env: { ...env, ...extra },
  })
}

function run(pipeline: ReturnType<typeof shopPipeline>, queuePrefix = prefix) {
  return distributedRun({
    pipeline,
    source: shop,
    sharedDir,
    prefix: queuePrefix,
    sharedCredentials: s3.credentials,
  })
}

describe('distributedRun with a bucket as the shared location', () => {
  it('loads what a single-process run loads, and leaves nothing in the bucket', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'equal-')), 'distributed')
    const info = await run(distributed)
    expect(info.hasFailedJobs).toBe(false)
    expect(await contents(distributed, 'shop')).toEqual(single)
    expect(await bucket.listFiles('')).toEqual([])
    // nor in the pipeline's folder, where the loader kept its copies
    expect(existsSync(join(distributed.workingDir, 'distributed'))).toBe(false)
  }, 60_000)

  it('commits no package of a worker killed while uploading it; another does the task', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'upload-')), 'distributed')
    // a queue of its own: the worker that dies is the only one until it is dead
    const queuePrefix = `${prefix}-upload`
    const doomed = await startWorker(queuePrefix, { DLT_TS_CRASH_AT: 'uploading task' })
    const died = new Promise((resolve) => doomed.on('exit', (_code, signal) => resolve(signal)))
    const running = run(distributed, queuePrefix)
    expect(await died).toBe('SIGKILL')
    // its upload began, and no package is committed
    const keys = await bucket.listFiles('')
    expect(keys.some((key) => key.includes('/packages/'))).toBe(true)
    expect(keys.filter((key) => key.endsWith('committed.json'))).toEqual([])
    const survivor = await startWorker(queuePrefix)
    workers.add(survivor)
    await running
    expect(await contents(distributed, 'shop')).toEqual(single)
    expect(await bucket.listFiles('')).toEqual([])
  }, 60_000)

  it('backs off from a task whose package a killed worker committed', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'published-')), 'distributed')
    const queuePrefix = `${prefix}-published`
    const doomed = await startWorker(queuePrefix, { DLT_TS_CRASH_AT: 'published task' })
    const died = new Promise((resolve) => doomed.on('exit', (_code, signal) => resolve(signal)))
    const tasks: { worker: string; items: number }[] = []
    const running = distributedRun({
      pipeline: distributed,
      source: shop,
      sharedDir,
      prefix: queuePrefix,
      sharedCredentials: s3.credentials,
      onTaskDone: (task) =>
        tasks.push({
          worker: task.worker,
          items: Object.values(task.itemCounts).reduce((sum, n) => sum + n, 0),
        }),
    })
    expect(await died).toBe('SIGKILL')
    expect(
      (await bucket.listFiles('')).filter((key) => key.endsWith('committed.json')),
    ).toHaveLength(1)
    const survivor = await startWorker(queuePrefix)
    workers.add(survivor)
    await running
    // the survivor did both tasks, and found one of them committed: not extracted again
    expect(tasks.every((task) => task.worker.startsWith(`${survivor.pid}@`))).toBe(true)
    expect(tasks.map((task) => task.items).sort((a, b) => a - b)[0]).toBe(0)
    expect(await contents(distributed, 'shop')).toEqual(single)
    expect(await bucket.listFiles('')).toEqual([])
  }, 60_000)

  it('removes a failed run’s files from the bucket, the late task’s too', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'fail-')), 'distributed')
    const error = await withControlFile(control, 'fail-customers', () => run(distributed))
    expect(error).toBeInstanceOf(DistributedTaskError)
    await expect(distributed.dataset().rows('orders')).rejects.toThrow()
    // the orders task may still be uploading when the run fails: it removes what it wrote
    let left = await bucket.listFiles('')
    for (let waited = 0; waited < 5_000 && left.length; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      left = await bucket.listFiles('')
    }
    expect(left).toEqual([])
  }, 60_000)
})
