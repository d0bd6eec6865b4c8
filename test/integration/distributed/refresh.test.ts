/**
 * `refresh` in distributed runs (real Redis, two real worker processes, DuckDB files), compared
 * with the same runs in one process: `drop_sources`, `drop_resources` and `drop_data` given to the
 * run, and a pipeline's own `refresh`. The source `site` appends `visits` whole on every run and
 * counts its runs in its state, so a refresh shows.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distributedRun } from '../../../src/distributed/index.js'
import * as dlt from '../../../src/index.js'
import type { RefreshMode } from '../../../src/pipeline/refresh.js'
import { shopPipeline, site } from './children/shop-source.js'
import { redisAvailable, removeQueues } from './test-redis.js'
import { contents, emptied, startWorkerProcess } from './worker-processes.js'

const root = mkdtempSync(join(tmpdir(), 'dlt-ts-refresh-'))
const sharedDir = join(root, 'shared')
const prefix = `dlt-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
const workers: ChildProcess[] = []
let available = false

beforeAll(async () => {
  available = await redisAvailable()
  if (!available) {
    console.warn('Redis is not reachable (REDIS_URL or 127.0.0.1:6379): refresh tests skipped')
    return
  }
  for (let i = 0; i < 2; i++) {
    workers.push(await startWorkerProcess({ sharedDir, prefix, module: 'shop-source.ts' }))
  }
}, 30_000)

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
  if (available) await removeQueues(prefix)
})

/** The tables, their rows and columns, and the source's state of `pipeline`. */
async function outcome(pipeline: dlt.Pipeline) {
  return { tables: await contents(pipeline, 'site'), state: pipeline.state.sources['site'] }
}

/**
 * Runs `site` whole in both pipelines, then `second` with `refresh`: distributed in one, in
 * one process in the other; returns both outcomes.
 */
async function refreshed(label: string, second: dlt.Source, refresh: RefreshMode) {
  const dir = mkdtempSync(join(root, `${label}-`))
  const distributed = shopPipeline(dir, 'distributed')
  const single = shopPipeline(dir, 'single')
  await distributedRun({ pipeline: distributed, source: site, sharedDir, prefix })
  await single.run(site)
  await distributedRun({ pipeline: distributed, source: second, sharedDir, prefix, refresh })
  await single.run(second, { refresh })
  return { distributed, single }
}

describe('distributedRun with refresh', () => {
  it('drop_sources: drops every table of the source and wipes its state', async (ctx) => {
    if (!available) return ctx.skip()
    const second = site.withResources('pages')
    const { distributed, single } = await refreshed('sources', second, 'drop_sources')
    const loaded = await outcome(distributed)
    expect(loaded).toEqual(await outcome(single))
    // only the resource of the refreshed run is left, and no state of `visits`
    expect(Object.keys(loaded.tables)).toEqual(['pages'])
    expect(loaded.state).toBeUndefined()
    await expect(distributed.dataset().rows('visits')).rejects.toThrow()
    expect(await emptied(sharedDir)).toEqual([])
  }, 60_000)

  for (const mode of ['drop_resources', 'drop_data'] as const) {
    it(`${mode}: reloads the run’s resources from scratch, keeps the others`, async (ctx) => {
      if (!available) return ctx.skip()
      const { distributed, single } = await refreshed(mode, site.withResources('visits'), mode)
      const loaded = await outcome(distributed)
      expect(loaded).toEqual(await outcome(single))
      // the visits once, not twice, and their state started afresh; pages kept
      expect(loaded.tables['visits']?.rows).toBe(50)
      expect(loaded.tables['pages']?.rows).toBe(5)
      expect(loaded.state).toEqual({ resources: { visits: { runs: 1 } } })
    }, 60_000)
  }

  it('applies the pipeline’s own refresh once per run', async (ctx) => {
    if (!available) return ctx.skip()
    const dir = mkdtempSync(join(root, 'pipeline-'))
    const make = (name: string) =>
      dlt.pipeline({
        pipelineName: 'site',
        destination: dlt.destinations.duckdb({ credentials: join(dir, `${name}.duckdb`) }),
        datasetName: 'site_data',
        pipelinesDir: join(dir, `${name}-pipelines`),
        refresh: 'drop_sources',
      })
    const distributed = make('distributed')
    const single = make('single')
    for (let round = 0; round < 2; round++) {
      await distributedRun({ pipeline: distributed, source: site, sharedDir, prefix })
      await single.run(site)
      expect(await outcome(distributed)).toEqual(await outcome(single))
    }
    expect((await outcome(distributed)).tables['visits']?.rows).toBe(50)
    // refresh: false runs once without the pipeline's refresh: visits are appended again
    await distributedRun({ pipeline: distributed, source: site, sharedDir, prefix, refresh: false })
    await single.run(site, { refresh: false })
    expect(await outcome(distributed)).toEqual(await outcome(single))
    expect((await outcome(distributed)).tables['visits']?.rows).toBe(100)
  }, 60_000)
})
