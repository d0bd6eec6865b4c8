/**
 * Distributed runs with real Redis, real worker processes and real DuckDB files: the destination
 * ends with what a single-process run gives; a worker SIGKILLed mid-task is replaced and nothing
 * is lost or doubled; a task failing terminally fails the run and loads nothing of it; a loader
 * killed while adopting or loading the packages is finished by the next run. Two workers serve
 * every test (files in `control/` steer them, see `children/shop-source.ts`).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DistributedRunConflictError,
  DistributedSchemaConflictError,
  DistributedTaskError,
  distributedRun,
} from '../../../src/distributed/index.js'
import type * as dlt from '../../../src/index.js'
import { bulk, mixed, ranges, shop, shopPipeline, snapshots } from './children/shop-source.js'
import { redisAvailable, removeQueues } from './test-redis.js'
import {
  type Contents,
  contents,
  emptied,
  startWorkerProcess as startWorker,
  withControlFile,
} from './worker-processes.js'

const submitFile = new URL('./children/submit.ts', import.meta.url).pathname
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-distributed-'))
const sharedDir = join(root, 'shared')
const control = join(root, 'control')
const prefix = `dlt-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
const workers = new Set<ChildProcess>()
let available = false
/** What a single-process run of `shop` loads: after one run, after two. */
const single: Contents[] = []

beforeAll(async () => {
  available = await redisAvailable()
  if (!available) {
    console.warn('Redis is not reachable (REDIS_URL or 127.0.0.1:6379): distributed tests skipped')
    return
  }
  mkdirSync(control)
  const started = Promise.all([
    startWorkerProcess(),
    startWorkerProcess(),
    // workers of their own, with a lock shorter than the normalize of `bulk`
    startWorkerProcess(`${prefix}-short-lock`, {}, 1_000),
    startWorkerProcess(`${prefix}-short-lock`, {}, 1_000),
  ])
  const pipeline = shopPipeline(root, 'single')
  for (let round = 0; round < 2; round++) {
    await pipeline.run(shop)
    single.push(await contents(pipeline, 'shop'))
  }
  await started
}, 30_000)
afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
  if (available) await removeQueues(prefix, `${prefix}-published`, `${prefix}-short-lock`)
})

/** Starts a worker process serving `shop-source.ts`; resolves once it listens on the queue. */
async function startWorkerProcess(
  queuePrefix = prefix,
  env: Record<string, string> = {},
  lockMs = 2_500,
): Promise<ChildProcess> {
  const proc = await startWorker({
    sharedDir,
    prefix: queuePrefix,
    module: 'shop-source.ts',
    env: { DLT_TEST_CONTROL_DIR: control, ...env },
    lockMs,
  })
  workers.add(proc)
  proc.on('exit', () => workers.delete(proc))
  return proc
}

/** Runs `children/submit.ts` killed at the first crash point whose name contains `crashAt`. */
function submitKilledAt(dir: string, crashAt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', submitFile, dir, sharedDir, prefix], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DLT_TS_CRASH_AT: crashAt },
    })
    let stderr = ''
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    proc.on('error', reject)
    proc.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(stderr) : reject(new Error(`not killed: ${stderr}`)),
    )
  })
}

function run(
  pipeline: dlt.Pipeline,
  onTaskDone?: (task: { resources: readonly string[]; worker: string }) => void,
) {
  return distributedRun({
    pipeline,
    source: shop,
    sharedDir,
    prefix,
    ...(onTaskDone ? { onTaskDone } : {}),
  })
}

describe('distributedRun', () => {
  it('loads what a single-process run loads, twice in a row (state merged)', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'equal-')), 'distributed')
    for (let round = 0; round < 2; round++) {
      const reports: string[] = []
      const info = await run(distributed, (task) => reports.push(task.resources.join(',')))
      expect(reports.sort()).toEqual(['customers', 'orders'])
      expect(info.hasFailedJobs).toBe(false)
      // both tasks' rows in one package (one transaction), then the merged state's package
      const tables = info.loadPackages.map((pkg) => pkg.jobs.map((job) => job.table).sort())
      if (round === 0) {
        expect(tables).toEqual([
          expect.arrayContaining(['customers', 'orders']),
          ['_dlt_pipeline_state'],
        ])
      }
      expect(await contents(distributed, 'shop')).toEqual(single[round])
    }
    // both cursors and both tables made it into the state and the schema
    const reference = shopPipeline(root, 'single')
    expect(distributed.state.sources['shop']).toEqual(reference.state.sources['shop'])
    expect(Object.keys(distributed.schemas['shop']!.tables).sort()).toEqual(
      Object.keys(reference.schemas['shop']!.tables).sort(),
    )
    expect(single[0]?.['orders']?.rows).toBe(300)
    expect(single[0]?.['customers']?.rows).toBe(40)
    expect(distributed.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(await emptied(sharedDir)).toEqual([])
  })

  it('runs a partitioned resource as a task per partition, each with its own cursor', async (ctx) => {
    if (!available) return ctx.skip()
    const dir = mkdtempSync(join(root, 'partitions-'))
    const distributed = shopPipeline(dir, 'distributed')
    const single = shopPipeline(dir, 'single')
    for (let round = 0; round < 2; round++) {
      const tasks: string[] = []
      await distributedRun({
        pipeline: distributed,
        source: ranges,
        sharedDir,
        prefix,
        onTaskDone: (task) => tasks.push(task.resources.join(',')),
      })
      expect(tasks.sort()).toEqual(['events_0', 'events_1', 'events_2'])
      await single.run(ranges)
      expect(await contents(distributed, 'ranges')).toEqual(await contents(single, 'ranges'))
    }
    expect((await contents(distributed, 'ranges'))['events']?.rows).toBe(300)
    const resources = distributed.state.sources['ranges']?.['resources'] as Record<string, object>
    expect(Object.keys(resources).sort()).toEqual(['events_0', 'events_1', 'events_2'])
    expect(distributed.state.sources['ranges']).toEqual(single.state.sources['ranges'])
  })

  it('keeps a task whose normalize blocks longer than the lock with its worker', async (ctx) => {
    if (!available) return ctx.skip()
    // the workers' lock is 1 s; normalizing this package blocks their event loop for longer
    const distributed = shopPipeline(mkdtempSync(join(root, 'long-')), 'distributed')
    const tasks: { worker: string; ms: number }[] = []
    await distributedRun({
      pipeline: distributed,
      source: bulk,
      sharedDir,
      prefix: `${prefix}-short-lock`,
      onTaskDone: (task) =>
        tasks.push({ worker: task.worker, ms: task.finishedAt - task.startedAt }),
    })
    expect(tasks).toHaveLength(1)
    expect(await distributed.dataset().rows('bulk', { limit: 1 })).toHaveLength(1)
    const [row] = await distributed
      .dataset()
      .query<{ n: number | bigint }>('SELECT count(*) AS n FROM bulk')
    expect(Number(row?.n)).toBe(300_000)
  }, 30_000)

  it('gives the task of a SIGKILLed worker to another: nothing lost or doubled', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'kill-')), 'distributed')
    writeFileSync(join(control, 'hang-armed'), '')
    const hangFile = join(control, 'hang')
    try {
      const doneBy = new Map<string, string>()
      const running = run(distributed, (task) => doneBy.set(task.resources.join(','), task.worker))
      while (!existsSync(hangFile) || !readFileSync(hangFile, 'utf8')) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const victim = Number(readFileSync(hangFile, 'utf8'))
      process.kill(victim, 'SIGKILL')
      await running
      // the surviving worker re-ran the killed worker's task
      expect(doneBy.get('orders')).not.toMatch(new RegExp(`^${victim}@`))
      expect(await contents(distributed, 'shop')).toEqual(single[0])
    } finally {
      rmSync(join(control, 'hang-armed'), { force: true })
      rmSync(hangFile, { force: true })
    }
    await startWorkerProcess()
  })

  it('loads once the package of a worker killed right after publishing it', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'published-')), 'distributed')
    // a queue of its own: the worker that dies is the only one until it is dead
    const queuePrefix = `${prefix}-published`
    const doomed = await startWorkerProcess(queuePrefix, { DLT_TS_CRASH_AT: 'published task' })
    const died = new Promise((resolve) => doomed.on('exit', (_code, signal) => resolve(signal)))
    const doneBy = new Map<string, string>()
    const running = distributedRun({
      pipeline: distributed,
      source: shop,
      sharedDir,
      prefix: queuePrefix,
      onTaskDone: (task) => doneBy.set(task.key, task.worker),
    })
    expect(await died).toBe('SIGKILL')
    const survivor = await startWorkerProcess(queuePrefix)
    await running
    // the task the dead worker published was taken again and found done, not extracted again
    expect([...doneBy.values()].every((worker) => worker.startsWith(`${survivor.pid}@`))).toBe(true)
    expect(await contents(distributed, 'shop')).toEqual(single[0])
    survivor.kill('SIGKILL')
  })

  it('fails with the task error and loads nothing when a task fails terminally', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'fail-')), 'distributed')
    const error = await withControlFile(control, 'fail-customers', () => run(distributed))
    expect(error).toBeInstanceOf(DistributedTaskError)
    expect((error as Error).message).toMatch(/resource customers: .*HTTP 400/)
    expect(distributed.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(distributed.schemas['shop']).toBeUndefined()
    expect(await emptied(sharedDir)).toEqual([])
    // the other task's package was never loaded
    await expect(distributed.dataset().rows('orders')).rejects.toThrow()
  })

  it('refuses tasks that typed one column differently, loading nothing', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'conflict-')), 'distributed')
    const error = await distributedRun({
      pipeline: distributed,
      source: mixed,
      sharedDir,
      prefix,
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DistributedSchemaConflictError)
    expect((error as Error).message).toMatch(
      /column "v" of table "values" differently \((bigint and text|text and bigint)\)/,
    )
    expect(distributed.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(await emptied(sharedDir)).toEqual([])
    await expect(distributed.dataset().rows('values')).rejects.toThrow()
  })

  it('replaces a table written by several tasks with all their rows, as one process does', async (ctx) => {
    if (!available) return ctx.skip()
    const dir = mkdtempSync(join(root, 'replace-'))
    const distributed = shopPipeline(dir, 'distributed')
    const single = shopPipeline(dir, 'single')
    for (let round = 0; round < 2; round++) {
      await distributedRun({ pipeline: distributed, source: snapshots, sharedDir, prefix })
      await single.run(snapshots)
      const parts = (await distributed.dataset().rows('snapshot')).map((row) => row['part'])
      expect(parts.sort()).toEqual([0, 1])
      expect(await contents(distributed, 'snapshots')).toEqual(await contents(single, 'snapshots'))
    }
  })

  it('refuses to commit tasks that started from a state another run has moved on from', async (ctx) => {
    if (!available) return ctx.skip()
    const distributed = shopPipeline(mkdtempSync(join(root, 'moved-on-')), 'distributed')
    writeFileSync(join(control, 'hang-armed'), '')
    const hangFile = join(control, 'hang')
    try {
      const running = run(distributed).catch((caught: unknown) => caught)
      while (!existsSync(hangFile) || !readFileSync(hangFile, 'utf8')) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      // while the tasks extract, the pipeline runs in this process
      await distributed.run([{ id: 1 }], { tableName: 'elsewhere' })
      process.kill(Number(readFileSync(hangFile, 'utf8')), 'SIGKILL')
      const error = await running
      expect(error).toBeInstanceOf(DistributedRunConflictError)
      expect((error as Error).message).toMatch(/ran elsewhere .* Nothing of the run was loaded/)
    } finally {
      rmSync(join(control, 'hang-armed'), { force: true })
      rmSync(hangFile, { force: true })
    }
    expect(distributed.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(await distributed.dataset().rows('elsewhere')).toHaveLength(1)
    await expect(distributed.dataset().rows('orders')).rejects.toThrow()
    await startWorkerProcess()
  })

  for (const [what, crashAt] of [
    ['adopting the packages', 'adopted'],
    ['loading the first package', 'committed'],
  ] as const) {
    it(`finishes a run whose loader was killed ${what}`, async (ctx) => {
      if (!available) return ctx.skip()
      const dir = mkdtempSync(join(root, `loader-${crashAt}-`))
      expect(await submitKilledAt(dir, crashAt)).toContain(`[crash point ${crashAt}]`)
      // the next run finishes what was adopted; a task not adopted kept its cursor and runs again
      const distributed = shopPipeline(dir, 'distributed')
      await run(distributed)
      expect(await contents(distributed, 'shop')).toEqual(single[0])
      const reference = shopPipeline(root, 'single')
      expect(distributed.state.sources['shop']).toEqual(reference.state.sources['shop'])
    })
  }
})
