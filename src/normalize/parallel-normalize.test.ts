import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { normalizedRows } from '../../test/support/normalized-rows.js'
import { createNamingConvention } from '../schema/naming/index.js'
import { Schema } from '../schema/schema.js'
import { type CopyTextColumn, copyTextHeader } from '../storage/copy-text.js'
import { formatJobFileName } from '../storage/job-file-name.js'
import { jsonRowsHeader } from '../storage/json-rows.js'
import { PackageStorage } from '../storage/package-storage.js'
import { encodeTypedJson } from '../storage/typed-json.js'
import { type NormalizePackageResult, normalizePackage } from './normalize-package.js'
import {
  AUTO_WORKERS_MIN_BYTES,
  autoWorkers,
  normalizePackageInWorkers,
} from './parallel-normalize.js'

const LOAD_ID = '1700000000.000001'
const naming = createNamingConvention('snake_case')
let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dlt-ts-parallel-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

/** Items whose schema keeps evolving: late columns, a late variant, a late nested table. */
function item(i: number): Record<string, unknown> {
  return {
    id: i,
    name: `item ${i}`,
    at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
    big: BigInt(i) * 10n ** 18n,
    tags: i % 3 === 0 ? [] : ['a', 'b'].slice(0, i % 3),
    ...(i >= 150 ? { late: { x: i, y: 'y' } } : {}),
    ...(i >= 300 ? { score: i % 2 === 0 ? 1.5 : 'high' } : { score: 2 }),
    ...(i >= 420 && i % 7 === 0 ? { lines: [{ sku: `s${i}`, qty: i }] } : {}),
    ...(i % 50 === 0 ? { 'Key A': 1, key_a: 2, empty: null } : {}),
  }
}

/** Columns of the copy-text rows `copyTextLine` writes. */
const COPY_TEXT_COLUMNS: CopyTextColumn[] = [
  { name: 'id', kind: 'integer' },
  { name: 'Note Text', kind: 'text' },
  { name: 'at', kind: 'timestamptz' },
  { name: 'doc', kind: 'json' },
  { name: 'flag', kind: 'boolean' },
]

/** Row `i` as PostgreSQL's COPY text writes it: escapes, nulls, a nested json value. */
function copyTextLine(i: number): string {
  const note = i % 5 === 0 ? '\\N' : `note\\t${i}\\n\\\\`
  const doc = i % 4 === 0 ? '\\N' : `{"n": ${i}, "list": [${i % 3}]}`
  return `${i}\t${note}\t2024-01-01 00:00:${String(i % 60).padStart(2, '0')}+00\t${doc}\t${i % 2 ? 't' : 'f'}`
}

/** The columns of the rows `row` makes, in their order. */
const ROW_COLUMNS = ['id', 'name', 'at', 'big', 'tags']

/** A row of `ROW_COLUMNS` (typed values, a nested list); every 10th without its name. */
function row(i: number): Record<string, unknown> {
  const { id, name, at, big, tags } = item(i)
  return i % 10 === 0 ? { id, at, big, tags } : { id, name, at, big, tags }
}

/** Row `i` in a JSON rows file: the array of its values, or the object when it lacks one. */
function jsonRowsLine(i: number): string {
  const value = row(i)
  const complete = ROW_COLUMNS.every((column) => column in value)
  return encodeTypedJson(complete ? ROW_COLUMNS.map((column) => value[column]) : value)
}

type Format = 'typed-jsonl' | 'copy-text' | 'json-rows' | 'rows as typed-jsonl'

function extract(
  storage: PackageStorage,
  files: Record<string, number[]>,
  format: Format = 'typed-jsonl',
): void {
  storage.createPackage('extracted', LOAD_ID)
  for (const [table, range] of Object.entries(files)) {
    const lines =
      format === 'copy-text'
        ? `${copyTextHeader(COPY_TEXT_COLUMNS)}\n${range.map((i) => `${copyTextLine(i)}\n`).join('')}`
        : format === 'json-rows'
          ? `${jsonRowsHeader(ROW_COLUMNS)}\n${range.map((i) => `${jsonRowsLine(i)}\n`).join('')}`
          : format === 'rows as typed-jsonl'
            ? range.map((i) => `${encodeTypedJson(row(i))}\n`).join('')
            : range.map((i) => `${encodeTypedJson(item(i))}\n`).join('')
    const extension = format === 'rows as typed-jsonl' ? 'typed-jsonl' : format
    const path = join(storage.jobsPath('extracted', LOAD_ID), formatJobFileName(table, extension))
    writeFileSync(path, lines)
  }
}

interface Outcome {
  readonly schema: string
  readonly result: NormalizePackageResult
  readonly rows: Record<string, string[]>
  /** The bytes `onPieceDone` reported, piece by piece. */
  readonly pieces: readonly number[]
  readonly extractedBytes: number
}

async function run(
  workers: number,
  files: Record<string, number[]>,
  format: Format = 'typed-jsonl',
): Promise<Outcome> {
  const storage = new PackageStorage(join(root, `w${workers}-${format}`))
  extract(storage, files, format)
  storage.createPackage('normalizing', LOAD_ID)
  const schema = new Schema('parallel')
  const config = { loadId: LOAD_ID, naming, rotation: { fileMaxItems: 97 } }
  const pieces: number[] = []
  const result =
    workers <= 1
      ? normalizePackage(storage, schema, config)
      : await normalizePackageInWorkers(storage, schema, {
          ...config,
          workers,
          namingSpec: { name: 'snake_case' },
          taskBytes: 4096,
          onPieceDone: (bytes: number) => pieces.push(bytes),
        })
  const scratch = readdirSync(storage.packagePath('normalizing', LOAD_ID))
  expect(scratch).not.toContain('worker_jobs')
  const extractedBytes = storage.jobsBytes('extracted', LOAD_ID)
  return {
    schema: JSON.stringify(schema.toStored()),
    result,
    rows: normalizedRows(storage, LOAD_ID),
    pieces,
    extractedBytes,
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

describe('normalizePackageInWorkers', () => {
  it('writes the rows, schema and events of the single-threaded normalizer', async () => {
    const files = { items: range(0, 600), others: range(0, 40) }
    const single = await run(1, files)
    // two normalizing threads: one worker thread and this one; three: two worker threads
    const three = await run(3, files)
    expect(three.rows).toEqual(single.rows)
    expect(three.schema).toBe(single.schema)
    const parallel = await run(2, files)
    expect(parallel.schema).toBe(single.schema)
    expect(parallel.result.rowCounts).toEqual(single.result.rowCounts)
    expect(parallel.rows).toEqual(single.rows)
    expect(parallel.result.events.notes()).toEqual(single.result.events.notes())
    expect(parallel.result.events.tables).toEqual(single.result.events.tables)
    // both paths ran: pieces accepted from the workers, and pieces redone here as the schema evolved
    const tasks = parallel.result.tasks!
    expect(tasks.inWorkers).toBeGreaterThan(0)
    expect(tasks.inWorkers).toBeLessThan(tasks.total)
    // progress: each piece reported once it is in, together all extracted bytes
    expect(parallel.pieces).toHaveLength(tasks.total)
    expect(parallel.pieces.reduce((a, b) => a + b, 0)).toBe(parallel.extractedBytes)
  }, 30_000)
})

describe('copy-text files', () => {
  it('normalize to the rows of their decoded items, split into pieces on every thread', async () => {
    const files = { rows: range(0, 700) }
    const single = await run(1, files, 'copy-text')
    const parallel = await run(2, files, 'copy-text')
    expect(parallel.result.tasks!.inWorkers).toBeGreaterThan(0)
    expect(parallel.rows).toEqual(single.rows)
    expect(parallel.schema).toBe(single.schema)
    expect(single.result.rowCounts).toEqual({ rows: 700, rows__doc__list: 525 })
    // the header is no row; each line is the item it decodes to
    const rows = single.rows['rows']!.map((row) => JSON.parse(row) as Record<string, unknown>)
    const seven = rows.find((row) => row['id'] === 7)!
    expect(seven).toMatchObject({
      note_text: 'note\t7\n\\',
      at: '2024-01-01T00:00:07+00:00',
      doc__n: 7,
      flag: true,
    })
    expect(rows.find((row) => row['id'] === 10)).not.toHaveProperty('note_text')
  }, 30_000)
})

describe('json-rows files', () => {
  it('normalize to the rows of the same items as typed JSON lines, on every thread', async () => {
    const files = { rows: range(0, 700) }
    const expected = await run(1, files, 'rows as typed-jsonl')
    const single = await run(1, files, 'json-rows')
    const parallel = await run(2, files, 'json-rows')
    expect(parallel.result.tasks!.inWorkers).toBeGreaterThan(0)
    expect(single.rows).toEqual(expected.rows)
    expect(single.schema).toBe(expected.schema)
    expect(parallel.rows).toEqual(expected.rows)
    expect(parallel.schema).toBe(expected.schema)
    // tags: none for i % 3 == 0, one for 1, two for 2 (233 rows each)
    expect(single.result.rowCounts).toEqual({ rows: 700, rows__tags: 233 + 2 * 233 })
  }, 30_000)
})

describe('autoWorkers', () => {
  const MIB = 1 << 20
  it.each([
    ['a small package on many cores', 10 * MIB, 8, 1],
    ['just under the threshold', AUTO_WORKERS_MIN_BYTES - 1, 8, 1],
    ['a big package on one core', 500 * MIB, 1, 1],
    ['a big package on two cores', AUTO_WORKERS_MIN_BYTES, 2, 2],
    ['a big package on three cores', 500 * MIB, 3, 3],
    ['a big package on sixteen cores', 500 * MIB, 16, 4],
  ])('%s', (_, bytes, cores, expected) => {
    expect(autoWorkers(bytes, cores)).toBe(expected)
  })
})
