/**
 * Filesystem destination against a real temp folder, read back with DuckDB: dlt's file layout and
 * system files, parquet column types, append and replace, layouts with placeholders, state
 * restored from the bucket, a failed load retried without duplicate files, and config errors.
 * The dlt 1.26 vectors are in `filesystem-vectors.test.ts`.
 */
import { type Dirent, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type FileTransport,
  filesystem,
  LocalFileTransport,
} from '../../../src/destinations/filesystem/index.js'
import { duckdb } from '../../../src/destinations/index.js'
import * as dlt from '../../../src/index.js'
import { pipelineStateTable } from '../../../src/schema/system-tables.js'
import {
  createSchema,
  createTempDir,
  loadTables,
  rootTable,
  type TempDir,
} from './destination-test-kit.js'

let temp: TempDir
beforeAll(() => {
  temp = createTempDir('dlt-ts-fs-')
})
afterAll(() => temp.cleanup())

let pipelineCount = 0
function fsPipeline(
  bucket: string,
  config: Partial<Parameters<typeof filesystem>[0]> = {},
  name?: string,
) {
  return dlt.pipeline({
    pipelineName: name ?? `fs_${++pipelineCount}`,
    destination: filesystem({ bucketUrl: temp.path(bucket), ...config }),
    datasetName: 'data',
    pipelinesDir: temp.path('pipelines'),
  })
}

/** Files below a folder, relative to it, sorted. */
function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return []
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .sort()
}

async function duckQuery(sql: string) {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    await connection.run("SET TimeZone = 'UTC'")
    return (await connection.runAndReadAll(sql)).getRowObjectsJS()
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

const allTypes = rootTable('all_types', {
  id: { data_type: 'bigint', nullable: false },
  name: { data_type: 'text' },
  score: { data_type: 'double' },
  active: { data_type: 'bool' },
  created: { data_type: 'timestamp' },
  big: { data_type: 'bigint' },
  blob: { data_type: 'binary' },
  doc: { data_type: 'json' },
  amount: { data_type: 'decimal' },
  money: { data_type: 'decimal', precision: 10, scale: 2 },
  balance: { data_type: 'wei' },
  day: { data_type: 'date' },
  at: { data_type: 'time' },
  tiny: { data_type: 'bigint', precision: 8 },
  int: { data_type: 'bigint', precision: 32 },
  huge: { data_type: 'bigint', precision: 128 },
  ts_ms: { data_type: 'timestamp', timezone: false, precision: 3 },
  ts: { data_type: 'timestamp', timezone: false },
  ts_ns: { data_type: 'timestamp', timezone: false, precision: 9 },
})
const allTypesRows = [
  {
    id: 1,
    name: 'O\'Brien "q", a\nb',
    score: 1.5,
    active: true,
    created: '2024-05-06T07:08:09.123456+00:00',
    big: 2n ** 60n + 7n,
    blob: new Uint8Array([0, 1, 2, 250, 255]),
    doc: { a: [1, { b: null }], s: 'x' },
    amount: '12345.678901234',
    money: '-9.99',
    balance: 10n ** 30n,
    day: '1969-07-20',
    at: '12:34:56.5',
    tiny: -128,
    int: 2147483647,
    huge: -(2n ** 100n),
    ts_ms: '2024-01-01T00:00:01.123Z',
    ts: '1960-01-01T00:00:01.123456Z',
    ts_ns: '2024-01-01T00:00:01.123456789Z',
    _dlt_load_id: '1700000000.5',
    _dlt_id: 'row1',
  },
  { id: 2, name: '', doc: [1, 2], _dlt_load_id: '1700000000.5', _dlt_id: 'row2' },
]

describe('parquet files', () => {
  it('carry real column types that DuckDB reads back exactly as the duckdb destination loads them', async () => {
    const schema = createSchema('types', [allTypes])
    const fsClient = filesystem({
      bucketUrl: temp.path('types'),
      loaderFileFormat: 'parquet',
    }).createClient({ pipelineName: 'types', datasetName: 'data' })
    const dbClient = duckdb({ credentials: temp.path('types.duckdb') }).createClient({
      pipelineName: 'types',
      datasetName: 'data',
    })
    try {
      for (const client of [fsClient, dbClient]) {
        await loadTables(client, schema, temp.dir, {
          loadId: '1700000000.5',
          rows: { all_types: allTypesRows },
        })
      }
      const [file] = filesIn(temp.path('types/data/all_types'))
      expect(file).toBe('1700000000.5.17000000005.parquet')
      const physical = await duckQuery(
        `DESCRIBE SELECT * FROM read_parquet('${temp.path(`types/data/all_types/${file}`)}')`,
      )
      expect(
        Object.fromEntries(physical.map((r) => [r['column_name'], r['column_type']])),
      ).toMatchObject({
        id: 'BIGINT',
        name: 'VARCHAR',
        score: 'DOUBLE',
        active: 'BOOLEAN',
        created: 'TIMESTAMP WITH TIME ZONE',
        blob: 'BLOB',
        doc: 'VARCHAR',
        amount: 'DECIMAL(38,9)',
        money: 'DECIMAL(10,2)',
        balance: 'DECIMAL(38,0)',
        day: 'DATE',
        at: 'TIME',
        tiny: 'TINYINT',
        int: 'INTEGER',
        huge: 'DECIMAL(38,0)',
        ts_ms: 'TIMESTAMP',
        ts: 'TIMESTAMP',
        ts_ns: 'TIMESTAMP_NS',
      })
      const columns = Object.keys(allTypes.columns)
      const asText = `SELECT ${columns.map((c) => `CAST("${c}" AS VARCHAR) AS "${c}"`).join(', ')} FROM all_types ORDER BY id`
      const fromFiles = await fsClient.query(asText)
      const fromDuckDb = await dbClient.query(
        asText.replace('FROM all_types', 'FROM "types"."data"."all_types"'),
      )
      expect(fromFiles).toEqual(fromDuckDb)
      expect(fromFiles[0]).toMatchObject({
        name: 'O\'Brien "q", a\nb',
        big: '1152921504606846983',
        ts_ns: '2024-01-01 00:00:01.123456789',
        created: '2024-05-06 07:08:09.123456+00',
      })
      expect(fromFiles[1]).toMatchObject({ name: '', doc: '[1,2]', score: null })
    } finally {
      await fsClient.close()
      await dbClient.close()
    }
  })
})

describe('layout and dlt system files', () => {
  it('writes {table_name}/{load_id}.{file_id}.{ext} plus init, _dlt_loads, _dlt_version and _dlt_pipeline_state as dlt does', async () => {
    const pipeline = fsPipeline('layout', {}, 'layout_pipe')
    const info = await pipeline.run([{ id: 1, tags: ['a'] }], { tableName: 'items' })
    const loadId = info.loadPackages[0]!.loadId
    const files = filesIn(temp.path('layout/data'))
    const hashHex = Buffer.from(pipeline.schema!.version_hash, 'base64').toString('hex')
    expect(files).toEqual([
      expect.stringMatching(
        new RegExp(`^_dlt_loads/layout_pipe__${loadId.replace('.', '\\.')}\\.jsonl$`),
      ),
      `_dlt_pipeline_state/layout_pipe__${loadId}__${hashHex}.jsonl`,
      expect.stringMatching(
        new RegExp(`^_dlt_version/layout_pipe__\\d+\\.\\d+__${hashHex}\\.jsonl$`),
      ),
      'init',
      expect.stringMatching(
        new RegExp(`^items/${loadId.replace('.', '\\.')}\\.[0-9a-f]+\\.jsonl$`),
      ),
      expect.stringMatching(
        new RegExp(`^items__tags/${loadId.replace('.', '\\.')}\\.[0-9a-f]+\\.jsonl$`),
      ),
    ])
    expect(JSON.parse(readFileSync(temp.path('layout/data/init'), 'utf8'))).toEqual({
      initial_version: 2,
      current_version: 2,
    })
    const state = JSON.parse(readFileSync(temp.path(`layout/data/${files[1]}`), 'utf8'))
    expect(Object.keys(state)).toEqual([
      'version',
      'engine_version',
      'pipeline_name',
      'state',
      'created_at',
      'version_hash',
      '_dlt_load_id',
    ])
    const load = JSON.parse(readFileSync(temp.path(`layout/data/${files[0]}`), 'utf8'))
    expect(load).toMatchObject({
      load_id: loadId,
      schema_name: 'layout_pipe',
      status: 0,
      schema_version_hash: pipeline.schema!.version_hash,
    })
    const version = JSON.parse(readFileSync(temp.path(`layout/data/${files[2]}`), 'utf8'))
    expect(JSON.parse(version.schema).tables.items__tags.parent).toBe('items')
  })

  it('fills dlt placeholders and extra placeholders, and reads nested folders back', async () => {
    const layout = '{schema_name}/{table_name}/{YYYY}-{MM}/{env}/{load_id}.{file_id}.{ext}'
    const pipeline = fsPipeline(
      'placeholders',
      {
        layout,
        extraPlaceholders: { env: (_schema, table) => `prod_${table.length}` },
        currentDatetime: new Date('2024-03-05T10:00:00Z'),
        loaderFileFormat: 'parquet',
      },
      'ph',
    )
    await pipeline.run([{ id: 1 }, { id: 2 }], { tableName: 'events' })
    await pipeline.run([{ id: 3 }], { tableName: 'events' })
    const files = filesIn(temp.path('placeholders/data/ph/events'))
    expect(files).toHaveLength(2)
    for (const file of files)
      expect(file).toMatch(/^2024-03\/prod_6\/\d+\.\d+\.[0-9a-f]+\.parquet$/)
    const rows = await pipeline.dataset().query('select id from events order by id')
    expect(rows.map((r) => r['id'])).toEqual([1, 2, 3])
  })

  it('refuses layouts it cannot find tables with, and buckets it cannot write', () => {
    expect(() => filesystem({ bucketUrl: 'x', layout: '{load_id}/{table_name}.{ext}' })).toThrow(
      /only \{schema_name\} may come before \{table_name\}/,
    )
    expect(() => filesystem({ bucketUrl: 'x', layout: '{table_name}/{nope}.{ext}' })).toThrow(
      /unknown placeholders \{nope\}/,
    )
    expect(() => filesystem({ bucketUrl: 'gs://bucket/path' })).toThrow(
      /cannot use "gs:\/\/" buckets .*pass a `transport`/,
    )
    expect(() =>
      filesystem({ bucketUrl: 'x', loaderFileFormat: 'insert_values' as 'csv' }),
    ).toThrow(/`loaderFileFormat`/)
    const fromUrl = filesystem({ bucketUrl: `file://${temp.path('url')}` }).createClient({
      pipelineName: 'p',
      datasetName: 'd',
    })
    expect((fromUrl.transport as LocalFileTransport).root).toBe(temp.path('url'))
  })
})

describe('write dispositions', () => {
  it('appends files, and replace deletes the table’s files first', async () => {
    const pipeline = fsPipeline('dispositions', { loaderFileFormat: 'parquet' })
    await pipeline.run([{ id: 1, tags: ['a'] }], { tableName: 'items' })
    await pipeline.run([{ id: 2, tags: ['b'] }], { tableName: 'items' })
    expect(filesIn(temp.path('dispositions/data/items'))).toHaveLength(2)
    const ids = async () =>
      (await pipeline.dataset().query('select id from items order by id')).map((r) => r['id'])
    expect(await ids()).toEqual([1, 2])
    await pipeline.run([{ id: 3, tags: [] }], { tableName: 'items', writeDisposition: 'replace' })
    expect(filesIn(temp.path('dispositions/data/items'))).toHaveLength(1)
    expect(filesIn(temp.path('dispositions/data/items__tags'))).toEqual([])
    expect(await ids()).toEqual([3])
    expect(await pipeline.dataset().rows('items__tags')).toEqual([])
    // a table's format can differ from the destination's: views read both
    await pipeline.run([{ id: 4 }], {
      tableName: 'items',
      writeDisposition: 'append',
      loaderFileFormat: 'csv',
    })
    expect(await ids()).toEqual([3, 4])
  })
})

describe('state and retries', () => {
  it('restores state and schema from the bucket when the working directory is gone', async () => {
    const requests: unknown[] = []
    const events = (rows: { id: number }[]) =>
      dlt.resource(
        async function* ({ incremental }) {
          requests.push(incremental?.lastValue)
          yield rows.filter((row) => row.id > Number(incremental?.lastValue ?? 0))
        },
        { name: 'events', incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }) },
      )
    const first = fsPipeline('restore', { loaderFileFormat: 'parquet' }, 'restore_pipe')
    await first.run(events([{ id: 1 }, { id: 2 }]))
    rmSync(first.workingDir, { recursive: true, force: true })
    const fresh = fsPipeline('restore', { loaderFileFormat: 'parquet' }, 'restore_pipe')
    const info = await fresh.run(events([{ id: 1 }, { id: 2 }, { id: 3 }]))
    expect(info.firstRun).toBe(false)
    expect(requests).toEqual([0, 2])
    expect(fresh.schema?.tables['events']).toBeDefined()
    expect(
      (await fresh.dataset().query('select id from events order by id')).map((r) => r['id']),
    ).toEqual([1, 2, 3])
  })

  it('ignores the state of a load that never completed', async () => {
    const client = filesystem({ bucketUrl: temp.path('uncommitted') }).createClient({
      pipelineName: 'p',
      datasetName: 'data',
    })
    const schema = createSchema('p', [pipelineStateTable()])
    const state = {
      version: 1,
      engine_version: 4,
      pipeline_name: 'p',
      state: 'eJwDAAAAAAE=',
      created_at: '2024-01-01T00:00:00+00:00',
      version_hash: 'h',
      _dlt_load_id: '1700000000.1',
      _dlt_id: 's1',
    }
    await expect(
      loadTables(client, schema, temp.dir, {
        loadId: '1700000000.1',
        rows: { _dlt_pipeline_state: [state] },
        failBeforeCommit: true,
      }),
    ).rejects.toThrow('simulated failure')
    expect(await client.getStoredState('p')).toBeUndefined()
    await client.completeLoad('1700000000.1', schema)
    expect(await client.getStoredState('p')).toMatchObject({
      version: 1,
      pipelineName: 'p',
      loadId: '1700000000.1',
    })
    await client.close()
  })

  it('retries a failed load without duplicating files or re-running finished jobs', async () => {
    const puts: string[] = []
    let failOnPut: number | undefined
    const local = new LocalFileTransport(temp.path('flaky'))
    // a bucket whose upload fails once, as a network would
    const transport: FileTransport = {
      location: local.location,
      writeFile: (key, data) => local.writeFile(key, data),
      putFile: async (path, key) => {
        puts.push(key.split('/')[1]!)
        if (puts.length === failOnPut) throw new Error('connection reset by peer')
        await local.putFile(path, key)
      },
      readText: (key) => local.readText(key),
      listFiles: (key) => local.listFiles(key),
      deleteFile: (key) => local.deleteFile(key),
      makeFolder: (key) => local.makeFolder(key),
      readUrl: (key) => local.readUrl(key),
    }
    const pipeline = fsPipeline('flaky', { transport, loaderFileFormat: 'parquet' })
    await pipeline.run([{ id: 1, tags: ['a', 'b'] }], {
      tableName: 'items',
      writeDisposition: 'replace',
    })
    failOnPut = 4
    await expect(
      pipeline.run([{ id: 2, tags: ['c'] }], { tableName: 'items', writeDisposition: 'replace' }),
    ).rejects.toThrow(/items__tags.*connection reset by peer/)
    expect(pipeline.pendingPackages().normalized).toHaveLength(1)
    const info = await pipeline.run()
    expect(info.resumedLoadIds).toHaveLength(1)
    // the second package: items once, items__tags failed once and then once more
    expect(puts).toEqual(['items', 'items__tags', 'items', 'items__tags', 'items__tags'])
    expect(filesIn(temp.path('flaky/data/items'))).toHaveLength(1)
    expect(filesIn(temp.path('flaky/data/items__tags'))).toHaveLength(1)
    const rows = await pipeline
      .dataset()
      .query('select i.id, t.value from items i join items__tags t on t._dlt_parent_id = i._dlt_id')
    expect(rows).toEqual([{ id: 2, value: 'c' }])
    expect(await pipeline.dataset().query('select count(*) as n from _dlt_loads')).toEqual([
      { n: 2 },
    ])
  })
})
