/**
 * The filesystem source on a local folder, loaded into DuckDB: file items with dlt's fields,
 * globs, sorting and pages, the CSV, JSON lines and Parquet readers (quoting, delimiters,
 * encodings, gzip by name and by content, typed values), incremental loading on
 * `modification_date`, and `bucket_url` from configuration.
 */
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import {
  type FileItemDict,
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
  temp = createTempPipelineDir('dlt-ts-fs-source-')
})
afterAll(() => temp.cleanup())

/** A fresh folder with `files` (path → content) in it. */
const bucket = (files: Record<string, string | Uint8Array>) =>
  writeBucket(join(temp.dir, `bucket_${++count}`), files)

const pipeline = () => temp.pipeline(`fs_source_${++count}`, { datasetName: `ds_${count}` })

describe('filesystem() file items', () => {
  it('yields dlt’s fields for the files the glob matches, sorted, in pages of filesPerPage', async () => {
    const root = bucket({
      'b.csv': 'x\n1\n',
      'a.csv': 'x\n2\n',
      'nested/deep/c.csv.gz': gzipSync('x\n3\n'),
      'nested/d.jsonl': '{"x":4}\n',
      'notes.txt': 'hello',
      'draft.tmp': 'a user file, not a temp file of the destination',
    })
    const pages: string[][] = []
    const spy = dlt.transformer(
      (page: FileItemDict[]) => {
        pages.push(page.map((file) => file.relative_path))
        return [] as unknown[]
      },
      { name: 'spy' },
    )
    await pipeline().run(
      filesystem({ bucketUrl: root, fileGlob: '**/*.csv*', filesPerPage: 2 }).pipe(spy),
    )
    expect(pages).toEqual([['a.csv', 'b.csv'], ['nested/deep/c.csv.gz']])

    const p = pipeline()
    await p.run(filesystem({ bucketUrl: root, fileGlob: '**' }))
    const rows = await p
      .dataset()
      .query(
        'select file_url, file_name, relative_path, mime_type, encoding, size_in_bytes, modification_date from filesystem order by relative_path',
      )
    expect(rows.map((r) => r['relative_path'])).toEqual([
      'a.csv',
      'b.csv',
      'draft.tmp',
      'nested/d.jsonl',
      'nested/deep/c.csv.gz',
      'notes.txt',
    ])
    expect(rows[4]).toMatchObject({
      file_url: pathToFileURL(join(root, 'nested/deep/c.csv.gz')).href,
      file_name: 'c.csv.gz',
      mime_type: 'text/csv',
      encoding: 'gzip',
      size_in_bytes: gzipSync('x\n3\n').length,
    })
    expect(rows[3]).toMatchObject({ mime_type: 'application/jsonl', encoding: null })
    expect(rows[0]!['modification_date']).toBeInstanceOf(Date)
    const schema = p.schema!.tables['filesystem']!
    expect(schema.columns['modification_date']?.data_type).toBe('timestamp')
    expect(schema.columns['file_url']?.primary_key).toBe(true)
  })

  it('puts the bytes in file_content with extractContent, and open()/readBytes() read the file', async () => {
    const root = bucket({ 'a.txt': 'hello', 'b.txt.gz': gzipSync('zipped') })
    const seen: Record<string, unknown>[] = []
    const reader = dlt.transformer(
      async (page: FileItemDict[]) => {
        for (const file of page) {
          const text: Buffer[] = []
          for await (const chunk of await file.open()) text.push(chunk as Buffer)
          seen.push({
            name: file.file_name,
            text: Buffer.concat(text).toString(),
            raw: (await file.readBytes()).length,
            keys: Object.keys(file),
          })
        }
        return [] as unknown[]
      },
      { name: 'texts' },
    )
    const p = pipeline()
    await p.run(filesystem({ bucketUrl: root, fileGlob: '*', extractContent: true }).pipe(reader))
    expect(seen).toEqual([
      {
        name: 'a.txt',
        text: 'hello',
        raw: 5,
        keys: [
          'file_url',
          'file_name',
          'relative_path',
          'mime_type',
          'modification_date',
          'size_in_bytes',
          'file_content',
        ],
      },
      expect.objectContaining({ name: 'b.txt.gz', text: 'zipped', raw: gzipSync('zipped').length }),
    ])
    const q = pipeline()
    await q.run(filesystem({ bucketUrl: root, fileGlob: 'a.txt', extractContent: true }))
    const [row] = await q.dataset().query('select file_content from filesystem')
    expect(Buffer.from(row!['file_content'] as Uint8Array).toString()).toBe('hello')
  })

  it('lists only the bucket folder itself with the default glob "*"', async () => {
    const root = bucket({ 'top.csv': 'x\n1\n', 'sub/inner.csv': 'x\n2\n' })
    const p = pipeline()
    await p.run(filesystem({ bucketUrl: root }))
    const rows = await p.dataset().query('select relative_path from filesystem')
    expect(rows).toEqual([{ relative_path: 'top.csv' }])
  })

  it('takes bucket_url from configuration (sources.filesystem.bucket_url)', async () => {
    const root = bucket({ 'a.csv': 'x\n1\n' })
    process.env['SOURCES__FILESYSTEM__BUCKET_URL'] = pathToFileURL(root).href
    try {
      const p = pipeline()
      await p.run(filesystem({ fileGlob: '*.csv' }).pipe(readCsv()).withName('from_config'))
      expect(await p.dataset().query('select x from from_config')).toEqual([{ x: 1 }])
    } finally {
      delete process.env['SOURCES__FILESYSTEM__BUCKET_URL']
    }
    expect(() => filesystem({ fileGlob: '*.csv' })).toThrow(/SOURCES__FILESYSTEM__BUCKET_URL/)
  })
})

describe('readCsv', () => {
  it('parses quoting, headers and typed values, and keeps a decimal column a double', async () => {
    const csv =
      'id,name,amount,paid,note,zip\n' +
      '1,"Smith, Ann",10.00,true,"said ""hi""\nthen left",01234\n' +
      '2,Bob,12.5,false,,99999\n' +
      '3,"Ünïcödé ✓",7,TRUE,plain,00000\n'
    const root = bucket({ 'orders.csv': csv })
    const p = pipeline()
    const info = await p.run(
      filesystem({ bucketUrl: root, fileGlob: '*.csv' }).pipe(readCsv()).withName('orders'),
    )
    expect(info.rowCounts['orders']).toBe(3)
    const rows = await p
      .dataset()
      .query('select id, name, amount, paid, note, zip from orders order by id')
    expect(rows).toEqual([
      {
        id: 1,
        name: 'Smith, Ann',
        amount: 10,
        paid: true,
        note: 'said "hi"\nthen left',
        zip: '01234',
      },
      { id: 2, name: 'Bob', amount: 12.5, paid: false, note: null, zip: '99999' },
      { id: 3, name: 'Ünïcödé ✓', amount: 7, paid: true, note: 'plain', zip: '00000' },
    ])
    const columns = p.schema!.tables['orders']!.columns
    expect(columns['amount']?.data_type).toBe('double')
    expect(columns['id']?.data_type).toBe('bigint')
    expect(Object.keys(columns).some((name) => name.includes('__v_'))).toBe(false)
  })

  it('extracts a file’s rows into files that normalize reads in the rows’ order', async () => {
    // row 1 (the page hinting `amount` a double) is written as an object, rows 2-3 are copied as
    // JSON rows: two files, which must be read in the order of their first rows, or row 2's number
    // would decide the type of `zip` before row 1's text; ten runs, as file ids used to be random
    const csv = 'id,amount,zip\n1,10.00,01234\n2,12.5,99999\n3,7,00000\n'
    const root = bucket({ 'orders.csv': csv })
    for (let run = 0; run < 10; run++) {
      const p = pipeline()
      await p.extract(
        filesystem({ bucketUrl: root, fileGlob: '*.csv' }).pipe(readCsv()).withName('orders'),
      )
      const extracted = join(temp.pipelinesDir, p.pipelineName, 'normalize', 'extracted')
      const [loadId] = readdirSync(extracted)
      const jobs = join(extracted, loadId!, 'new_jobs')
      const files = readdirSync(jobs).filter((name) => name.startsWith('orders.'))
      expect(files.map((name) => name.split('.').at(-1))).toEqual(
        expect.arrayContaining(['typed-jsonl', 'json-rows']),
      )
      const ids = files
        .sort()
        .flatMap((name) => readFileSync(join(jobs, name), 'utf8').split('\n'))
        .filter((line) => line !== '' && !line.startsWith('{"rows"'))
        .map((line) => (line.startsWith('[') ? JSON.parse(line)[0] : JSON.parse(line).id))
      expect(ids).toEqual([1, 2, 3])
    }
  })

  it('reads other delimiters, encodings, no header, and gzip by extension and by content', async () => {
    const latin1 = Buffer.from('code;label\n1;café\n2;naïve\n', 'latin1')
    const root = bucket({
      'latin.csv': latin1,
      'zipped.csv.gz': gzipSync('code;label\r\n3;gz by name\r\n'), // CRLF too
      'sneaky.csv': gzipSync('code;label\n4;gz by content\n'),
    })
    const p = pipeline()
    await p.run(
      filesystem({ bucketUrl: root, fileGlob: '*.csv*' })
        .pipe(readCsv({ delimiter: ';', encoding: 'latin1' }))
        .withName('labels'),
    )
    const rows = await p.dataset().query('select code, label from labels order by code')
    expect(rows).toEqual([
      { code: 1, label: 'café' },
      { code: 2, label: 'naïve' },
      { code: 3, label: 'gz by name' },
      { code: 4, label: 'gz by content' },
    ])
    const headless = bucket({ 'h.tsv': 'a\t1\nb\t2\n' })
    const q = pipeline()
    await q.run(
      filesystem({ bucketUrl: headless, fileGlob: '*.tsv' })
        .pipe(readCsv({ delimiter: '\t', header: ['letter', 'n'], inferTypes: false }))
        .withName('letters'),
    )
    expect(await q.dataset().query('select letter, n from letters order by letter')).toEqual([
      { letter: 'a', n: '1' },
      { letter: 'b', n: '2' },
    ])
  })
})

describe('readCsv beyond the fast path', () => {
  it('reads the rest of a file with csv-parse from where the fast path gave up', async () => {
    // a carriage return inside an unquoted field of a \n file: csv-parse keeps it as text
    const rows = Array.from({ length: 45 }, (_, i) => (i === 32 ? `${i},a\rb` : `${i},row ${i}`))
    const root = bucket({ 'mixed.csv': `id,name\n${rows.join('\n')}\n` })
    const p = pipeline()
    const info = await p.run(
      filesystem({ bucketUrl: root, fileGlob: '*.csv' })
        .pipe(readCsv({ chunkSize: 10 }))
        .withName('mixed'),
    )
    expect(info.rowCounts['mixed']).toBe(45)
    const loaded = await p.dataset().query('select id, name from mixed order by id')
    expect(loaded.map((row) => row['name'])).toEqual(
      rows.map((_, i) => (i === 32 ? 'a\rb' : `row ${i}`)),
    )
  })
})

describe('readCsv stopped early', () => {
  it('closes the file when a limit stops the reader mid-file', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},row ${i}`).join('\n')
    const root = bucket({ 'many.csv': `id,name\n${rows}\n` })
    const p = pipeline()
    const info = await p.run(
      filesystem({ bucketUrl: root, fileGlob: '*.csv' })
        .pipe(readCsv({ chunkSize: 10 }))
        .addLimit(2)
        .withName('limited'),
    )
    expect(info.rowCounts['limited']).toBe(20)
  })
})

describe('readJsonl and readParquet', () => {
  it('reads JSON lines (gzip too) in pages, and Parquet written by DuckDB', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: i, tags: [i % 3] }))
    const root = bucket({
      'events/a.jsonl': `${lines.slice(0, 1200).join('\n')}\n`,
      'events/b.jsonl.gz': gzipSync(lines.slice(1200).join('\n')),
    })
    const p = pipeline()
    const info = await p.run(
      filesystem({ bucketUrl: root, fileGlob: 'events/*' })
        .pipe(readJsonl({ chunkSize: 500 }))
        .withName('events'),
    )
    expect(info.rowCounts['events']).toBe(2500)
    expect(await p.dataset().query('select count(distinct id) as n from events')).toEqual([
      { n: 2500 },
    ])
    expect(await p.dataset().query('select count(*) as c from events__tags')).toEqual([{ c: 2500 }])

    const parquetRoot = bucket({})
    mkdirSync(parquetRoot, { recursive: true })
    const instance = await DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    for (const part of [0, 1]) {
      const file = join(parquetRoot, `part-${part}.parquet`).replaceAll("'", "''")
      await connection.run(
        `COPY (SELECT i + ${part * 3000} AS id, 'name ' || i AS name, i * 0.5 AS score, i / 4 AS ratio, ` +
          `TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS at, ` +
          `TIMESTAMP '2024-01-01 00:00:00.123456' AS precise, DATE '2024-02-29' AS day ` +
          `FROM range(3000) t(i)) ` +
          `TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
      )
    }
    connection.closeSync()
    instance.closeSync()
    const q = pipeline()
    const loaded = await q.run(
      filesystem({ bucketUrl: parquetRoot, fileGlob: '*.parquet' })
        .pipe(readParquet())
        .withName('scores'),
    )
    expect(loaded.rowCounts['scores']).toBe(6000)
    const [first] = await q.dataset().query('select * from scores where id = 3001')
    // DECIMAL(…,1) stays a decimal (read back as an exact string), DOUBLE a double from 0.0 on
    expect(first).toMatchObject({
      id: 3001,
      name: 'name 1',
      score: '0.5',
      ratio: 0.25,
      at: new Date('2024-01-01T00:00:01Z'),
    })
    // a later page, serialized as JSON lines by the reader: the same types
    const [later] = await q.dataset().query('select * from scores where id = 4500')
    expect(later).toMatchObject({
      score: '750.0',
      ratio: 375,
      at: new Date('2024-01-01T00:25:00Z'),
    })
    // microseconds survive (a JS Date would keep milliseconds); DATE stays a date
    expect(
      await q
        .dataset()
        .query(
          'select cast(precise as varchar) as p, cast(day as varchar) as d from scores where id in (1, 4500) order by id',
        ),
    ).toEqual([
      { p: '2024-01-01 00:00:00.123456+00', d: '2024-02-29' },
      { p: '2024-01-01 00:00:00.123456+00', d: '2024-02-29' },
    ])
    const columns = q.schema!.tables['scores']!.columns
    expect(columns['day']?.data_type).toBe('date')
    expect(Object.keys(columns).filter((name) => name.includes('__v_'))).toEqual([])
    expect(['id', 'score', 'ratio', 'at'].map((name) => columns[name]?.data_type)).toEqual([
      'bigint',
      'decimal',
      'double',
      'timestamp',
    ])
  })
})

describe('incremental on modification_date', () => {
  it('reads only files new or changed since the last run', async () => {
    const root = bucket({ 'a.csv': 'id\n1\n', 'b.csv': 'id\n2\n' })
    const old = new Date('2024-01-01T00:00:00Z')
    utimesSync(join(root, 'a.csv'), old, old)
    utimesSync(join(root, 'b.csv'), old, old)
    const p = pipeline()
    const orders = () =>
      filesystem({
        bucketUrl: root,
        fileGlob: '*.csv',
        incremental: dlt.incremental({ cursorPath: 'modification_date' }),
      })
        .pipe(readCsv())
        .withName('orders')
    expect((await p.run(orders())).rowCounts['orders']).toBe(2)
    expect((await p.run(orders())).rowCounts['orders'] ?? 0).toBe(0)
    writeFileSync(join(root, 'c.csv'), 'id\n3\n')
    const later = new Date('2024-02-01T00:00:00Z')
    utimesSync(join(root, 'c.csv'), later, later)
    writeFileSync(join(root, 'a.csv'), 'id\n11\n')
    const latest = new Date('2024-03-01T00:00:00Z')
    utimesSync(join(root, 'a.csv'), latest, latest)
    expect((await p.run(orders())).rowCounts['orders']).toBe(2)
    const ids = await p.dataset().query('select id from orders order by id')
    expect(ids.map((r) => r['id'])).toEqual([1, 2, 3, 11])
  })
})
