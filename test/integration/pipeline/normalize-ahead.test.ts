/**
 * `pipeline.run()` normalizes complete extracted files on a worker thread while extract is still
 * running (`normalize/normalize-ahead.ts`): the loaded tables are those of a run without it, and
 * the scratch folder is gone afterwards.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir('dlt-ts-ahead-')
})
afterEach(() => temp.cleanup())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Folders of `dir` holding a file: files normalize ahead finished. */
const finished = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => readdirSync(join(dir, f)).length > 0).length : 0

/**
 * Pages of 500 orders with nested lines, yielded slowly: each page fills an extracted file. With
 * `aheadDir`, the last page waits (up to 15 s) until normalize ahead has finished two files there,
 * so that a slow machine still sees some done before extract ends.
 */
const orders = (aheadDir?: string) =>
  dlt.resource(
    async function* () {
      for (let page = 0; page < 8; page++) {
        if (page > 0) await sleep(100)
        for (let wait = 0; aheadDir && page === 7 && wait < 300; wait++) {
          if (finished(aheadDir) >= 2) break
          await sleep(50)
        }
        yield Array.from({ length: 500 }, (_, k) => {
          const id = page * 500 + k
          return {
            id,
            customer: { name: `c${id % 7}`, tier: id % 3 },
            amount: id / 4,
            at: new Date(Date.UTC(2024, 0, 1, 0, 0, id % 60)),
            lines: Array.from({ length: id % 3 }, (_, i) => ({ sku: `s${i}`, qty: i + 1 })),
            ...(id === 3100 ? { late: 'a column of the last pages' } : {}),
          }
        })
      }
    },
    { name: 'orders' },
  )

/** The table's rows without the random ids, sorted. */
async function rows(pipeline: dlt.Pipeline, table: string): Promise<string[]> {
  const all = await pipeline.dataset().query(`select * from ${table}`)
  return all.map(({ _dlt_id, _dlt_parent_id, _dlt_load_id, ...row }) => JSON.stringify(row)).sort()
}

describe('normalize while extract runs', () => {
  it('loads the tables of a run without it, and leaves no scratch files', async () => {
    const env = {
      AHEAD__EXTRACT__DATA_WRITER__FILE_MAX_ITEMS: '500',
      AHEAD__NORMALIZE__WORKERS: '2',
      ONE_THREAD__EXTRACT__DATA_WRITER__FILE_MAX_ITEMS: '500',
      ONE_THREAD__NORMALIZE__WORKERS: '1',
    }
    Object.assign(process.env, env)
    try {
      const log: string[] = []
      const stream = { isTTY: false, write: (text: string) => log.push(text) > 0 }
      const ahead = temp.pipeline('ahead', {
        datasetName: 'ahead',
        progress: { mode: 'log', stream, intervalMs: 60_000 },
      })
      const oneThread = temp.pipeline('one_thread', { datasetName: 'one_thread' })
      const info = await ahead.run(orders(join(ahead.workingDir, 'normalize', 'ahead')))
      await oneThread.run(orders())
      expect(info.rowCounts['orders']).toBe(4000)
      // files 1-7 are complete before extract ends (file 8 ends with it); normalize takes
      // those after the first, which it cuts into pieces of its own
      const done = /pieces in worker threads, (\d+) of them while extracting/.exec(log.join(''))
      expect(Number(done?.[1])).toBeGreaterThan(0)
      for (const table of ['orders', 'orders__lines']) {
        expect(await rows(ahead, table)).toEqual(await rows(oneThread, table))
      }
      expect(ahead.schema?.tables['orders']?.columns).toEqual(
        oneThread.schema?.tables['orders']?.columns,
      )
      expect(existsSync(join(ahead.workingDir, 'normalize', 'ahead'))).toBe(false)
    } finally {
      for (const name of Object.keys(env)) delete process.env[name]
    }
  }, 30_000)
})
