/**
 * Sources that declare partitions, through distributed runs with real Redis, two real worker
 * processes and DuckDB files, compared with single-process runs: the filesystem source makes a
 * task per page of files (incremental on `modification_date`: the partitions' cursors combined,
 * a second run loads nothing new), `sqlDatabase` a task per table and `sqlTable` with `partitions`
 * a task per key range (PostgreSQL).
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distributedRun } from '../../../src/distributed/index.js'
import type * as dlt from '../../../src/index.js'
import { writeBucket } from '../../support/local-bucket.js'
import { findPostgres, pgExec, uniqueName } from '../sql-database/sql-test-servers.js'
import { shopPipeline } from './children/shop-source.js'
import { redisAvailable, removeQueues } from './test-redis.js'
import { contents, startWorkerProcess } from './worker-processes.js'

const root = mkdtempSync(join(tmpdir(), 'dlt-ts-partitions-'))
const sharedDir = join(root, 'shared')
const bucket = join(root, 'bucket')
const prefix = `dlt-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
const pgSchema = uniqueName('distributed')
const workers: ChildProcess[] = []
let available = false
let pgSkipped: string | undefined
let sources: typeof import('./children/partition-sources.js')

/** Five files of 3 rows; `a` and `c` share the newest time (two tasks reach the last value). */
const T = Date.UTC(2025, 0, 1) / 1000
const FILES: Record<string, number> = { a: T + 100, b: T + 50, c: T + 100, d: T, e: T }

function writeFile(name: string, time: number) {
  const rows = [0, 1, 2].map((i) => `${name}-${i},${i * 10},${name}`)
  writeBucket(bucket, { [`${name}.csv`]: `id,amount,file\n${rows.join('\n')}\n` })
  utimesSync(join(bucket, `${name}.csv`), time, time)
}

beforeAll(async () => {
  available = await redisAvailable()
  if (!available) {
    console.warn('Redis is not reachable (REDIS_URL or 127.0.0.1:6379): partition tests skipped')
    return
  }
  for (const [name, time] of Object.entries(FILES)) writeFile(name, time)
  pgSkipped = await findPostgres()
  if (!pgSkipped) {
    await pgExec(
      `CREATE SCHEMA ${pgSchema}`,
      `CREATE TABLE ${pgSchema}.customers AS SELECT g AS id, 'c' || g AS name FROM generate_series(1, 30) g`,
      `CREATE TABLE ${pgSchema}.orders AS SELECT g AS id, g % 30 AS customer_id FROM generate_series(1, 200) g`,
      `CREATE TABLE ${pgSchema}.items AS SELECT g AS id, g % 200 AS order_id, 'sku' || (g % 9) AS sku FROM generate_series(1, 500) g`,
      // a row without a key: in the first key range
      `INSERT INTO ${pgSchema}.items VALUES (NULL, 0, 'none')`,
    )
  }
  const env = {
    DLT_TEST_BUCKET: bucket,
    ...(pgSkipped ? {} : { DLT_TEST_PG_SCHEMA: pgSchema }),
  }
  Object.assign(process.env, env)
  sources = await import('./children/partition-sources.js')
  const module = 'partition-sources.ts'
  for (let i = 0; i < 2; i++) {
    workers.push(await startWorkerProcess({ sharedDir, prefix, module, env }))
  }
}, 30_000)

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
  delete process.env['DLT_TEST_BUCKET']
  delete process.env['DLT_TEST_PG_SCHEMA']
  if (available) await removeQueues(prefix)
  if (!pgSkipped) await pgExec(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`)
})

/** Runs `source` distributed into `pipeline`; returns each task's partition as `resources@key`. */
async function runDistributed(pipeline: dlt.Pipeline, source: dlt.Source): Promise<string[]> {
  const tasks: string[] = []
  await distributedRun({
    pipeline,
    source,
    sharedDir,
    prefix,
    onTaskDone: (task) => tasks.push(task.resources.join(',')),
  })
  return tasks.sort()
}

describe('partitions declared by sources', () => {
  it('runs the filesystem source as a task per page of files, incrementally', async (ctx) => {
    if (!available) return ctx.skip()
    const dir = mkdtempSync(join(root, 'files-'))
    const distributed = shopPipeline(dir, 'distributed')
    const single = shopPipeline(dir, 'single')
    const cursor = (pipeline: dlt.Pipeline) => {
      const resources = pipeline.state.sources['files']?.['resources'] as Record<string, any>
      const state = resources['filesystem'].incremental.modification_date
      return { last: state.last_value, hashes: [...state.unique_hashes].sort() }
    }
    // five files, two per page: three tasks
    expect(await runDistributed(distributed, sources.files!)).toEqual([
      'orders',
      'orders',
      'orders',
    ])
    await single.run(sources.files!)
    expect(await contents(distributed, 'files')).toEqual(await contents(single, 'files'))
    expect((await contents(distributed, 'files'))['orders']?.rows).toBe(15)
    // the furthest cursor of the tasks, with both files at it (in two tasks)
    expect(cursor(distributed)).toEqual(cursor(single))
    expect(cursor(distributed).hashes).toHaveLength(2)

    // nothing new: nothing loaded
    await runDistributed(distributed, sources.files!)
    expect((await contents(distributed, 'files'))['orders']?.rows).toBe(15)

    // one new file: only its rows
    writeFile('f', T + 200)
    try {
      await runDistributed(distributed, sources.files!)
      await single.run(sources.files!)
      expect(await contents(distributed, 'files')).toEqual(await contents(single, 'files'))
      expect((await contents(distributed, 'files'))['orders']?.rows).toBe(18)
      expect(cursor(distributed)).toEqual(cursor(single))
    } finally {
      rmSync(join(bucket, 'f.csv'))
    }
  }, 60_000)

  it('runs the tables of sqlDatabase as a task each (PostgreSQL)', async (ctx) => {
    if (!available) return ctx.skip()
    if (pgSkipped) return ctx.skip(pgSkipped)
    const dir = mkdtempSync(join(root, 'tables-'))
    const distributed = shopPipeline(dir, 'distributed')
    const single = shopPipeline(dir, 'single')
    const tasks = await runDistributed(distributed, sources.tables!)
    expect(tasks).toEqual(['customers', 'items', 'orders'])
    await single.run(sources.tables!)
    const loaded = await contents(distributed, 'sql_database')
    expect(loaded).toEqual(await contents(single, 'sql_database'))
    expect(Object.fromEntries(Object.entries(loaded).map(([t, c]) => [t, c.rows]))).toEqual({
      customers: 30,
      items: 501,
      orders: 200,
    })
  }, 60_000)

  it('reads one table in key ranges, a task each (PostgreSQL)', async (ctx) => {
    if (!available) return ctx.skip()
    if (pgSkipped) return ctx.skip(pgSkipped)
    const dir = mkdtempSync(join(root, 'ranges-'))
    const distributed = shopPipeline(dir, 'distributed')
    const single = shopPipeline(dir, 'single')
    expect(await runDistributed(distributed, sources.keyed!)).toEqual([
      'items',
      'items',
      'items',
      'items',
    ])
    await single.run(sources.keyed!)
    expect(await contents(distributed, 'keyed')).toEqual(await contents(single, 'keyed'))
    const [row] = await distributed
      .dataset()
      .query<{ n: number | bigint; ids: number | bigint }>(
        'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM items',
      )
    // every row once, the one without a key too
    expect([Number(row?.n), Number(row?.ids)]).toEqual([501, 500])
  }, 60_000)
})
