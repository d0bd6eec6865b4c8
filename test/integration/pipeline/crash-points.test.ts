/**
 * A run killed (SIGKILL) right after any of its durable steps — every rename of a package or a
 * state/schema file, the destination commit — loses and duplicates nothing, for an incremental
 * append, a merge and a plain append: the next run finishes the pending package and starts from
 * the state that package carries. Crash points: src/util/crash-point.ts.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dataset, LoadInfo } from '../../../src/index.js'
import { crashPointsPipeline, crashPointsSource, ROWS } from './children/crash-points-source.js'

const child = new URL('./children/crash-points-run.ts', import.meta.url).pathname
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-crash-points-'))
const base = join(root, 'base')
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Runs batch 2 in a child killed at crash point `n`; returns the point's name, or undefined. */
function runKilledAt(dir: string, n: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, '2'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DLT_TS_CRASH_AT: String(n) },
    })
    let stderr = ''
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    proc.on('error', reject)
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(/\[crash point \d+\] (.*)/.exec(stderr)?.[1] ?? 'unknown')
      else if (code === 0) resolve(undefined)
      else reject(new Error(`child exited with ${code}: ${stderr}`))
    })
  })
}

/** Rows of a query, with DuckDB's bigints as numbers. */
async function query(dataset: Dataset, sql: string): Promise<Record<string, number>[]> {
  const rows = await dataset.query(sql)
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])))
}

/**
 * Copies the dataset after batch 1, runs batch 2 killed at crash point `n`, then batch 3 as the
 * user's next run, and checks the tables. Returns the crash point's name (undefined: the run
 * passed fewer than `n` crash points).
 */
async function killAndResume(n: number): Promise<string | undefined> {
  const dir = join(root, `killed-at-${n}`)
  cpSync(base, dir, { recursive: true })
  const point = await runKilledAt(dir, n)
  if (point === undefined) return undefined
  const where = `killed at crash point ${n} (${point})`
  const pipeline = crashPointsPipeline(dir)
  const info: LoadInfo = await pipeline.run(crashPointsSource(3))
  expect(info.loadPackages.length, where).toBeGreaterThan(0)
  const dataset = pipeline.dataset()

  const incremental = await query(
    dataset,
    'select count(*) as n, count(distinct id) as d, min(id) as lo, max(id) as hi from incremental_events',
  )
  expect(incremental[0], where).toEqual({ n: 3 * ROWS, d: 3 * ROWS, lo: 1, hi: 3 * ROWS })
  const tags = await query(dataset, 'select count(*) as n from incremental_events__tags')
  expect(tags[0]?.['n'], where).toBe(2 * 3 * ROWS)

  const merged = await query(
    dataset,
    'select count(*) as n, count(distinct id) as d, min(batch) as b from merged_events',
  )
  expect(merged[0], where).toEqual({ n: ROWS, d: ROWS, b: 3 })

  const appended = await query(
    dataset,
    'select batch, count(*) as n from appended_events group by batch order by batch',
  )
  const byBatch = Object.fromEntries(appended.map((r) => [r['batch'], r['n']]))
  expect(byBatch[1], where).toBe(ROWS)
  expect(byBatch[3], where).toBe(ROWS)
  // batch 2 is whole or absent; whole when its package survived the kill
  if (info.resumedLoadIds.length) expect(byBatch[2], where).toBe(ROWS)
  else expect([undefined, ROWS], where).toContain(byBatch[2])
  rmSync(dir, { recursive: true, force: true })
  return point
}

beforeAll(async () => {
  await crashPointsPipeline(base).run(crashPointsSource(1))
})

describe('a run killed after any durable step', () => {
  it('is finished by the next run without losing or duplicating rows', async () => {
    const points: string[] = []
    // three kills at a time; the first n beyond the run's last crash point ends the loop
    for (let n = 1; points.length === n - 1; n += 3) {
      const names = await Promise.all([n, n + 1, n + 2].map(killAndResume))
      for (const name of names) if (name !== undefined) points.push(name)
    }
    // every stage's durable steps were visited
    expect(points.some((p) => p.includes('to extracted'))).toBe(true)
    expect(points.some((p) => p.includes('to normalized'))).toBe(true)
    expect(points.some((p) => p.startsWith('committed'))).toBe(true)
    expect(points.some((p) => p.includes('to loaded'))).toBe(true)
  })
})
