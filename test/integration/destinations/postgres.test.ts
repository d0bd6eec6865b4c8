/**
 * PostgreSQL destination against a real server (`postgres-test-server.ts`): the conformance suite
 * (`destination-suite.ts`), then PostgreSQL's own cases: type mapping and DDL, `COPY` of awkward
 * values, schema evolution, system tables, errors without credentials, rollback, configuration,
 * pools of one's own, 63-character identifiers and the merge dialect. Every dataset is
 * `test_<random>` and dropped (with its `_staging` twin) in `afterAll`.
 */
import { rmSync } from 'node:fs'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConfigFieldMissingError } from '../../../src/config/index.js'
import type { MergeFollowUpSpec } from '../../../src/destinations/destination.js'
import {
  DestinationConnectionError,
  DestinationQueryError,
  TransientQueryError,
} from '../../../src/destinations/destination-errors.js'
import { postgres } from '../../../src/destinations/index.js'
import type { PostgresClient } from '../../../src/destinations/postgres/postgres-client.js'
import { PostgresDestination } from '../../../src/destinations/postgres/postgres-destination.js'
import { resolveDestination } from '../../../src/destinations/registry.js'
import { isTerminalError, isTransientError } from '../../../src/errors/dlt-error.js'
import * as dlt from '../../../src/index.js'
import { pipelineStateTable } from '../../../src/schema/system-tables.js'
import { dumpPostgresDataset } from '../../support/dump-postgres.js'
import { describeDestination, notSelected } from './destination-suite.js'
import {
  createSchema,
  createTempDir,
  loadTables,
  nestedTable,
  rootTable,
  type TempDir,
} from './destination-test-kit.js'
import {
  adminQuery,
  dropDatasets,
  findPostgres,
  PG_CONNECTION_STRING,
  testDatasetName,
} from './postgres-test-server.js'

// No connection attempt when DESTINATIONS leaves PostgreSQL out.
const unavailable = notSelected('postgres') ? undefined : await findPostgres()
const datasets = new Set<string>()
const newDataset = (label = '') => {
  const name = testDatasetName(label)
  datasets.add(name)
  return name
}

/** DuckDB's type names (as the vectors record them) → PostgreSQL's `information_schema` names. */
const POSTGRES_TYPE_NAMES: Readonly<Record<string, string>> = {
  VARCHAR: 'character varying',
  BIGINT: 'bigint',
  DOUBLE: 'double precision',
  BOOLEAN: 'boolean',
  'TIMESTAMP WITH TIME ZONE': 'timestamp with time zone',
  BLOB: 'bytea',
  JSON: 'jsonb',
  DATE: 'date',
  TIME: 'time without time zone',
}

describeDestination({
  name: 'postgres',
  unavailable,
  createTarget(label) {
    const datasetName = newDataset(label)
    return {
      destination: postgres({ credentials: PG_CONNECTION_STRING }),
      datasetName,
      dump: () => dumpPostgresDataset(PG_CONNECTION_STRING, datasetName),
    }
  },
  columnType: (type) =>
    type.startsWith('DECIMAL') ? 'numeric' : (POSTGRES_TYPE_NAMES[type] ?? `unmapped ${type}`),
  cleanup: () => dropDatasets(datasets),
})

const skipped = notSelected('postgres') ?? unavailable
const describePostgres = skipped ? describe.skip : describe

describePostgres(`PostgreSQL destination${skipped ? ` — skipped: ${skipped}` : ''}`, () => {
  let temp: TempDir
  const clients: PostgresClient[] = []
  beforeAll(() => {
    temp = createTempDir('dlt-ts-postgres-')
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close()
  })
  afterAll(async () => {
    temp.cleanup()
    await dropDatasets(datasets)
  })

  function openClient(
    datasetName = newDataset(),
    config: Parameters<typeof postgres>[0] = { credentials: PG_CONNECTION_STRING },
  ): PostgresClient {
    const client = new PostgresDestination(config).createClient({
      pipelineName: 'pg_test',
      datasetName,
    })
    clients.push(client)
    return client
  }

  /** `[column, type, not null]` of a table, types as `format_type` writes them. */
  const columnsOf = async (dataset: string, table: string) =>
    (
      await adminQuery(
        'SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull ' +
          'FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid ' +
          'JOIN pg_namespace n ON n.oid = c.relnamespace ' +
          'WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ' +
          'ORDER BY a.attnum',
        [dataset, table],
      )
    ).map((row) => [row['attname'], row['type'], row['attnotnull']])

  const uniqueColumns = async (dataset: string, table: string) =>
    (
      await adminQuery(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexdef LIKE '%UNIQUE%'",
        [dataset, table],
      )
    ).map((row) => String(row['indexdef']).replace(/^.*\((.*)\)$/, '$1'))

  describe('DDL and types', () => {
    const allTypes = rootTable('all_types', {
      id: { data_type: 'bigint', nullable: false },
      name: { data_type: 'text' },
      code: { data_type: 'text', precision: 10 },
      score: { data_type: 'double' },
      active: { data_type: 'bool' },
      created: { data_type: 'timestamp' },
      blob: { data_type: 'binary' },
      doc: { data_type: 'json' },
      amount: { data_type: 'decimal' },
      money: { data_type: 'decimal', precision: 10, scale: 2 },
      balance: { data_type: 'wei' },
      day: { data_type: 'date' },
      at: { data_type: 'time' },
      at_ms: { data_type: 'time', precision: 3 },
      tiny: { data_type: 'bigint', precision: 8 },
      int: { data_type: 'bigint', precision: 32 },
      ts_naive: { data_type: 'timestamp', timezone: false },
      ts_p3: { data_type: 'timestamp', precision: 3 },
      ts_naive_p0: { data_type: 'timestamp', timezone: false, precision: 0 },
      incomplete: {},
    })

    it('maps dlt types as dlt does and writes UNIQUE for unique columns', async () => {
      const dataset = newDataset()
      const client = openClient(dataset)
      const names = await client.qualifiedNames()
      const small = rootTable('items', { id: { data_type: 'bigint', nullable: false } })
      expect(client.generator.createTableSql(names, small)).toBe(
        `CREATE TABLE "${dataset}"."items" ("id" bigint NOT NULL, "_dlt_load_id" varchar NOT NULL, ` +
          '"_dlt_id" varchar UNIQUE NOT NULL)',
      )
      await client.initializeStorage()
      const migration = await client.updateStoredSchema(
        createSchema('ddl', [allTypes]),
        ['all_types'],
        ['all_types'],
      )
      expect(migration).toEqual({ createdTables: ['all_types'], addedColumns: [] })
      const expected = [
        ['id', 'bigint', true],
        ['name', 'character varying', false],
        ['code', 'character varying(10)', false],
        ['score', 'double precision', false],
        ['active', 'boolean', false],
        ['created', 'timestamp with time zone', false],
        ['blob', 'bytea', false],
        ['doc', 'jsonb', false],
        ['amount', 'numeric(38,9)', false],
        ['money', 'numeric(10,2)', false],
        ['balance', 'numeric(156,78)', false],
        ['day', 'date', false],
        ['at', 'time without time zone', false],
        ['at_ms', 'time(3) without time zone', false],
        ['tiny', 'smallint', false],
        ['int', 'integer', false],
        ['ts_naive', 'timestamp without time zone', false],
        ['ts_p3', 'timestamp(3) with time zone', false],
        ['ts_naive_p0', 'timestamp(0) without time zone', false],
        ['_dlt_load_id', 'character varying', true],
        ['_dlt_id', 'character varying', true],
      ]
      expect(await columnsOf(dataset, 'all_types')).toEqual(expected)
      expect(await columnsOf(`${dataset}_staging`, 'all_types')).toEqual(expected)
      expect(await uniqueColumns(dataset, 'all_types')).toEqual(['_dlt_id'])
    })

    it('refuses types PostgreSQL does not have', () => {
      const generator = new PostgresDestination().createClient({
        pipelineName: 'p',
        datasetName: 'd',
      }).generator
      const table = rootTable('t', {})
      expect(() =>
        generator.columnType({ name: 'h', data_type: 'bigint', precision: 128 }, table),
      ).toThrow(/precision 128.*PostgreSQL integer/)
      expect(() =>
        generator.columnType({ name: 'ns', data_type: 'timestamp', precision: 9 }, table),
      ).toThrow(/no timestamp with precision 9/)
    })

    it('leaves out UNIQUE with createIndexes: false', async () => {
      const dataset = newDataset()
      const client = openClient(dataset, {
        credentials: PG_CONNECTION_STRING,
        createIndexes: false,
      })
      await loadTables(
        client,
        createSchema('noidx', [rootTable('t', { a: { data_type: 'text' } })]),
        temp.dir,
        {
          loadId: '1700000000.1',
          rows: { t: [{ a: 'x', _dlt_load_id: '1700000000.1', _dlt_id: 'id1' }] },
        },
      )
      expect(await uniqueColumns(dataset, 't')).toEqual([])
    })

    it('adds new columns (nullable) with ALTER TABLE to a table with rows', async () => {
      const dataset = newDataset()
      const client = openClient(dataset)
      const v1 = createSchema('evolve', [rootTable('items', { id: { data_type: 'bigint' } })])
      await loadTables(client, v1, temp.dir, {
        loadId: '1700000000.1',
        rows: { items: [{ id: 1, _dlt_load_id: '1700000000.1', _dlt_id: 'a' }] },
      })
      const v2Table = rootTable('items', {
        id: { data_type: 'bigint' },
        label: { data_type: 'text', nullable: false },
      })
      const names = await client.qualifiedNames()
      expect(client.generator.addColumnSql(names, v2Table, [v2Table.columns['label']!])).toEqual([
        `ALTER TABLE "${dataset}"."items" ADD COLUMN "label" varchar`,
      ])
      const migration = await loadTables(client, createSchema('evolve', [v2Table], 2), temp.dir, {
        loadId: '1700000000.2',
        rows: { items: [{ id: 2, label: 'two', _dlt_load_id: '1700000000.2', _dlt_id: 'b' }] },
      })
      expect(migration).toEqual({
        createdTables: [],
        addedColumns: [{ table: 'items', column: 'label' }],
      })
      expect(await client.query('SELECT id, label FROM items ORDER BY id')).toEqual([
        { id: 1, label: null },
        { id: 2, label: 'two' },
      ])
    })

    it('creates dlt’s system tables with dlt’s types', async () => {
      const dataset = newDataset()
      const client = openClient(dataset)
      await client.initializeStorage()
      await client.initializeStorage()
      expect(await columnsOf(dataset, '_dlt_version')).toEqual([
        ['version', 'bigint', true],
        ['engine_version', 'bigint', true],
        ['inserted_at', 'timestamp with time zone', true],
        ['schema_name', 'character varying', true],
        ['version_hash', 'character varying', true],
        ['schema', 'character varying', true],
      ])
      expect(await columnsOf(dataset, '_dlt_loads')).toEqual([
        ['load_id', 'character varying', true],
        ['schema_name', 'character varying', false],
        ['status', 'bigint', true],
        ['inserted_at', 'timestamp with time zone', true],
        ['schema_version_hash', 'character varying', false],
      ])
      const schema = createSchema('system', [pipelineStateTable()])
      await loadTables(client, schema, temp.dir, {
        loadId: '1700000010.0',
        rows: {
          _dlt_pipeline_state: [
            {
              version: 3,
              engine_version: 4,
              pipeline_name: 'pg_test',
              state: 'eNqrVkrLz1eyUkpKLFKqBQAdegQ0',
              created_at: new Date('2024-01-02T00:00:00Z'),
              version_hash: 'h3',
              _dlt_load_id: '1700000010.0',
              _dlt_id: 's3',
            },
          ],
        },
      })
      expect(await client.getStoredState('pg_test')).toEqual({
        version: 3,
        engineVersion: 4,
        pipelineName: 'pg_test',
        state: 'eNqrVkrLz1eyUkpKLFKqBQAdegQ0',
        createdAt: new Date('2024-01-02T00:00:00Z'),
        versionHash: 'h3',
        loadId: '1700000010.0',
      })
      expect(await client.getStoredSchema('system')).toEqual(schema.toStored())
      expect(await client.isLoadCompleted('1700000010.0')).toBe(true)
      expect(await client.listTables()).toEqual([
        '_dlt_loads',
        '_dlt_pipeline_state',
        '_dlt_version',
      ])
    })
  })

  describe('COPY', () => {
    const table = rootTable('awkward', {
      id: { data_type: 'bigint' },
      text: { data_type: 'text' },
      doc: { data_type: 'json' },
      blob: { data_type: 'binary' },
      flag: { data_type: 'bool' },
      at: { data_type: 'timestamp' },
      day: { data_type: 'date' },
      naive: { data_type: 'timestamp', timezone: false },
    })

    it('streams JSON lines into COPY … FROM STDIN with every awkward value intact', async () => {
      const dataset = newDataset()
      const client = openClient(dataset)
      const names = await client.qualifiedNames()
      expect(
        client.generator.copyFromStdinSql(names.table('t', true), [table.columns['id']!]),
      ).toBe(`COPY "${dataset}_staging"."t" ("id") FROM STDIN WITH (FORMAT csv)`)
      const texts = ['', 'a,b', 'quote "x"', 'line\nbreak\r\n', '\\.', '\\N', 'NULL', 'zß水🙂', ' ']
      const rows = texts.map((text, index) => ({
        id: index,
        text,
        doc: [{ s: text }, 'str', 1.5, null, true][index % 5],
        blob: new Uint8Array([index, 0, 255, 0x2c, 0x22]),
        flag: index % 2 === 0,
        at: new Date(Date.UTC(2024, 0, 1, 0, 0, index)),
        day: '2024-02-29',
        naive: '2024-01-01T10:00:00',
        _dlt_load_id: '1700000001.0',
        _dlt_id: `row${index}`,
      }))
      rows.push({ id: 99, _dlt_load_id: '1700000001.0', _dlt_id: 'nulls' } as (typeof rows)[0])
      await loadTables(client, createSchema('copy', [table]), temp.dir, {
        loadId: '1700000001.0',
        rows: { awkward: rows },
      })
      const read = await client.query('SELECT * FROM awkward ORDER BY id')
      expect(read).toHaveLength(rows.length)
      read.slice(0, texts.length).forEach((row, index) => {
        expect(row).toEqual({
          id: index,
          text: texts[index],
          doc: [{ s: texts[index] }, 'str', 1.5, null, true][index % 5],
          blob: Buffer.from([index, 0, 255, 0x2c, 0x22]),
          flag: index % 2 === 0,
          at: new Date(Date.UTC(2024, 0, 1, 0, 0, index)),
          day: new Date('2024-02-29T00:00:00Z'),
          naive: new Date('2024-01-01T10:00:00Z'),
          _dlt_load_id: '1700000001.0',
          _dlt_id: `row${index}`,
        })
      })
      // A top-level JSON null is SQL NULL, as on DuckDB (and None in dlt).
      expect(read[3]!['doc']).toBeNull()
      expect(read.at(-1)).toMatchObject({ id: 99, text: null, doc: null, blob: null, flag: null })
    })

    it('reports the rows COPY loaded from a large file', async () => {
      const client = openClient()
      const schema = createSchema('big', [rootTable('big', { n: { data_type: 'bigint' } })])
      await client.initializeStorage()
      await client.updateStoredSchema(schema, ['big'], [])
      const rows = Array.from({ length: 30_000 }, (_, n) => ({
        n,
        _dlt_load_id: '1',
        _dlt_id: `r${n}`,
      }))
      const { writeJsonl } = await import('./destination-test-kit.js')
      const metrics = await client.runJob({
        loadId: '1',
        fileName: 'big.1.0.jsonl',
        filePath: writeJsonl(temp.dir, 'big.1.0.jsonl', rows),
        fileFormat: 'jsonl',
        table: schema.getTable('big')!,
        writeDisposition: 'append',
        toStaging: false,
      })
      expect(metrics).toEqual({ rows: 30_000 })
    })
  })

  describe('errors and transactions', () => {
    it('wraps a rejected COPY with its SQL as a property and rolls the load back', async () => {
      const dataset = newDataset()
      const client = openClient(dataset)
      const schema = createSchema('errors', [rootTable('items', { id: { data_type: 'bigint' } })])
      const failing = loadTables(client, schema, temp.dir, {
        loadId: '1700000003.0',
        rows: { items: [{ id: 'not a number', _dlt_load_id: 'x', _dlt_id: 'y' }] },
      })
      const error = (await failing.catch((e: unknown) => e)) as DestinationQueryError
      expect(error).toBeInstanceOf(DestinationQueryError)
      expect(isTerminalError(error)).toBe(true)
      expect(error.table).toBe('items')
      expect(error.sql).toMatch(/^COPY .*"items" .* FROM STDIN/)
      expect(error.message).toContain('table "items"')
      expect(error.message).toContain('invalid input syntax for type bigint')
      expect(error.message).not.toContain('COPY "')
      // The connection is usable after the failed COPY, and the transaction left nothing.
      expect(await client.listTables()).toEqual(['_dlt_loads', '_dlt_version'])
      expect(await client.getStoredSchema('errors')).toBeUndefined()
    })

    it('leaves no staging rows, tables or schema version behind after a rollback', async () => {
      const dataset = newDataset()
      const client = openClient(dataset)
      const table = rootTable(
        'items',
        { id: { data_type: 'bigint', primary_key: true } },
        {
          writeDisposition: 'merge',
        },
      )
      const failing = loadTables(client, createSchema('rollback', [table]), temp.dir, {
        loadId: '1700000020.0',
        rows: { items: [{ id: 1, _dlt_load_id: '1700000020.0', _dlt_id: 'a' }] },
        failBeforeCommit: true,
      })
      await expect(failing).rejects.toThrow('simulated failure')
      await client.close()
      const reopened = openClient(dataset)
      expect(await reopened.listTables()).toEqual(['_dlt_loads', '_dlt_version'])
      expect(
        await adminQuery(
          'SELECT schema_name FROM information_schema.schemata WHERE schema_name = $1',
          [`${dataset}_staging`],
        ),
      ).toEqual([])
      expect(await reopened.isLoadCompleted('1700000020.0')).toBe(false)
    })

    it('survives the server ending its connection: the next query fails, close works', async () => {
      const client = openClient()
      const [row] = await client.query('SELECT pg_backend_pid() AS pid')
      await adminQuery('SELECT pg_terminate_backend($1)', [row!['pid']])
      await new Promise((resolve) => setTimeout(resolve, 50))
      await expect(client.query('SELECT 1')).rejects.toBeInstanceOf(TransientQueryError)
      await client.close()
      // A new connection opens after close.
      expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }])
    })

    it('never shows the password when it cannot connect', async () => {
      const password = 'Sup3r-Secret-Passw0rd'
      const client = openClient(newDataset(), {
        credentials: `postgresql://loader:${password}@127.0.0.1:1/dlt_data?connect_timeout=2`,
      })
      const error = (await client.initializeStorage().catch((e: unknown) => e)) as Error
      expect(error).toBeInstanceOf(DestinationConnectionError)
      expect(isTransientError(error)).toBe(true)
      expect(error.message).toContain('postgresql://loader:***@127.0.0.1:1/dlt_data')
      const everything =
        JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error.cause)
      expect(everything).not.toContain(password)
      expect(error.message).not.toContain(password)
      expect(String(error.stack)).not.toContain(password)
      expect(() => postgres({ credentials: 'not a url' })).toThrow(/no "drivername:\/\/"/)
      try {
        postgres({ credentials: `nope:${password}` })
      } catch (e) {
        expect(String(e)).not.toContain(password)
      }
    })
  })

  describe('configuration, pools and names', () => {
    const env = process.env
    afterEach(() => {
      delete env['DESTINATION__POSTGRES__CREDENTIALS']
      delete env['PG_CONFIG_TEST__DESTINATION__POSTGRES__CREDENTIALS']
    })

    it('takes credentials from DESTINATION__POSTGRES__CREDENTIALS, by name or from postgres()', async () => {
      const temp2 = createTempDir()
      try {
        env['DESTINATION__POSTGRES__CREDENTIALS'] = PG_CONNECTION_STRING
        const dataset = newDataset()
        const pipeline = dlt.pipeline({
          pipelineName: 'pg_config_test',
          destination: 'postgres',
          datasetName: dataset,
          pipelinesDir: temp2.dir,
        })
        await pipeline.run([{ id: 1 }], { tableName: 'items' })
        expect(await pipeline.dataset().query('SELECT id FROM items')).toEqual([{ id: 1 }])
        const client = openClient(dataset, {})
        expect(await client.listTables()).toContain('items')
        delete env['DESTINATION__POSTGRES__CREDENTIALS']
        const missing = openClient(dataset, {})
        const error = await missing.listTables().catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ConfigFieldMissingError)
        expect(String((error as Error).message)).toMatch(/DESTINATION__POSTGRES__CREDENTIALS/)
      } finally {
        temp2.cleanup()
      }
    })

    it('accepts credentials as parts', async () => {
      const url = new URL(PG_CONNECTION_STRING)
      const client = openClient(newDataset(), {
        credentials: {
          host: url.hostname,
          port: url.port || 5432,
          username: decodeURIComponent(url.username),
          ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
          database: url.pathname.slice(1),
        },
      })
      expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }])
    })

    it('uses a pool of your own, calls a pool factory once and never ends the pool', async () => {
      const pool = new pg.Pool({ connectionString: PG_CONNECTION_STRING, max: 2 })
      try {
        let calls = 0
        const destination = postgres({
          pool: async () => {
            calls++
            return pool
          },
        })
        const temp2 = createTempDir()
        const dataset = newDataset()
        const pipeline = dlt.pipeline({
          pipelineName: 'pg_pool',
          destination,
          datasetName: dataset,
          pipelinesDir: temp2.dir,
        })
        await pipeline.run([{ id: 1, tags: ['a'] }], { tableName: 'items' })
        await pipeline.run([{ id: 2 }], { tableName: 'items' })
        temp2.cleanup()
        expect(calls).toBe(1)
        expect(
          (await pool.query(`SELECT count(*)::int AS n FROM "${dataset}".items`)).rows,
        ).toEqual([{ n: 2 }])
        expect(pool.totalCount).toBeGreaterThan(0)
        expect(pool.waitingCount).toBe(0)
        expect(pool.idleCount).toBe(pool.totalCount)
      } finally {
        await pool.end()
      }
    })

    it('shortens identifiers to 63 characters as dlt does', async () => {
      const temp2 = createTempDir()
      try {
        const dataset = newDataset()
        const pipeline = dlt.pipeline({
          pipelineName: 'pg_names',
          destination: postgres({ credentials: PG_CONNECTION_STRING }),
          datasetName: dataset,
          pipelinesDir: temp2.dir,
        })
        const longTable = 'a_very_long_identifier_name_that_exceeds_the_limit_of_the_destination'
        const longColumn = 'an_identifier_with_exactly_sixty_four_characters_in_it_abcdefghijk'
        await pipeline.run([{ [longColumn]: 1 }], { tableName: longTable })
        const shortTable = 'a_very_long_identifier_name_tfos44athe_limit_of_the_destination'
        const shortColumn = 'an_identifier_with_exactly_simpjnjacharacters_in_it_abcdefghijk'
        expect(await pipeline.dataset().tables()).toContain(shortTable)
        expect((await columnsOf(dataset, shortTable))[0]).toEqual([shortColumn, 'bigint', false])
        rmSync(pipeline.workingDir, { recursive: true, force: true })
      } finally {
        temp2.cleanup()
      }
    })

    it('resolves "postgres" by name, lazily, with dlt’s capabilities', async () => {
      const destination = await resolveDestination('postgres', {
        credentials: PG_CONNECTION_STRING,
      })
      expect(destination).toBeInstanceOf(PostgresDestination)
      expect(destination.capabilities()).toMatchObject({
        preferredLoaderFileFormat: 'jsonl',
        maxIdentifierLength: 63,
        maxColumnIdentifierLength: 63,
        supportsTransactions: true,
        supportsDdlTransactions: true,
        supportedMergeStrategies: ['delete-insert', 'upsert', 'scd2', 'insert-only'],
        decimalPrecision: [38, 9],
        weiPrecision: [156, 78],
      })
      expect(() => postgres({ createIndexes: 'yes' as unknown as boolean })).toThrow(
        /`createIndexes`/,
      )
    })
  })

  describe('merge dialect', () => {
    it('de-duplicates by ctid DESC (the row loaded last) after a TRUNCATE of staging', async () => {
      const dataset = newDataset()
      const client = openClient(dataset)
      client.mergeOptions = { tempTableName: (root, op) => `${root}_${op}` }
      const root = rootTable(
        'orders',
        { id: { data_type: 'bigint', nullable: false, primary_key: true } },
        { writeDisposition: 'merge' },
      )
      const schema = createSchema('m', [root, nestedTable('orders__items', 'orders', {})])
      const spec: MergeFollowUpSpec = {
        loadId: '1',
        tableChain: schema.getTableChain('orders'),
        strategy: 'delete-insert',
      }
      const sql = client.generator.mergeSql(
        await client.qualifiedNames(),
        spec,
        client.mergeOptions,
      )
      expect(sql[0]).toBe(
        `CREATE TEMPORARY TABLE "orders_delete" AS SELECT d."_dlt_id" FROM "${dataset}"."orders" AS d ` +
          `WHERE EXISTS (SELECT 1 FROM "${dataset}_staging"."orders" AS s WHERE d."id" = s."id")`,
      )
      expect(sql[3]).toContain('PARTITION BY "id" ORDER BY ctid DESC')
      expect(client.generator.truncateTableSql('"s"."t"')).toBe('TRUNCATE TABLE "s"."t"')
    })
  })
})
