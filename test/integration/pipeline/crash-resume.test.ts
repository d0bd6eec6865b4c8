/**
 * A run killed (SIGKILL) at any step is finished by the next run, without duplicate or lost rows:
 * each batch is either fully loaded or (if killed before its extract finished) absent.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, describe, expect, it } from 'vitest'

const child = new URL('./children/load-batch.ts', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const ROWS = 4000

/** Runs the child; kills it when a stderr line matches `killOn` (after `delayMs`). */
function runChild(
  batch: string,
  killOn?: RegExp,
  delayMs = 0,
): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, batch, String(ROWS)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    let killed = false
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (killOn && !killed && killOn.test(stderr)) {
        killed = true
        setTimeout(() => proc.kill('SIGKILL'), delayMs)
      }
    })
    proc.on('error', reject)
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ killed: signal === 'SIGKILL', stderr })
      else reject(new Error(`child exited with ${code}: ${stderr}`))
    })
  })
}

async function countsByBatch(): Promise<
  Map<number, { rows: number; distinct: number; tags: number }>
> {
  const instance = await DuckDBInstance.create(join(dir, 'crash.duckdb'))
  const connection = await instance.connect()
  try {
    const reader = await connection.runAndReadAll(`
      select e.batch, count(*) as n, count(distinct e.id) as d,
        (select count(*) from data.events__payload__tags t join data.events e2 on t._dlt_parent_id = e2._dlt_id where e2.batch = e.batch) as tags
      from data.events e group by e.batch order by e.batch`)
    return new Map(
      reader
        .getRowObjects()
        .map((r) => [
          Number(r['batch']),
          { rows: Number(r['n']), distinct: Number(r['d']), tags: Number(r['tags']) },
        ]),
    )
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

describe('killing a run at any step loses and duplicates nothing', () => {
  it('resumes after SIGKILL during extract, normalize and load', async () => {
    // Batch 0 loads cleanly; the later batches are killed at different points and then resumed.
    await runChild('0')
    const kills: [string, RegExp, number][] = [
      ['1', /extracted package/, 0], // killed while normalizing (or right before)
      ['2', /normalized package/, 0], // killed while loading
      ['3', /normalized package/, 150], // killed later in the load
      ['4', /extracted package/, 30], // killed mid-normalize
    ]
    for (const [batch, pattern, delay] of kills) {
      await runChild(batch, pattern, delay)
      await runChild('resume')
    }
    await runChild('5')
    const counts = await countsByBatch()
    for (const [batch, { rows, distinct, tags }] of counts) {
      expect(rows, `batch ${batch}`).toBe(ROWS)
      expect(distinct, `batch ${batch}`).toBe(ROWS)
      expect(tags, `tags of batch ${batch}`).toBe(ROWS * 2)
    }
    // Batches killed after their extract finished must have been loaded by the resume.
    expect([...counts.keys()]).toEqual(expect.arrayContaining([0, 1, 2, 3, 5]))
  })
})
