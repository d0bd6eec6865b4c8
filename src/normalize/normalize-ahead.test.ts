import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { normalizedRows } from '../../test/support/normalized-rows.js'
import { createNamingConvention } from '../schema/naming/index.js'
import { Schema } from '../schema/schema.js'
import { formatJobFileName, orderedFileIds } from '../storage/job-file-name.js'
import { jsonRowsHeader } from '../storage/json-rows.js'
import { PackageStorage } from '../storage/package-storage.js'
import { encodeTypedJson } from '../storage/typed-json.js'
import { type AheadResult, NormalizeAhead } from './normalize-ahead.js'
import { normalizePackageInWorkers } from './parallel-normalize.js'

const LOAD_ID = '1700000000.000001'
const naming = createNamingConvention('snake_case')
let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dlt-ts-ahead-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const COLUMNS = ['id', 'name', 'amount', 'at']

/** Line `i`: JSON rows mostly; an object line (no name) now and then; a nested list late on. */
function line(i: number): string {
  if (i % 37 === 0) return encodeTypedJson({ id: i, amount: i / 4, at: '2024-01-02T10:00:00Z' })
  if (i === 2600) return encodeTypedJson({ id: i, name: 'late', tags: ['a', 'b'] })
  return `[${i},"name ${i}",${i}.25,"2024-01-02T10:00:${String(i % 60).padStart(2, '0')}Z"]`
}

/**
 * Writes the extracted files of one table (`files` files of `perFile` lines, in order, as extract
 * names them) and says each but the last done to `ahead` as extract would, then normalizes the
 * package on two threads with what `ahead` did (none without it).
 */
async function run(name: string, options: { ahead?: boolean; predicted?: Schema } = {}) {
  const storage = new PackageStorage(join(root, name))
  storage.createPackage('extracted', LOAD_ID)
  const folder = storage.jobsPath('extracted', LOAD_ID)
  const nextId = orderedFileIds()
  const ahead = new NormalizeAhead({
    loadId: LOAD_ID,
    naming: { name: 'snake_case' },
    directory: join(root, name, 'ahead'),
  })
  const files = 6
  const perFile = 500
  for (let f = 0; f < files; f++) {
    const path = join(folder, formatJobFileName('orders', 'json-rows', nextId()))
    const lines = Array.from({ length: perFile }, (_, i) => line(f * perFile + i))
    writeFileSync(path, `${jsonRowsHeader(COLUMNS)}\n${lines.join('\n')}\n`)
    if (options.ahead && f < files - 1) {
      // extract goes on meanwhile; here the next file waits for this one
      await ahead.fileDone(
        { table: 'orders', path },
        () => options.predicted ?? new Schema('ahead'),
      )
    }
  }
  const done: ReadonlyMap<string, AheadResult> = await ahead.settle()
  storage.createPackage('normalizing', LOAD_ID)
  const schema = new Schema('ahead')
  try {
    const result = await normalizePackageInWorkers(storage, schema, {
      loadId: LOAD_ID,
      naming,
      workers: 2,
      namingSpec: { name: 'snake_case' },
      ahead: done,
    })
    return {
      result,
      done,
      rows: normalizedRows(storage, LOAD_ID),
      schema: JSON.stringify(schema.toStored()),
    }
  } finally {
    await ahead.close()
    expect(existsSync(join(root, name, 'ahead'))).toBe(false)
  }
}

describe('NormalizeAhead', () => {
  it('normalizes complete files while extract runs; normalize takes them, with the same result', async () => {
    const without = await run('without')
    const withAhead = await run('with', { ahead: true })
    // files 1-5; the last one (whose id 2600 adds a nested table) was not complete before
    // extract ended. Normalize takes files 2-5: the first file is the table's first, which it
    // cuts into its first piece and the rest
    expect(withAhead.done.size).toBe(5)
    expect(withAhead.result.tasks?.ahead).toBe(4)
    expect(withAhead.rows).toEqual(without.rows)
    expect(withAhead.schema).toBe(without.schema)
    expect(withAhead.result.rowCounts).toEqual(without.result.rowCounts)
    expect(withAhead.result.events).toEqual(without.result.events)
    expect(without.result.tasks?.ahead).toBe(0)
  }, 30_000)

  it('takes nothing done against a schema normalize does not have, and gives the same result', async () => {
    const without = await run('without')
    // a guess that differs from the schema normalize starts from: a hint extract did not give
    const predicted = new Schema('ahead')
    predicted.updateTable({
      name: 'orders',
      columns: { amount: { name: 'amount', data_type: 'text' } },
    })
    const wrong = await run('wrong', { ahead: true, predicted })
    expect(wrong.done.size).toBeGreaterThan(0)
    expect(wrong.result.tasks?.ahead).toBe(0)
    expect(wrong.rows).toEqual(without.rows)
    expect(wrong.schema).toBe(without.schema)
  }, 30_000)
})
