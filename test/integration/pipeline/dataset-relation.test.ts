/**
 * `pipeline.dataset().table(name)` (issue #21, typed reads): select / where / orderBy / limit,
 * fetch, fetchOne, count, chunks and Apache Arrow — the same on DuckDB, PostgreSQL and the
 * filesystem destination — and rows typed by the tables' interfaces.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { dropDatasets, testDatasetName } from '../destinations/postgres-test-server.js'
import { DATASET_TARGETS, pgSkip } from './dataset-targets.js'

const pgDatasets: string[] = []

/** What `dlt-ts schema … --format ts` writes for the table (see schema-to-typescript.ts). */
interface Issues {
  id: number | string
  title: string | null
  state: string | null
  comments: number | null
  created_at: Date | null
  _dlt_load_id: string
  _dlt_id: string
}
interface Tables {
  issues: Issues
}

const ISSUES = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  title: `Issue "${i + 1}"`,
  state: i % 3 === 0 ? 'closed' : 'open',
  comments: i % 4 === 0 ? null : i,
  created_at: new Date(Date.UTC(2024, 0, 1 + i)),
}))

afterAll(async () => {
  if (!pgSkip) await dropDatasets(pgDatasets)
})

for (const target of DATASET_TARGETS) {
  const describeTarget = target.skip ? describe.skip : describe
  describeTarget(
    `dataset.table() on ${target.name}${target.skip ? ` — ${target.skip}` : ''}`,
    () => {
      let dir: string
      let pipeline: dlt.Pipeline
      beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'dlt-ts-relation-'))
        const datasetName = testDatasetName('relation')
        pgDatasets.push(datasetName)
        pipeline = dlt.pipeline({
          pipelineName: 'relation',
          destination: target.destination(dir),
          datasetName,
          pipelinesDir: join(dir, 'pipelines'),
        })
        await pipeline.run(ISSUES, { tableName: 'issues', primaryKey: 'id' })
      })
      afterAll(() => rmSync(dir, { recursive: true, force: true }))

      it('selects, filters, orders and limits in one query', async () => {
        const issues = pipeline.dataset<Tables>().table('issues')
        const open = issues
          .select('id', 'title', 'comments')
          .where('state', '=', 'open')
          .where('comments', '>=', 10)
          .orderBy('comments', 'desc')
          .limit(3)
        const rows = await open.fetch()
        expectTypeOf(rows).toEqualTypeOf<Pick<Issues, 'id' | 'title' | 'comments'>[]>()
        expect(rows).toEqual([
          { id: 24, title: 'Issue "24"', comments: 23 },
          { id: 23, title: 'Issue "23"', comments: 22 },
          { id: 20, title: 'Issue "20"', comments: 19 },
        ])
        expect(await open.count()).toBe(3)
        expect(await issues.where('comments', '=', null).count()).toBe(7)
        expect(
          await issues.where('id', 'in', [2, 3, 99]).select('id').orderBy('id').fetch(),
        ).toEqual([{ id: 2 }, { id: 3 }])
        expect(await issues.where('id', 'in', []).count()).toBe(0)
        expect(await issues.where('title', 'like', 'Issue "1%').count()).toBe(11)
        const first = await issues.orderBy('created_at').fetchOne()
        expect(first?.created_at).toEqual(new Date('2024-01-01T00:00:00Z'))
        expect(await issues.limit(0).fetchOne()).toBeUndefined()
        expect(await issues.limit(0).fetch()).toEqual([])
      })

      it('reads in chunks with flat memory: for await, iterChunks(n)', async () => {
        const issues = pipeline.dataset().table('issues')
        const sizes: number[] = []
        const ids: unknown[] = []
        for await (const chunk of issues.select('id').iterChunks(10)) {
          sizes.push(chunk.length)
          ids.push(...chunk.map((row) => row.id))
        }
        expect(sizes).toEqual([10, 10, 5])
        expect(new Set(ids).size).toBe(25)
        const ordered: unknown[] = []
        for await (const chunk of issues.orderBy('id', 'desc').limit(12)) {
          ordered.push(...chunk.map((row) => row['id']))
        }
        expect(ordered).toEqual(Array.from({ length: 12 }, (_, i) => 25 - i))
      })

      it('returns an Apache Arrow table typed by the schema', async () => {
        const table = await pipeline
          .dataset()
          .table('issues')
          .select('id', 'title', 'comments', 'created_at')
          .orderBy('id')
          .arrow()
        expect(table.numRows).toBe(25)
        expect(table.schema.fields.map((field) => `${field.name}:${field.type}`)).toEqual([
          'id:Int64',
          'title:Utf8',
          'comments:Int64',
          'created_at:Timestamp<MICROSECOND, UTC>',
        ])
        expect(table.getChild('id')?.get(0)).toBe(1n)
        expect(table.getChild('comments')?.get(0)).toBe(null)
        expect(table.getChild('title')?.get(24)).toBe('Issue "25"')
      })

      it('refuses bad input with the table named', () => {
        const issues = pipeline.dataset().table('issues')
        expect(() => issues.where('id', '~' as never, 1)).toThrow(
          /where on table "issues": the operator/,
        )
        expect(() => issues.limit(-1)).toThrow(/limit on table "issues"/)
        expect(() => issues.where('id', 'in', 3)).toThrow(/"in" takes an array/)
      })
    },
  )
}
