/**
 * Distributed runs with real Redis, real worker processes and real DuckDB files: the destination
 * ends with what a single-process run gives; a worker SIGKILLed mid-task is replaced and nothing
 * is lost or doubled; a task failing terminally fails the run and loads nothing of it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DistributedTaskError, distributedRun } from '../../../src/distributed/index.js'
import * as dlt from '../../../src/index.js'
import { shop } from './children/shop-source.js'
import { redisAvailable } from './redis-available.js'

const workerFile = new URL('./children/worker.ts', import.meta.url).pathname
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-distributed-'))
const workers: ChildProcess[] = []
let available = false

beforeAll(async () => {
  available = await redisAvailable()
  if (!available) {
    console.warn('Redis is not reachable (REDIS_URL or 127.0.0.1:6379): distributed tests skipped')
  }
})
afterEach(() => {
  for (const worker of workers.splice(0)) worker.kill('SIGKILL')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

function shopPipeline(dir: string, name: string) {
  return dlt.pipeline({
    pipelineName: 'shop',
    destination: dlt.destinations.duckdb({ credentials: join(dir, `${name}.duckdb`) }),
    datasetName: 'shop_data',
    pipelinesDir: join(dir, `${name}-pipelines`),
  })
}

/** Starts a worker process; resolves once it listens on the queue. */
function startWorkerProcess(
  sharedDir: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', workerFile, sharedDir, prefix], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    workers.push(proc)
    let stderr = ''
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    proc.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(proc)
    })
    proc.on('error', reject)
    proc.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${stderr}`)))
  })
}

/** Row count of every data table, and its columns. */
async function contents(pipeline: dlt.Pipeline) {
  const out: Record<string, { rows: number; columns: string[] }> = {}
  const schema = pipeline.schemas['shop']!
  for (const [name, table] of Object.entries(schema.tables)) {
    if (name.startsWith('_dlt_')) continue
    const rows = await pipeline.dataset().rows(name)
    out[name] = { rows: rows.length, columns: Object.keys(table.columns).sort() }
  }
  return out
}

function testPrefix(): string {
  return `dlt-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
}

describe('distributedRun', () => {
  it('loads what a single-process run loads, twice in a row (state merged)', async (ctx) => {
    if (!available) return ctx.skip()
    const dir = mkdtempSync(join(root, 'equal-'))
    const prefix = testPrefix()
    await startWorkerProcess(join(dir, 'shared'), prefix)
    const single = shopPipeline(dir, 'single')
    const distributed = shopPipeline(dir, 'distributed')
    for (let round = 1; round <= 2; round++) {
      await single.run(shop)
      const reports: string[] = []
      const info = await distributedRun({
        pipeline: distributed,
        source: shop,
        sharedDir: join(dir, 'shared'),
        prefix,
        onTaskDone: (task) => reports.push(task.resources.join(',')),
      })
      expect(reports.sort()).toEqual(['customers', 'orders'])
      expect(info.hasFailedJobs).toBe(false)
      expect(await contents(distributed)).toEqual(await contents(single))
    }
    // both cursors and both tables made it into the state and the schema
    expect(distributed.state.sources['shop']).toEqual(single.state.sources['shop'])
    expect(Object.keys(distributed.schemas['shop']!.tables).sort()).toEqual(
      Object.keys(single.schemas['shop']!.tables).sort(),
    )
    const counts = await contents(distributed)
    expect(counts['orders']?.rows).toBe(300)
    expect(counts['customers']?.rows).toBe(40)
    expect(distributed.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(readdirSync(join(dir, 'shared'))).toEqual([])
  })

  it('gives the task of a SIGKILLed worker to another: nothing lost or doubled', async (ctx) => {
    if (!available) return ctx.skip()
    const dir = mkdtempSync(join(root, 'kill-'))
    const prefix = testPrefix()
    const hangFile = join(dir, 'hang')
    const env = { DLT_TEST_HANG_FILE: hangFile }
    await Promise.all([
      startWorkerProcess(join(dir, 'shared'), prefix, env),
      startWorkerProcess(join(dir, 'shared'), prefix, env),
    ])
    const distributed = shopPipeline(dir, 'distributed')
    const doneBy = new Map<string, string>()
    const running = distributedRun({
      pipeline: distributed,
      source: shop,
      sharedDir: join(dir, 'shared'),
      prefix,
      onTaskDone: (task) => doneBy.set(task.resources.join(','), task.worker),
    })
    while (!existsSync(hangFile) || !readFileSync(hangFile, 'utf8')) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const victim = Number(readFileSync(hangFile, 'utf8'))
    process.kill(victim, 'SIGKILL')
    await running
    // the surviving worker re-ran the killed worker's task
    expect(doneBy.get('orders')).not.toMatch(new RegExp(`^${victim}@`))
    const single = shopPipeline(dir, 'single')
    await single.run(shop)
    expect(await contents(distributed)).toEqual(await contents(single))
  })

  it('fails with the task error and loads nothing when a task fails terminally', async (ctx) => {
    if (!available) return ctx.skip()
    const dir = mkdtempSync(join(root, 'fail-'))
    const prefix = testPrefix()
    await startWorkerProcess(join(dir, 'shared'), prefix, { DLT_TEST_FAIL: 'customers' })
    const distributed = shopPipeline(dir, 'distributed')
    const error = await distributedRun({
      pipeline: distributed,
      source: shop,
      sharedDir: join(dir, 'shared'),
      prefix,
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DistributedTaskError)
    expect((error as Error).message).toMatch(/resource customers: .*HTTP 400/)
    expect(distributed.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(distributed.schemas['shop']).toBeUndefined()
    expect(existsSync(join(dir, 'shared'))).toBe(true)
    expect(readdirSync(join(dir, 'shared'))).toEqual([])
    // the other task's package was never loaded
    await expect(distributed.dataset().rows('orders')).rejects.toThrow()
  })
})
