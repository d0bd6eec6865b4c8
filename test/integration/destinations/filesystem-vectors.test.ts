/**
 * The dlt 1.26 normalize vectors through the filesystem destination: every case loads into
 * parquet, jsonl and csv files, DuckDB reads the files back (the client's own views, copied into
 * a DuckDB file) and the dump must equal what dlt's run into DuckDB produced. Merge cases must
 * fail with a clear error instead.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { filesystem } from '../../../src/destinations/filesystem/index.js'
import * as dlt from '../../../src/index.js'
import { dumpDataset } from '../../support/dump-dataset.js'

const fixtures = new URL('../../fixtures/dlt-1.26/normalize/', import.meta.url)
const caseNames = readdirSync(new URL('cases/', fixtures)).map((file) =>
  file.replace(/\.json$/, ''),
)
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-fs-vectors-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

interface VectorCase {
  table: string
  write_disposition?: 'append' | 'replace' | 'merge'
  primary_key?: string
  runs: unknown[][]
}

interface Expected {
  tables: Record<string, { columns: unknown; rows: unknown }>
}

const readCase = (name: string) =>
  JSON.parse(readFileSync(new URL(`cases/${name}.json`, fixtures), 'utf8')) as VectorCase

async function runCase(name: string, format: 'parquet' | 'jsonl' | 'csv') {
  const vector = readCase(name)
  const bucketUrl = join(root, `${name}-${format}`)
  const destination = filesystem({ bucketUrl, loaderFileFormat: format })
  const pipeline = dlt.pipeline({
    pipelineName: `fsvec_${name}_${format}`,
    destination,
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
  return { vector, bucketUrl, destination, pipeline }
}

/** Copies every view of the filesystem dataset into a DuckDB file, to dump it as the vectors do. */
async function copyToDuckDb(destination: ReturnType<typeof filesystem>, dbPath: string) {
  const client = destination.createClient({ pipelineName: 'dump', datasetName: 'data' })
  try {
    await client.query(`ATTACH '${dbPath}' AS dump`)
    await client.query('CREATE SCHEMA dump.data')
    for (const table of await client.listTables()) {
      await client.query(`CREATE TABLE dump.data."${table}" AS SELECT * FROM data."${table}"`)
    }
    await client.query('DETACH dump')
  } finally {
    await client.close()
  }
}

describe.each(['parquet', 'jsonl', 'csv'] as const)(
  'dlt 1.26 vectors through %s files',
  (format) => {
    const loadable = caseNames.filter((name) => readCase(name).write_disposition !== 'merge')
    const merging = caseNames.filter((name) => readCase(name).write_disposition === 'merge')

    it.each(loadable)('%s reads back as dlt loaded it into DuckDB', async (name) => {
      const { destination, bucketUrl } = await runCase(name, format)
      const expected = JSON.parse(
        readFileSync(new URL(`expected/${name}.json`, fixtures), 'utf8'),
      ) as Expected
      const dataFiles = readdirSync(join(bucketUrl, 'data', readCase(name).table))
      expect(dataFiles.every((file) => file.endsWith(`.${format}`))).toBe(true)
      const dbPath = join(root, `${name}-${format}.duckdb`)
      await copyToDuckDb(destination, dbPath)
      const dump = await dumpDataset(dbPath, 'data')
      expect(Object.keys(dump.tables).sort()).toEqual(Object.keys(expected.tables).sort())
      for (const [table, want] of Object.entries(expected.tables)) {
        expect(dump.tables[table]?.columns, `columns of ${table}`).toEqual(want.columns)
        expect(dump.tables[table]?.rows, `rows of ${table}`).toEqual(want.rows)
      }
    })

    it.each(merging)('%s is refused: files cannot be merged', async (name) => {
      const vector = readCase(name)
      await expect(runCase(name, format)).rejects.toThrow(
        `Write disposition "merge" is not supported by destination "filesystem" (table "${vector.table}")`,
      )
      // refused before any file of the table was written
      const tableDir = join(root, `${name}-${format}`, 'data', vector.table)
      expect(existsSync(tableDir) ? readdirSync(tableDir) : []).toEqual([])
    })
  },
)
