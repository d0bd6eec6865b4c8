/**
 * Compatibility with Python dlt 1.26: every case of `test/fixtures/dlt-1.26/normalize/` run through
 * a real pipeline into a DuckDB file must dump exactly as dlt's own run did.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { dumpDataset } from '../../support/dump-dataset.js'

const fixtures = new URL('../../fixtures/dlt-1.26/normalize/', import.meta.url)
const caseNames = readdirSync(new URL('cases/', fixtures)).map((file) =>
  file.replace(/\.json$/, ''),
)
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-vectors-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

interface VectorCase {
  table: string
  write_disposition?: 'append' | 'replace' | 'merge'
  primary_key?: string
  runs: unknown[][]
}

describe('dlt 1.26 normalize vectors land identically in DuckDB', () => {
  it.each(caseNames)('%s', async (name) => {
    const vector = JSON.parse(
      readFileSync(new URL(`cases/${name}.json`, fixtures), 'utf8'),
    ) as VectorCase
    const expected = JSON.parse(readFileSync(new URL(`expected/${name}.json`, fixtures), 'utf8'))
    const dbPath = join(root, `${name}.duckdb`)
    const pipeline = dlt.pipeline({
      pipelineName: `vec_${name}`,
      destination: dlt.destinations.duckdb({ credentials: dbPath }),
      datasetName: 'data',
      pipelinesDir: join(root, 'pipelines'),
    })
    for (const items of vector.runs) {
      await pipeline.run(items, {
        tableName: vector.table,
        ...(vector.write_disposition ? { writeDisposition: vector.write_disposition } : {}),
        ...(vector.primary_key ? { primaryKey: vector.primary_key } : {}),
      })
    }
    const dump = await dumpDataset(dbPath, 'data')
    expect(Object.keys(dump.tables).sort()).toEqual(Object.keys(expected.tables).sort())
    for (const [table, want] of Object.entries<{ columns: unknown; rows: unknown }>(
      expected.tables,
    )) {
      expect(dump.tables[table]?.columns, `columns of ${table}`).toEqual(want.columns)
      expect(dump.tables[table]?.rows, `rows of ${table}`).toEqual(want.rows)
    }
  })
})
