/**
 * DuckDB destination against real database files in a temp dir: the conformance suite
 * (`destination-suite.ts`), then DuckDB's own cases: DDL, loading every data type, schema
 * evolution, replace, dlt's system tables, rollback, closing and naming. The merge strategies at
 * the client level are in `duckdb-merge.test.ts`.
 */
import { existsSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DestinationQueryError } from '../../../src/destinations/destination-errors.js'
import type { DuckDbClient } from '../../../src/destinations/duckdb/duckdb-client.js'
import { DuckDbDestination } from '../../../src/destinations/duckdb/duckdb-destination.js'
import {
  defaultLoadThreads,
  resolveDuckDbPath,
} from '../../../src/destinations/duckdb/duckdb-destination-config.js'
import { duckdb } from '../../../src/destinations/index.js'
import { resolveDestination } from '../../../src/destinations/registry.js'
import { isTerminalError } from '../../../src/errors/dlt-error.js'
import { pipelineStateTable } from '../../../src/schema/system-tables.js'
import { dumpDataset } from '../../support/dump-dataset.js'
import { describeDestination } from './destination-suite.js'
import {
  createSchema,
  createTempDir,
  loadTables,
  rootTable,
  type TempDir,
} from './destination-test-kit.js'

const suiteDir = createTempDir('dlt-ts-duckdb-suite-')
describeDestination({
  name: 'duckdb',
  createTarget(label) {
    const path = suiteDir.path(`${label}.duckdb`)
    return {
      destination: duckdb({ credentials: path }),
      datasetName: 'data',
      dump: () => dumpDataset(path, 'data'),
    }
  },
  // The vectors were recorded on DuckDB.
  columnType: (type) => type,
  cleanup: async () => suiteDir.cleanup(),
})

let temp: TempDir
const clients: DuckDbClient[] = []

beforeAll(() => {
  temp = createTempDir()
})
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close()
})
afterAll(() => temp.cleanup())

function openClient(file: string, datasetName = 'data', pipelineName = 'test'): DuckDbClient {
  const client = duckdb({ credentials: temp.path(file) }).createClient({
    pipelineName,
    datasetName,
  }) as DuckDbClient
  clients.push(client)
  return client
}

const columnsOf = (client: DuckDbClient, table: string, dataset = 'data') =>
  client.query(
    'SELECT column_name, data_type, is_nullable FROM information_schema.columns ' +
      'WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
    [dataset, table],
  )

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
  small: { data_type: 'bigint', precision: 16 },
  int: { data_type: 'bigint', precision: 32 },
  huge: { data_type: 'bigint', precision: 128 },
  ts_s: { data_type: 'timestamp', timezone: false, precision: 0 },
  ts_ms: { data_type: 'timestamp', timezone: false, precision: 3 },
  ts: { data_type: 'timestamp', timezone: false },
  ts_ns: { data_type: 'timestamp', timezone: false, precision: 9 },
  ts_tz_p3: { data_type: 'timestamp', precision: 3 },
  never_seen: { data_type: 'text' },
  incomplete: {},
})

describe('DuckDB DDL', () => {
  it('creates tables with dlt types, schema column order and NOT NULL', async () => {
    const client = openClient('ddl.duckdb')
    const names = await client.qualifiedNames()
    const small = rootTable('items', { id: { data_type: 'bigint', nullable: false } })
    expect(client.generator.createTableSql(names, small)).toBe(
      'CREATE TABLE "ddl"."data"."items" ("id" BIGINT NOT NULL, "_dlt_load_id" VARCHAR NOT NULL, ' +
        '"_dlt_id" VARCHAR USING COMPRESSION uncompressed NOT NULL)',
    )
    const schema = createSchema('ddl', [allTypes])
    await client.initializeStorage()
    const migration = await client.updateStoredSchema(schema, ['all_types'], [])
    expect(migration).toEqual({ createdTables: ['all_types'], addedColumns: [] })
    const columns = await columnsOf(client, 'all_types')
    expect(columns.map((c) => [c['column_name'], c['data_type'], c['is_nullable']])).toEqual([
      ['id', 'BIGINT', 'NO'],
      ['name', 'VARCHAR', 'YES'],
      ['score', 'DOUBLE', 'YES'],
      ['active', 'BOOLEAN', 'YES'],
      ['created', 'TIMESTAMP WITH TIME ZONE', 'YES'],
      ['big', 'BIGINT', 'YES'],
      ['blob', 'BLOB', 'YES'],
      ['doc', 'JSON', 'YES'],
      ['amount', 'DECIMAL(38,9)', 'YES'],
      ['money', 'DECIMAL(10,2)', 'YES'],
      ['balance', 'DECIMAL(38,0)', 'YES'],
      ['day', 'DATE', 'YES'],
      ['at', 'TIME', 'YES'],
      ['tiny', 'TINYINT', 'YES'],
      ['small', 'SMALLINT', 'YES'],
      ['int', 'INTEGER', 'YES'],
      ['huge', 'HUGEINT', 'YES'],
      ['ts_s', 'TIMESTAMP_S', 'YES'],
      ['ts_ms', 'TIMESTAMP_MS', 'YES'],
      ['ts', 'TIMESTAMP', 'YES'],
      ['ts_ns', 'TIMESTAMP_NS', 'YES'],
      ['ts_tz_p3', 'TIMESTAMP WITH TIME ZONE', 'YES'],
      ['never_seen', 'VARCHAR', 'YES'],
      ['_dlt_load_id', 'VARCHAR', 'NO'],
      ['_dlt_id', 'VARCHAR', 'NO'],
    ])
  })

  it('adds new columns with ALTER TABLE and reports them', async () => {
    const client = openClient('evolve.duckdb')
    const v1 = createSchema('evolve', [rootTable('items', { id: { data_type: 'bigint' } })])
    await loadTables(client, v1, temp.dir, {
      loadId: '1700000000.1',
      rows: { items: [{ id: 1, _dlt_load_id: '1700000000.1', _dlt_id: 'a' }] },
    })
    const v2Table = rootTable('items', {
      id: { data_type: 'bigint' },
      label: { data_type: 'text', nullable: false },
    })
    const v2 = createSchema('evolve', [v2Table], 2)
    const names = await client.qualifiedNames()
    expect(client.generator.addColumnSql(names, v2Table, [v2Table.columns['label']!])).toEqual([
      // DuckDB refuses constraints in ADD COLUMN, so NOT NULL is left out there.
      'ALTER TABLE "evolve"."data"."items" ADD COLUMN "label" VARCHAR',
    ])
    const migration = await loadTables(client, v2, temp.dir, {
      loadId: '1700000000.2',
      rows: { items: [{ id: 2, label: 'two', _dlt_load_id: '1700000000.2', _dlt_id: 'b' }] },
    })
    expect(migration).toEqual({
      createdTables: [],
      addedColumns: [{ table: 'items', column: 'label' }],
    })
    const columns = await columnsOf(client, 'items')
    expect(columns.map((c) => c['column_name'])).toEqual(['id', '_dlt_load_id', '_dlt_id', 'label'])
    expect(await client.query('SELECT id, label FROM "evolve"."data"."items" ORDER BY id')).toEqual(
      [
        { id: 1, label: null },
        { id: 2, label: 'two' },
      ],
    )
  })
})

describe('DuckDB load jobs', () => {
  it('loads a JSON-lines file with every data type and missing keys', async () => {
    const client = openClient('types.duckdb')
    const schema = createSchema('types', [allTypes])
    const beyond53 = 2n ** 60n + 7n
    const bytes = new Uint8Array([0, 1, 2, 250, 255])
    const migration = await loadTables(client, schema, temp.dir, {
      loadId: '1700000000.5',
      rows: {
        all_types: [
          {
            id: 1,
            name: 'O\'Brien "q"',
            score: 1.5,
            active: true,
            created: new Date('2024-05-06T07:08:09.123Z'),
            big: beyond53,
            blob: bytes,
            doc: { a: [1, { b: null }], s: 'x' },
            amount: '12345.678901234',
            money: 9.99,
            balance: 10n ** 30n,
            day: '2024-02-29',
            at: '12:34:56.5',
            tiny: 127,
            small: -32768,
            int: 2147483647,
            huge: -(2n ** 100n),
            ts_s: '2024-01-01T00:00:01Z',
            ts_ms: '2024-01-01T00:00:01.123Z',
            ts: '2024-01-01T00:00:01.123456Z',
            ts_ns: '2024-01-01T00:00:01.123456789Z',
            ts_tz_p3: '2024-01-01T02:00:00+02:00',
            _dlt_load_id: '1700000000.5',
            _dlt_id: 'row1',
          },
          { id: 2, doc: [1, 2], _dlt_load_id: '1700000000.5', _dlt_id: 'row2' },
        ],
      },
    })
    expect(migration.createdTables).toEqual(['all_types'])
    const rows = await client.query(
      'SELECT *, CAST(amount AS VARCHAR) AS amount_text, CAST(balance AS VARCHAR) AS balance_text, ' +
        'CAST(doc AS VARCHAR) AS doc_text, CAST(ts_ns AS VARCHAR) AS ts_ns_text ' +
        'FROM "types"."data"."all_types" ORDER BY id',
    )
    const [first, second] = rows
    expect(first).toMatchObject({
      id: 1,
      name: 'O\'Brien "q"',
      score: 1.5,
      active: true,
      created: new Date('2024-05-06T07:08:09.123Z'),
      big: beyond53.toString(),
      amount: '12345.678901234',
      amount_text: '12345.678901234',
      money: '9.99',
      balance_text: (10n ** 30n).toString(),
      day: new Date('2024-02-29T00:00:00Z'),
      at: '12:34:56.5',
      tiny: 127,
      small: -32768,
      int: 2147483647,
      huge: (-(2n ** 100n)).toString(),
      ts_s: new Date('2024-01-01T00:00:01Z'),
      ts_ms: new Date('2024-01-01T00:00:01.123Z'),
      ts_ns_text: '2024-01-01 00:00:01.123456789',
      ts_tz_p3: new Date('2024-01-01T00:00:00Z'),
      never_seen: null,
    })
    expect(Buffer.from(first!['blob'] as Uint8Array)).toEqual(Buffer.from(bytes))
    expect(JSON.parse(first!['doc_text'] as string)).toEqual({ a: [1, { b: null }], s: 'x' })
    expect(second).toMatchObject({
      id: 2,
      name: null,
      blob: null,
      created: null,
      doc_text: '[1,2]',
    })
  })

  it('generates one INSERT … SELECT over read_json of all files', async () => {
    const client = openClient('sql.duckdb')
    const names = await client.qualifiedNames()
    const table = rootTable('t', { b: { data_type: 'binary' }, j: { data_type: 'json' } })
    expect(
      client.generator.jsonlInsertSql(names.table('t', true), table, [
        "/tmp/it's.jsonl",
        '/tmp/b.jsonl',
      ]),
    ).toBe(
      'INSERT INTO "sql"."data_staging"."t" ("b", "j", "_dlt_load_id", "_dlt_id") ' +
        'SELECT from_base64("b") AS "b", "j", "_dlt_load_id", "_dlt_id" ' +
        "FROM read_json(['/tmp/it''s.jsonl', '/tmp/b.jsonl'], format = 'newline_delimited', " +
        "columns = {'b': 'VARCHAR', 'j': 'JSON', '_dlt_load_id': 'VARCHAR', '_dlt_id': 'VARCHAR'})",
    )
  })

  it('reads decimals wider than 18 digits as text, cast through DECIMAL(18, scale) when they fit', async () => {
    const client = openClient('decimals.duckdb')
    const names = await client.qualifiedNames()
    const table = rootTable('t', {
      d: { data_type: 'decimal' },
      n: { data_type: 'decimal', precision: 10, scale: 2 },
    })
    const sql = client.generator.jsonlInsertSql(names.table('t'), table, ['/tmp/t.jsonl'])
    expect(sql).toContain(
      'SELECT coalesce(TRY_CAST("d" AS DECIMAL(18,9)), CAST("d" AS DECIMAL(38,9))) AS "d", "n",',
    )
    expect(sql).toContain("columns = {'d': 'VARCHAR', 'n': 'DECIMAL(10,2)',")
    // the values DuckDB loads are those of the plain wide cast, small and large
    const values = [
      '1.5',
      '-0.0000000005',
      '123.4567890125',
      '1E+21',
      '-99999999999999999999999999999',
    ]
    await loadTables(client, createSchema('decimals', [table]), temp.dir, {
      loadId: '1700000001.0',
      rows: {
        t: values.map((d, i) => ({
          d,
          n: '1.25',
          _dlt_load_id: '1700000001.0',
          _dlt_id: `id${i}`,
        })),
      },
    })
    const rows = await client.query(
      `SELECT d::VARCHAR AS d, (d = CAST(src AS DECIMAL(38,9)))::VARCHAR AS same FROM ${names.table('t')} JOIN (SELECT unnest(?::VARCHAR[]) AS src, unnest(range(?)) AS i) ON _dlt_id = 'id' || i::VARCHAR ORDER BY i`,
      [values, values.length],
    )
    expect(rows.map((row) => row['same'])).toEqual(values.map(() => 'true'))
    expect(rows[3]?.['d']).toBe('1000000000000000000000.000000000')
  })

  it('replaces the rows of a replace table inside the load', async () => {
    const client = openClient('replace.duckdb')
    const schema = createSchema('replace', [
      rootTable('items', { id: { data_type: 'bigint' } }, { writeDisposition: 'replace' }),
    ])
    const load = (loadId: string, ids: number[]) =>
      loadTables(client, schema, temp.dir, {
        loadId,
        rows: {
          items: ids.map((id) => ({ id, _dlt_load_id: loadId, _dlt_id: `${loadId}-${id}` })),
        },
      })
    await load('1700000001.0', [1, 2, 3])
    await load('1700000002.0', [4])
    expect(await client.query('SELECT id FROM "replace"."data"."items"')).toEqual([{ id: 4 }])
  })

  it('wraps driver errors with the SQL as a property and the table in the message', async () => {
    const client = openClient('errors.duckdb')
    const schema = createSchema('errors', [rootTable('items', { id: { data_type: 'bigint' } })])
    const failing = loadTables(client, schema, temp.dir, {
      loadId: '1700000003.0',
      rows: { items: [{ id: 'not a number', _dlt_load_id: 'x', _dlt_id: 'y' }] },
    })
    await expect(failing).rejects.toBeInstanceOf(DestinationQueryError)
    const error = (await failing.catch((e: unknown) => e)) as DestinationQueryError
    expect(isTerminalError(error)).toBe(true)
    expect(error.table).toBe('items')
    expect(error.sql).toContain('read_json(')
    expect(error.message).toContain('table "items"')
    expect(error.message).not.toContain('read_json')
    expect(await client.listTables()).toEqual(['_dlt_loads', '_dlt_version'])
    // the load's memory cap is lifted again after the rollback
    expect(await memoryLimit(client)).not.toBe('122.0 MiB')
  })

  it('caps the buffer pool only while a table loads (loadMemoryLimit)', async () => {
    const client = openClient('limit.duckdb')
    const before = await memoryLimit(client)
    const schema = createSchema('limit', [rootTable('items', { id: { data_type: 'bigint' } })])
    await loadTables(client, schema, temp.dir, {
      loadId: '1700000004.0',
      rows: { items: [{ id: 1, _dlt_load_id: '1700000004.0', _dlt_id: 'a' }] },
    })
    expect(await memoryLimit(client)).toBe(before)
    expect(before).not.toBe('122.0 MiB')
    expect(() => duckdb({ loadMemoryLimit: 'lots' })).toThrow(/loadMemoryLimit.*"128MB"/)
  })

  it('sets DuckDB threads only while a table loads (loadThreads), and checks the option', async () => {
    for (const loadThreads of [3, false] as const) {
      const client = duckdb({
        credentials: temp.path(`threads-${loadThreads}.duckdb`),
        loadMemoryLimit: false,
        loadThreads,
      }).createClient({ pipelineName: 'threads', datasetName: 'data' }) as DuckDbClient
      clients.push(client)
      const before = await setting(client, 'threads')
      const schema = createSchema('threads', [rootTable('items', { id: { data_type: 'bigint' } })])
      const rows = Array.from({ length: 100 }, (_, id) => ({
        id,
        _dlt_load_id: '1700000007.0',
        _dlt_id: `id${id}`,
      }))
      await loadTables(client, schema, temp.dir, { loadId: '1700000007.0', rows: { items: rows } })
      expect(await setting(client, 'threads')).toBe(before)
      const [count] = await client.query('SELECT count(*) AS n FROM items')
      expect(Number(count?.['n'])).toBe(100)
    }
    expect(() => duckdb({ loadThreads: 0 })).toThrow(/loadThreads.*at least 1/)
    expect(() => duckdb({ loadThreads: 1.5 })).toThrow(/loadThreads/)
  })

  it.each([
    [1, false, false],
    [2, false, false],
    [1, true, 1],
    [2, true, 1],
    [4, true, false],
    [16, true, false],
  ] as const)(
    'defaults loadThreads on %i cores, preserveInsertionOrder %s, to %s',
    (cores, preserve, expected) => {
      expect(defaultLoadThreads(cores, preserve)).toBe(expected)
    },
  )

  it('lifts preserve_insertion_order only while a table loads, unless preserveInsertionOrder', async () => {
    for (const preserveInsertionOrder of [false, true]) {
      const client = duckdb({
        credentials: temp.path(`order-${preserveInsertionOrder}.duckdb`),
        preserveInsertionOrder,
      }).createClient({ pipelineName: 'order', datasetName: 'data' }) as DuckDbClient
      clients.push(client)
      const schema = createSchema('order', [rootTable('items', { id: { data_type: 'bigint' } })])
      const rows = Array.from({ length: 3000 }, (_, id) => ({
        id,
        _dlt_load_id: '1700000008.0',
        _dlt_id: `id${id}`,
      }))
      await loadTables(client, schema, temp.dir, { loadId: '1700000008.0', rows: { items: rows } })
      expect(await setting(client, 'preserve_insertion_order')).toBe(true)
      const loaded = await client.query('SELECT id FROM items')
      if (preserveInsertionOrder)
        expect(loaded.map((row) => Number(row['id']))).toEqual(rows.map((row) => row.id))
      else expect(loaded).toHaveLength(3000)
    }
    expect(() => duckdb({ preserveInsertionOrder: 'yes' as unknown as boolean })).toThrow(
      /preserveInsertionOrder.*boolean/,
    )
  })

  it('applies loadMemoryLimit to the insert, and says which option to raise', async () => {
    const client = duckdb({
      credentials: temp.path('tiny.duckdb'),
      loadMemoryLimit: '1MB',
    }).createClient({ pipelineName: 'tiny', datasetName: 'data' }) as DuckDbClient
    clients.push(client)
    const schema = createSchema('tiny', [rootTable('items', { text: { data_type: 'text' } })])
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      text: 'x'.repeat(200) + i,
      _dlt_load_id: '1700000005.0',
      _dlt_id: `id${i}`,
    }))
    const failing = loadTables(client, schema, temp.dir, {
      loadId: '1700000005.0',
      rows: { items: rows },
    })
    await expect(failing).rejects.toThrow(
      /Out of Memory[\s\S]*raise the duckdb destination's `loadMemoryLimit`/,
    )
    expect(await memoryLimit(client)).not.toBe('976.5 KiB')
  })
})

describe('DuckDB row-id storage (compressRowIds)', () => {
  /** The compressions DuckDB stored each column of `table` with, after a checkpoint. */
  async function compressions(compressRowIds: boolean | undefined) {
    const file = `row-ids-${compressRowIds}.duckdb`
    const client = duckdb({
      credentials: temp.path(file),
      ...(compressRowIds === undefined ? {} : { compressRowIds }),
    }).createClient({ pipelineName: 'ids', datasetName: 'data' }) as DuckDbClient
    clients.push(client)
    const schema = createSchema('ids', [rootTable('items', { label: { data_type: 'text' } })])
    // ids DuckDB would surely compress (few distinct values), and a low-cardinality text column
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      label: `label ${i % 7}`,
      _dlt_load_id: '1700000006.0',
      _dlt_id: 'abcde'.charAt(i % 5).repeat(22),
    }))
    await loadTables(client, schema, temp.dir, { loadId: '1700000006.0', rows: { items: rows } })
    await client.query('CHECKPOINT')
    const info = await client.query(
      "SELECT column_name, string_agg(DISTINCT compression, ',') AS c FROM pragma_storage_info('data.items') " +
        "WHERE segment_type = 'VARCHAR' GROUP BY column_name ORDER BY column_name",
    )
    return Object.fromEntries(info.map((row) => [row['column_name'], row['c']]))
  }

  it('stores _dlt_id uncompressed by default, other text as DuckDB chooses', async () => {
    const stored = await compressions(undefined)
    expect(stored['_dlt_id']).toBe('Uncompressed')
    expect(stored['label']).not.toBe('Uncompressed')
    expect(stored['_dlt_load_id']).not.toBe('Uncompressed')
  })

  it('lets DuckDB compress row ids with compressRowIds: true', async () => {
    const stored = await compressions(true)
    expect(stored['_dlt_id']).toBeDefined()
    expect(stored['_dlt_id']).not.toBe('Uncompressed')
    expect(() => duckdb({ compressRowIds: 'yes' as unknown as boolean })).toThrow(
      /compressRowIds.*boolean/,
    )
  })
})

const setting = async (client: DuckDbClient, name: string) =>
  (await client.query(`SELECT current_setting('${name}') AS v`))[0]?.['v']
const memoryLimit = (client: DuckDbClient) => setting(client, 'memory_limit')

describe('DuckDB system tables and state', () => {
  it('answers that a database file that does not exist holds no state, without creating it', async () => {
    const client = openClient('not-yet.duckdb')
    expect(await client.getStoredState('test')).toBeUndefined()
    expect(existsSync(temp.path('not-yet.duckdb'))).toBe(false)
    // opened for anything else, the file exists; then the state is read from it
    expect(await client.getStoredSchema('system')).toBeUndefined()
    expect(existsSync(temp.path('not-yet.duckdb'))).toBe(true)
    expect(await client.getStoredState('test')).toBeUndefined()
  })

  it('creates _dlt_version and _dlt_loads with dlt columns and records schema and loads', async () => {
    const client = openClient('state.duckdb')
    expect(await client.getStoredSchema('system')).toBeUndefined()
    expect(await client.getStoredState('test')).toBeUndefined()
    expect(await client.isLoadCompleted('1')).toBe(false)
    await client.initializeStorage()
    await client.initializeStorage()
    expect(
      (await columnsOf(client, '_dlt_version')).map((c) => [c['column_name'], c['data_type']]),
    ).toEqual([
      ['version', 'BIGINT'],
      ['engine_version', 'BIGINT'],
      ['inserted_at', 'TIMESTAMP WITH TIME ZONE'],
      ['schema_name', 'VARCHAR'],
      ['version_hash', 'VARCHAR'],
      ['schema', 'VARCHAR'],
    ])
    expect(
      (await columnsOf(client, '_dlt_loads')).map((c) => [c['column_name'], c['is_nullable']]),
    ).toEqual([
      ['load_id', 'NO'],
      ['schema_name', 'YES'],
      ['status', 'NO'],
      ['inserted_at', 'NO'],
      ['schema_version_hash', 'YES'],
    ])
    expect(await client.getStoredSchema('system')).toBeUndefined()

    const schema = createSchema('system', [
      rootTable('items', { id: { data_type: 'bigint' } }),
      pipelineStateTable(),
    ])
    const stateRow = (loadId: string, version: number) => ({
      version,
      engine_version: 4,
      pipeline_name: 'test',
      state: `eNqrVkrLz1eyUkpKLFKqBQAdegQ0-${version}`,
      created_at: new Date(`2024-01-0${version}T00:00:00Z`),
      version_hash: `state-hash-${version}`,
      _dlt_load_id: loadId,
      _dlt_id: `state-${version}`,
    })
    await loadTables(client, schema, temp.dir, {
      loadId: '1700000010.0',
      rows: {
        items: [{ id: 1, _dlt_load_id: '1700000010.0', _dlt_id: 'a' }],
        _dlt_pipeline_state: [stateRow('1700000010.0', 1)],
      },
    })
    await loadTables(client, schema, temp.dir, {
      loadId: '1700000011.0',
      rows: { _dlt_pipeline_state: [stateRow('1700000011.0', 2)] },
    })
    // A state row whose load was never committed to _dlt_loads does not count (dlt's JOIN).
    await client.query(
      "INSERT INTO \"state\".\"data\".\"_dlt_pipeline_state\" VALUES (3, 4, 'test', 's3', now(), 'h3', '1700000012.0', 'state-3')",
    )
    expect(await client.isLoadCompleted('1700000010.0')).toBe(true)
    expect(await client.isLoadCompleted('1700000012.0')).toBe(false)
    expect(await client.getStoredState('test')).toEqual({
      version: 2,
      engineVersion: 4,
      pipelineName: 'test',
      state: 'eNqrVkrLz1eyUkpKLFKqBQAdegQ0-2',
      createdAt: new Date('2024-01-02T00:00:00Z'),
      versionHash: 'state-hash-2',
      loadId: '1700000011.0',
    })
    expect(await client.getStoredState('other')).toBeUndefined()
    expect(await client.getStoredSchema('system')).toEqual(schema.toStored())
    // The same version hash is stored once.
    expect(await client.query('SELECT count(*) AS n FROM "state"."data"."_dlt_version"')).toEqual([
      { n: 1 },
    ])
    const loads = await client.query(
      'SELECT load_id, schema_name, status, schema_version_hash FROM "state"."data"."_dlt_loads" ORDER BY load_id',
    )
    expect(loads).toEqual([
      {
        load_id: '1700000010.0',
        schema_name: 'system',
        status: 0,
        schema_version_hash: schema.versionHash,
      },
      {
        load_id: '1700000011.0',
        schema_name: 'system',
        status: 0,
        schema_version_hash: schema.versionHash,
      },
    ])
    const newer = createSchema(
      'system',
      [rootTable('items', { id: { data_type: 'bigint' }, x: { data_type: 'text' } })],
      2,
    )
    await loadTables(client, newer, temp.dir, { loadId: '1700000013.0', rows: { items: [] } })
    expect((await client.getStoredSchema('system'))?.version_hash).toBe(newer.versionHash)
    expect(await client.listTables()).toEqual([
      '_dlt_loads',
      '_dlt_pipeline_state',
      '_dlt_version',
      'items',
    ])
  })

  it('leaves nothing behind when the load is rolled back', async () => {
    const client = openClient('rollback.duckdb')
    const schema = createSchema('rollback', [
      rootTable('items', { id: { data_type: 'bigint' } }, { writeDisposition: 'merge', extra: {} }),
    ])
    schema.tables['items']!.columns['id']!.primary_key = true
    const failing = loadTables(client, schema, temp.dir, {
      loadId: '1700000020.0',
      rows: { items: [{ id: 1, _dlt_load_id: '1700000020.0', _dlt_id: 'a' }] },
      failBeforeCommit: true,
    })
    await expect(failing).rejects.toThrow('simulated failure')
    await client.close()
    const reopened = openClient('rollback.duckdb')
    expect(await reopened.listTables()).toEqual(['_dlt_loads', '_dlt_version'])
    expect(
      await reopened.query(
        "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'data%'",
      ),
    ).toEqual([{ schema_name: 'data' }])
    expect(await reopened.getStoredSchema('rollback')).toBeUndefined()
    expect(await reopened.isLoadCompleted('1700000020.0')).toBe(false)
  })
})

describe('DuckDB files, names and factories', () => {
  it('works with a database file named like its dataset', async () => {
    const client = openClient('data.duckdb', 'data')
    const schema = createSchema('same', [rootTable('items', { id: { data_type: 'bigint' } })])
    await loadTables(client, schema, temp.dir, {
      loadId: '1700000030.0',
      rows: { items: [{ id: 7, _dlt_load_id: '1700000030.0', _dlt_id: 'a' }] },
    })
    expect(await client.query('SELECT id FROM "data"."data"."items"')).toEqual([{ id: 7 }])
    expect(await client.getStoredSchema('same')).toBeDefined()
  })

  it('releases the file on close so the next client can open it', async () => {
    for (let i = 0; i < 3; i++) {
      const client = openClient('shared.duckdb')
      await client.initializeStorage()
      await client.query(`CREATE TABLE IF NOT EXISTS "shared"."data"."t${i}" (x BIGINT)`)
      await client.close()
      await client.close()
    }
    expect(await openClient('shared.duckdb').listTables()).toEqual([
      '_dlt_loads',
      '_dlt_version',
      't0',
      't1',
      't2',
    ])
  })

  it('resolves database paths as dlt does', () => {
    const base = { pipelineName: 'pipe', datasetName: 'd', workingDirectory: '/work/dir' }
    expect(resolveDuckDbPath({}, base)).toBe('/work/dir/pipe.duckdb')
    expect(resolveDuckDbPath({ credentials: 'x/y.duckdb' }, base)).toBe('/work/dir/x/y.duckdb')
    expect(resolveDuckDbPath({ credentials: '/abs.duckdb' }, base)).toBe('/abs.duckdb')
    expect(resolveDuckDbPath({ credentials: ':memory:' }, base)).toBe(':memory:')
    expect(resolveDuckDbPath({}, { pipelineName: 'p', datasetName: 'd' })).toBe(
      `${process.cwd()}/p.duckdb`,
    )
    expect(() => duckdb({ credentials: 42 as unknown as string })).toThrow(/`credentials`/)
  })

  it('loads into :memory:', async () => {
    const client = duckdb({ credentials: ':memory:' }).createClient({
      pipelineName: 'm',
      datasetName: 'mem',
    })
    try {
      await client.initializeStorage()
      expect(await client.listTables()).toEqual(['_dlt_loads', '_dlt_version'])
      const params = [new Uint8Array([1, 255]), new Date('2024-01-01T00:00:00Z'), 2n ** 62n, null]
      expect(
        await client.query(
          'SELECT $1::BLOB AS b, $2::TIMESTAMPTZ AS t, $3::BIGINT AS n, $4 AS z',
          params,
          { bigint: true },
        ),
      ).toEqual([
        { b: Buffer.from([1, 255]), t: new Date('2024-01-01T00:00:00Z'), n: 2n ** 62n, z: null },
      ])
    } finally {
      await client.close()
    }
  })

  it('resolves destinations by name, lazily', async () => {
    const destination = await resolveDestination('duckdb')
    expect(destination).toBeInstanceOf(DuckDbDestination)
    expect(destination.name).toBe('duckdb')
    expect(destination.capabilities()).toMatchObject({
      preferredLoaderFileFormat: 'jsonl',
      supportsDdlTransactions: true,
      supportedMergeStrategies: ['delete-insert', 'upsert', 'scd2', 'insert-only'],
      decimalPrecision: [38, 9],
      weiPrecision: [38, 0],
    })
    const own = duckdb()
    expect(await resolveDestination(own)).toBe(own)
    await expect(resolveDestination('postgrez' as 'duckdb')).rejects.toThrow(
      /`destination`.*postgrez/,
    )
  })
})
