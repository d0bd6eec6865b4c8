/**
 * Errors of the filesystem source: a corrupt file (CSV, JSON lines, gzip, Parquet) names the file
 * and the line or row and loads nothing of the run — not even the good files next to it — and the
 * next run after the fix loads everything once; a missing folder and a reader piped from the
 * wrong resource say what to do.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import {
  BucketNotFoundError,
  FileReadError,
  filesystem,
  readCsv,
  readJsonl,
  readParquet,
} from '../../../src/sources/filesystem/index.js'
import { writeBucket } from '../../support/local-bucket.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
let count = 0
beforeAll(() => {
  temp = createTempPipelineDir('dlt-ts-fs-errors-')
})
afterAll(() => temp.cleanup())

/** A fresh folder with `files` (path → content) in it. */
const bucket = (files: Record<string, string | Uint8Array>) =>
  writeBucket(join(temp.dir, `bucket_${++count}`), files)

const pipeline = () => temp.pipeline(`fs_errors_${++count}`, { datasetName: `ds_${count}` })

/** The run's error and the FileReadError inside it. */
async function failure(run: Promise<unknown>): Promise<{ error: Error; read: FileReadError }> {
  const error = (await run.then(
    () => undefined,
    (e: unknown) => e,
  )) as Error
  expect(error).toBeInstanceOf(dlt.PipelineStepFailed)
  let read: unknown = error
  while (read instanceof Error && !(read instanceof FileReadError)) read = read.cause
  expect(read).toBeInstanceOf(FileReadError)
  return { error, read: read as FileReadError }
}

async function tables(p: dlt.Pipeline): Promise<string[]> {
  return p
    .dataset()
    .tables()
    .catch(() => [])
}

describe('a corrupt file', () => {
  it('CSV: names the file and row, loads nothing of the run, and loads all once fixed', async () => {
    const good = 'id,name\n1,a\n2,b\n'
    const root = bucket({ 'a.csv': good, 'b.csv': 'id,name\n3,c\n4,d,extra\n5,e\n' })
    const p = pipeline()
    const orders = () =>
      filesystem({ bucketUrl: root, fileGlob: '*.csv' }).pipe(readCsv()).withName('orders')
    const { error, read } = await failure(p.run(orders()))
    const url = pathToFileURL(join(root, 'b.csv')).href
    expect(read.fileUrl).toBe(url)
    expect(read.line).toBe(3)
    expect(error.message).toContain(`read_csv failed on ${url} at line 3, row 2`)
    expect(error.message).toContain('Fix or remove the file')
    // a.csv was read fine, but the run's extract failed: nothing loaded, nothing pending
    expect(await tables(p)).not.toContain('orders')
    expect(p.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    writeFileSync(join(root, 'b.csv'), 'id,name\n3,c\n4,d\n5,e\n')
    const info = await p.run(orders())
    expect(info.rowCounts['orders']).toBe(5)
  })

  it('JSON lines: names the line', async () => {
    const root = bucket({ 'e.jsonl': '{"id":1}\n{"id":2}\n{"id":3,,}\n' })
    const { error, read } = await failure(
      pipeline().run(filesystem({ bucketUrl: root, fileGlob: '*.jsonl' }).pipe(readJsonl())),
    )
    expect(read.line).toBe(3)
    expect(error.message).toMatch(
      /read_jsonl failed on file:\/\/.*\/e\.jsonl at line 3: not valid JSON/,
    )
  })

  it('gzip and Parquet that are not what they claim', async () => {
    const broken = Buffer.concat([gzipSync('id\n1\n').subarray(0, 12), Buffer.from('garbage')])
    const root = bucket({ 'z.csv.gz': broken, 'p.parquet': 'PAR1 but not really' })
    const gz = await failure(
      pipeline().run(filesystem({ bucketUrl: root, fileGlob: '*.gz' }).pipe(readCsv())),
    )
    expect(gz.read.message).toMatch(/read_csv failed on file:\/\/.*\/z\.csv\.gz/)
    const pq = await failure(
      pipeline().run(filesystem({ bucketUrl: root, fileGlob: '*.parquet' }).pipe(readParquet())),
    )
    expect(pq.read.message).toMatch(
      /read_parquet failed on file:\/\/.*\/p\.parquet at row 1: not a readable Parquet file/,
    )
  })
})

describe('setup mistakes', () => {
  it('a missing folder is BucketNotFoundError', async () => {
    const missing = join(temp.dir, 'no-such-folder')
    const error = await pipeline()
      .run(filesystem({ bucketUrl: missing, fileGlob: '*.csv' }).pipe(readCsv()))
      .catch((e: unknown) => e)
    let cause: unknown = error
    while (cause instanceof Error && !(cause instanceof BucketNotFoundError)) cause = cause.cause
    expect((cause as Error).message).toBe(
      `Bucket not found: ${missing} does not exist. Check \`bucketUrl\` (bucket_url in configuration), create the bucket or folder, or check the \`endpoint_url\` of the credentials`,
    )
  })

  it('two filesystem resources of one name in a run are refused, not read as one', async () => {
    const root = bucket({ 'a.csv': 'id\n1\n', 'b.jsonl': '{"id":2}\n' })
    const run = pipeline().run([
      filesystem({ bucketUrl: root, fileGlob: '*.csv' }).pipe(readCsv()).withName('csv_rows'),
      filesystem({ bucketUrl: root, fileGlob: '*.jsonl' }).pipe(readJsonl()).withName('json_rows'),
    ])
    await expect(run).rejects.toThrow(
      /Transformer "json_rows" reads from a resource named "filesystem", but another resource named "filesystem" is in this run: give each its own name/,
    )
    const p = pipeline()
    const info = await p.run([
      filesystem({ name: 'csv_files', bucketUrl: root, fileGlob: '*.csv' })
        .pipe(readCsv())
        .withName('csv_rows'),
      filesystem({ name: 'json_files', bucketUrl: root, fileGlob: '*.jsonl' })
        .pipe(readJsonl())
        .withName('json_rows'),
    ])
    expect(info.rowCounts).toMatchObject({ csv_rows: 1, json_rows: 1 })
  })

  it('a reader piped from another resource, and bad options, are TypeErrors naming them', async () => {
    const rows = dlt.resource(() => [{ id: 1 }], { name: 'rows' })
    const error = await pipeline()
      .run(rows.pipe(readCsv()))
      .catch((e: unknown) => e)
    expect(String((error as Error).message)).toContain(
      'read_csv reads file items: pipe it from the filesystem resource',
    )
    expect(() => readCsv({ encoding: 'klingon' })).toThrow(/unknown `encoding` "klingon"/)
    expect(() => filesystem({ bucketUrl: temp.dir, filesPerPage: 0 })).toThrow(/`filesPerPage`/)
    expect(() => filesystem({ bucketUrl: 'gs://b/x' })).toThrow(/cannot use "gs:\/\/" buckets/)
  })
})
