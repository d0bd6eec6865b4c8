import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNamingConvention } from '../schema/naming/index.js'
import { Schema } from '../schema/schema.js'
import { formatJobFileName } from '../storage/job-file-name.js'
import { encodeTypedJson } from '../storage/typed-json.js'
import { splitLineRanges } from '../util/read-lines.js'
import { ItemNormalizer } from './item-normalizer.js'
import type { NormalizeTask } from './normalize-package.js'
import { NormalizeWorkerPool } from './normalize-worker-pool.js'

const DATA = { loadId: '1700000000.000001', naming: { name: 'snake_case' } }
let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dlt-ts-pool-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

/** `pieces` tasks over one file of 600 items, and a schema none of them changes. */
function tasks(pieces: number): { tasks: NormalizeTask[]; schema: string } {
  const path = join(root, formatJobFileName('items', 'typed-jsonl'))
  const lines = Array.from({ length: 600 }, (_, i) => encodeTypedJson({ id: i, name: `n${i}` }))
  writeFileSync(path, `${lines.join('\n')}\n`)
  const size = lines.join('\n').length + 1
  const ranges = splitLineRanges(path, size, Math.ceil(size / pieces))
  // the schema after the first items, as normalize's first piece leaves it: no task changes it
  const schema = new Schema('pool')
  const normalizer = new ItemNormalizer(schema, {
    loadId: DATA.loadId,
    naming: createNamingConvention('snake_case'),
  })
  normalizer.normalize({ id: -1, name: 'first' }, 'items', () => {})
  return {
    tasks: ranges.map((range) => ({ path, tableName: 'items', range })),
    schema: JSON.stringify(schema.toStored()),
  }
}

const folder = (i: number) => {
  const directory = join(root, `task-${i}`)
  mkdirSync(directory, { recursive: true })
  return directory
}

describe('NormalizeWorkerPool', () => {
  it('normalizes every queued task, on the thread and on this one', async () => {
    const work = tasks(7)
    const pool = new NormalizeWorkerPool(2, DATA)
    try {
      const results = await Promise.all(
        work.tasks.map((task, i) => pool.run(work.schema, task, folder(i))),
      )
      expect(results.map((result) => (result.accepted ? 'accepted' : result.reason))).toEqual(
        work.tasks.map(() => 'accepted'),
      )
      const rows = results.reduce(
        (sum, result) => sum + (result.accepted ? (result.rowCounts['items'] ?? 0) : 0),
        0,
      )
      expect(rows).toBe(600)
    } finally {
      await pool.close()
    }
  }, 30_000)

  it('answers every task a closed thread held, and the queued ones, as not accepted', async () => {
    const work = tasks(4)
    const pool = new NormalizeWorkerPool(1, DATA, { threadsOnly: true })
    // the thread gets two (one to work on, one waiting in its port); the rest wait in the queue
    const pending = work.tasks.map((task, i) => pool.run(work.schema, task, folder(i)))
    await pool.close()
    const results = await Promise.all(pending)
    expect(results.map((result) => result.accepted)).toEqual([false, false, false, false])
    // the thread's two end with it (terminated); the queued ones never started
    expect(results.map((result) => (result.accepted ? '' : result.reason))).toEqual([
      expect.stringMatching(/worker exited|pool closed/),
      expect.stringMatching(/worker exited|pool closed/),
      'cancelled',
      'cancelled',
    ])
  }, 30_000)
})
