/**
 * What `pipeline.dataset().query()` / `rows()` give JavaScript, the same on DuckDB, PostgreSQL and
 * the filesystem destination (read through DuckDB, jsonl and parquet files): integers as numbers
 * where exact and as strings beyond 2^53 - 1, BigInt for every integer with `{ bigint: true }`,
 * decimals as exact strings with their scale, timestamps and dates as `Date`, binary as bytes,
 * json parsed, and rows that `JSON.stringify` takes (issue #18, point 6).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { dropDatasets, testDatasetName } from '../destinations/postgres-test-server.js'
import { DATASET_TARGETS, pgSkip } from './dataset-targets.js'

const BIG = 2n ** 60n

const pgDatasets: string[] = []

/** One row of every dlt data type, and one of NULLs. */
const ALL_TYPES = [
  {
    id: 1,
    name: 'zß水🙂',
    score: 1.5,
    whole: 85,
    active: true,
    created: new Date('2024-05-06T07:08:09.123Z'),
    big: BIG,
    blob: new Uint8Array([0, 1, 0xff]),
    doc: { a: [1, { b: null }], s: 'x' },
    amount: '12345.6789',
    balance: 10n ** 30n,
    day: '2024-02-29',
    at: '12:34:56.5',
  },
  { id: 2 },
]
const ALL_TYPES_COLUMNS = {
  whole: { dataType: 'double' },
  doc: { dataType: 'json' },
  amount: { dataType: 'decimal' },
  balance: { dataType: 'wei' },
  day: { dataType: 'date' },
  at: { dataType: 'time' },
} as const

interface AllTypes {
  id: number
  big: string | null
}

for (const target of DATASET_TARGETS) {
  const describeTarget = target.skip ? describe.skip : describe
  describeTarget(
    `dataset values on ${target.name}${target.skip ? ` — ${target.skip}` : ''}`,
    () => {
      let dir: string
      let pipeline: dlt.Pipeline
      beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'dlt-ts-dataset-values-'))
        const datasetName = testDatasetName('values')
        pgDatasets.push(datasetName)
        pipeline = dlt.pipeline({
          pipelineName: 'dataset_values',
          destination: target.destination(dir),
          datasetName,
          pipelinesDir: join(dir, 'pipelines'),
        })
        await pipeline.run(ALL_TYPES, { tableName: 'all_types', columns: ALL_TYPES_COLUMNS })
      })
      afterAll(() => rmSync(dir, { recursive: true, force: true }))

      it('returns counts as numbers', async () => {
        const rows = await pipeline.dataset().query('SELECT COUNT(*) AS n FROM all_types')
        expect(rows).toEqual([{ n: 2 }])
      })

      it('returns a BIGINT beyond 2^53 - 1 as a string, and as a BigInt with `bigint`', async () => {
        const sql = 'SELECT id, big FROM all_types ORDER BY id'
        const dataset = pipeline.dataset()
        expect(await dataset.query<AllTypes>(sql)).toEqual([
          { id: 1, big: '1152921504606846976' },
          { id: 2, big: null },
        ])
        expect(await dataset.query(sql, [], { bigint: true })).toEqual([
          { id: 1n, big: 1152921504606846976n },
          { id: 2n, big: null },
        ])
        const counted = await dataset.query('SELECT COUNT(*) AS n FROM all_types', [], {
          bigint: true,
        })
        expect(counted).toEqual([{ n: 2n }])
      })

      it('reads a table with `rows()` by the same rules, with `bigint` and `limit`', async () => {
        const dataset = pipeline.dataset()
        const [row] = (await dataset.rows('all_types')).filter((r) => r['id'] === 1)
        expect(row).toMatchObject({ id: 1, big: '1152921504606846976', whole: 85, score: 1.5 })
        const exact = await dataset.rows('all_types', { bigint: true })
        expect(exact.map((r) => r['id']).sort()).toEqual([1n, 2n])
        expect(exact.find((r) => r['id'] === 1n)).toMatchObject({ big: BIG, whole: 85 })
        expect(await dataset.rows('all_types', { limit: 1, bigint: true })).toHaveLength(1)
      })

      it('returns DECIMAL(38,9) as a string with its scale', async () => {
        const rows = await pipeline.dataset().query('SELECT amount FROM all_types WHERE id = 1')
        expect(rows).toEqual([{ amount: '12345.678900000' }])
        const wei = await pipeline.dataset().query('SELECT balance FROM all_types WHERE id = 1')
        expect(String(wei[0]?.['balance']).replace(/\.0+$/, '')).toBe((10n ** 30n).toString())
      })

      it('returns every dlt data type as values JSON.stringify takes', async () => {
        const rows = await pipeline.dataset().query('SELECT * FROM all_types ORDER BY id')
        expect(() => JSON.stringify(rows)).not.toThrow()
        const [row] = rows
        expect(row).toMatchObject({
          id: 1,
          name: 'zß水🙂',
          score: 1.5,
          whole: 85,
          active: true,
          created: new Date('2024-05-06T07:08:09.123Z'),
          big: '1152921504606846976',
          doc: { a: [1, { b: null }], s: 'x' },
          amount: '12345.678900000',
          day: new Date('2024-02-29T00:00:00Z'),
          at: '12:34:56.5',
        })
        const blob = row!['blob']
        expect(blob).toBeInstanceOf(Uint8Array)
        expect([...(blob as Uint8Array)]).toEqual([0, 1, 0xff])
        expect(typeof row!['_dlt_load_id']).toBe('string')
        const exact = await pipeline
          .dataset()
          .query('SELECT * FROM all_types', [], { bigint: true })
        const replacer = (_key: string, value: unknown) =>
          typeof value === 'bigint' ? value.toString() : value
        expect(JSON.parse(JSON.stringify(exact, replacer))[0]).toMatchObject({ id: '1' })
      })

      it('converts integers computed by expressions', async () => {
        const rows = await pipeline
          .dataset()
          .query('SELECT MAX(big) AS top, MIN(id) AS first, MIN(whole) AS low FROM all_types')
        expect(rows).toEqual([{ top: '1152921504606846976', first: 1, low: 85 }])
      })
    },
  )
}

afterAll(async () => {
  if (!pgSkip) await dropDatasets(pgDatasets)
})
