/**
 * PostgreSQL → DuckDB through `sqlDatabase`: every mapped type arrives with the right dlt type
 * (precision, scale, timezone, nullability, primary key) and the same values; reflection levels,
 * the adapters and deferred reflection change what they should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqlDatabase, sqlTable } from '../../../src/sources/sql-database/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'
import { findPostgres, PG_URL, pgExec, uniqueName } from './sql-test-servers.js'

const skipped = await findPostgres()
const describePg = skipped ? describe.skip : describe

const SCHEMA = uniqueName('pgduck')

describePg(`sql_database: PostgreSQL → DuckDB${skipped ? ` — skipped: ${skipped}` : ''}`, () => {
  let temp: TempPipelineDir

  beforeAll(async () => {
    temp = createTempPipelineDir('dlt-ts-sqlsrc-')
    await pgExec(
      `CREATE SCHEMA ${SCHEMA}`,
      `CREATE TABLE ${SCHEMA}.all_types (
         id bigint PRIMARY KEY, small smallint NOT NULL, regular integer, big bigint,
         amount numeric(20,4), free_numeric numeric, ratio double precision, real_value real,
         name text NOT NULL, code varchar(12), fixed char(3), flag boolean,
         at_tz timestamptz, at_naive timestamp, day date, clock time, doc jsonb, doc_json json,
         raw bytea, uid uuid, tags text[], nothing text)`,
      `INSERT INTO ${SCHEMA}.all_types VALUES
         (1, 1, 2147483647, 9223372036854775807, 1234567890123456.1234, 12.5, 1.5, 0.25,
          'it''s "quoted" \\ back', 'abc', 'xyz', true, '2024-03-01T10:11:12.123456+02:00',
          '2024-03-01 10:11:12.5', '2024-02-29', '23:59:59.999999',
          '{"a": {"b": [1, 2]}, "s": "é\\n"}', E'[1,\\n "two"]', '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
          ARRAY['x', 'y'], NULL),
         (2, -32768, NULL, -9007199254740993, -0.0001, NULL, NULL, NULL,
          'second', NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
      `CREATE TABLE ${SCHEMA}.composite (a int, b text, v text, PRIMARY KEY (b, a))`,
      `INSERT INTO ${SCHEMA}.composite VALUES (1, 'x', 'one'), (2, 'y', 'two')`,
      `CREATE VIEW ${SCHEMA}.a_view AS SELECT id FROM ${SCHEMA}.all_types`,
      `CREATE TABLE ${SCHEMA}.many AS SELECT g AS id, repeat('x', g % 50) AS pad FROM generate_series(1, 1000) g`,
    )
  })

  afterAll(async () => {
    temp?.cleanup()
    await pgExec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`)
  })

  it('loads every table of the schema with dlt types and the same values', async () => {
    const source = await sqlDatabase({ credentials: PG_URL, schema: SCHEMA })
    expect(Object.keys(source.resources).sort()).toEqual(['all_types', 'composite', 'many'])
    const pipeline = temp.pipeline('pg_types', { datasetName: 'pg_types' })
    await pipeline.run(source)

    const columns = pipeline.schemas['sql_database']!.tables['all_types']!.columns
    const typed = Object.fromEntries(
      Object.values(columns)
        .filter((c) => !c.name.startsWith('_dlt'))
        .map((c) => {
          const { name: _name, ...rest } = c
          return [c.name, rest]
        }),
    )
    expect(typed).toEqual({
      id: { data_type: 'bigint', nullable: false, primary_key: true },
      small: { data_type: 'bigint', nullable: false },
      regular: { data_type: 'bigint', nullable: true },
      big: { data_type: 'bigint', nullable: true },
      amount: { data_type: 'decimal', precision: 20, scale: 4, nullable: true },
      free_numeric: { data_type: 'decimal', nullable: true },
      ratio: { data_type: 'double', nullable: true },
      real_value: { data_type: 'double', nullable: true },
      name: { data_type: 'text', nullable: false },
      code: { data_type: 'text', nullable: true },
      fixed: { data_type: 'text', nullable: true },
      flag: { data_type: 'bool', nullable: true },
      at_tz: { data_type: 'timestamp', timezone: true, nullable: true },
      at_naive: { data_type: 'timestamp', timezone: false, nullable: true },
      day: { data_type: 'date', nullable: true },
      clock: { data_type: 'time', nullable: true },
      doc: { data_type: 'json', nullable: true },
      doc_json: { data_type: 'json', nullable: true },
      raw: { data_type: 'binary', nullable: true },
      uid: { data_type: 'text', nullable: true },
      tags: { data_type: 'json', nullable: true },
      nothing: { data_type: 'text', nullable: true },
    })

    const [first, second] = await pipeline.dataset().query(
      `SELECT id, small, regular, big::text AS big, amount::text AS amount, free_numeric::text AS free_numeric,
           ratio, real_value, name, code, fixed, flag, strftime(at_tz, '%Y-%m-%dT%H:%M:%S.%f') AS at_tz,
           at_naive::text AS at_naive, day::text AS day, clock::text AS clock, doc, doc_json,
           hex(raw) AS raw, uid, tags, nothing, typeof(at_tz) AS tz_type, typeof(amount) AS amount_type
         FROM all_types ORDER BY id`,
    )
    expect(first).toMatchObject({
      id: 1,
      small: 1,
      regular: 2147483647,
      big: '9223372036854775807',
      amount: '1234567890123456.1234',
      ratio: 1.5,
      real_value: 0.25,
      name: 'it\'s "quoted" \\ back',
      code: 'abc',
      fixed: 'xyz',
      flag: true,
      at_tz: '2024-03-01T08:11:12.123456',
      at_naive: '2024-03-01 10:11:12.5',
      day: '2024-02-29',
      clock: '23:59:59.999999',
      doc: { a: { b: [1, 2] }, s: 'é\n' },
      doc_json: [1, 'two'],
      raw: '00FF10',
      uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      tags: ['x', 'y'],
      nothing: null,
      tz_type: 'TIMESTAMP WITH TIME ZONE',
      amount_type: 'DECIMAL(20,4)',
    })
    // an unconstrained numeric gets the destination's default decimal (DuckDB: DECIMAL(38,9))
    expect(first!['free_numeric']).toBe('12.500000000')
    expect(second).toMatchObject({
      id: 2,
      small: -32768,
      big: '-9007199254740993',
      amount: '-0.0001',
      flag: false,
    })

    // the key in key order, not column order
    expect(source.resources['composite']!.hints.primaryKey).toEqual(['b', 'a'])
    const composite = pipeline.schemas['sql_database']!.tables['composite']!.columns
    expect(composite['a']?.primary_key && composite['b']?.primary_key).toBe(true)
  })

  it('reflects less with minimal and more with full_with_precision', async () => {
    const minimal = await sqlTable({
      credentials: PG_URL,
      schema: SCHEMA,
      table: 'all_types',
      reflectionLevel: 'minimal',
    })
    expect(minimal.hints.columns?.['amount']).toEqual({ nullable: true })
    // dlt: json and array columns get no hint on 'minimal' (they nest)
    expect(minimal.hints.columns?.['doc']).toBeUndefined()
    expect(minimal.hints.primaryKey).toEqual(['id'])

    const precise = await sqlTable({
      credentials: PG_URL,
      schema: SCHEMA,
      table: 'all_types',
      reflectionLevel: 'full_with_precision',
    })
    expect(precise.hints.columns?.['code']).toEqual({
      nullable: true,
      dataType: 'text',
      precision: 12,
    })
    expect(precise.hints.columns?.['fixed']).toEqual({
      nullable: true,
      dataType: 'text',
      precision: 3,
    })
    expect(precise.hints.columns?.['small']).toEqual({
      nullable: false,
      dataType: 'bigint',
      precision: 32,
    })
    expect(precise.hints.columns?.['name']).toEqual({ nullable: false, dataType: 'text' })
  })

  it('applies includedColumns, excludedColumns and the table, type and query adapters', async () => {
    const seen: string[] = []
    const resource = await sqlTable({
      credentials: PG_URL,
      schema: SCHEMA,
      table: 'all_types',
      excludedColumns: ['raw', 'doc_json'],
      tableAdapterCallback: (table) => {
        table.columns = table.columns.filter((c) => c.name !== 'tags')
      },
      typeAdapterCallback: (column) =>
        column.dbType === 'uuid' ? 'binary' : column.name === 'small' ? null : undefined,
      queryAdapterCallback: (select, table) => {
        seen.push(table.name)
        return { ...select, where: [...select.where, 'flag IS TRUE'] }
      },
    })
    expect(Object.keys(resource.hints.columns ?? {})).not.toContain('raw')
    expect(Object.keys(resource.hints.columns ?? {})).not.toContain('tags')
    expect(resource.hints.columns?.['uid']).toEqual({ nullable: true, dataType: 'binary' })
    expect(resource.hints.columns?.['small']).toEqual({ nullable: false })

    const pipeline = temp.pipeline('pg_adapters', { datasetName: 'pg_adapters' })
    await pipeline.run(resource)
    expect(seen).toEqual(['all_types'])
    const rows = await pipeline.dataset().query('SELECT * FROM all_types')
    expect(rows.map((r) => r['id'])).toEqual([1])
    expect(Object.keys(rows[0]!)).not.toContain('raw')
    expect(Object.keys(rows[0]!)).not.toContain('tags')
  })

  it('reflects at run time with deferTableReflect and still types the columns', async () => {
    const source = await sqlDatabase({
      credentials: { drivername: 'postgresql', ...pgParts() },
      schema: SCHEMA,
      tableNames: ['composite'],
      deferTableReflect: true,
      chunkSize: 1,
    })
    expect(source.resources['composite']!.hints.columns).toBeUndefined()
    const pipeline = temp.pipeline('pg_deferred', { datasetName: 'pg_deferred' })
    await pipeline.run(source)
    const columns = pipeline.schemas['sql_database']!.tables['composite']!.columns
    expect(columns['a']).toMatchObject({ data_type: 'bigint', nullable: false, primary_key: true })
    expect(await pipeline.dataset().query('SELECT a, b, v FROM composite ORDER BY a')).toEqual([
      { a: 1, b: 'x', v: 'one' },
      { a: 2, b: 'y', v: 'two' },
    ])
  })

  it('reads views when named and streams pages of exactly chunkSize rows', async () => {
    const source = await sqlDatabase({
      credentials: PG_URL,
      schema: SCHEMA,
      tableNames: ['a_view', 'many'],
      chunkSize: 7,
    })
    const pipeline = temp.pipeline('pg_view', { datasetName: 'pg_view' })
    // addLimit counts pages: two pages of 7 rows out of 1,000
    const info = await pipeline.run(
      source.updateResource('many', (resource) => resource.addLimit(2)),
    )
    expect(info.rowCounts['many']).toBe(14)
    expect(await pipeline.dataset().query('SELECT id FROM a_view ORDER BY id')).toEqual([
      { id: 1 },
      { id: 2 },
    ])
  })
})

describePg(
  `sql_database reads tables concurrently${skipped ? ` — skipped: ${skipped}` : ''}`,
  () => {
    const CONCURRENT = uniqueName('conc')
    beforeAll(() =>
      pgExec(
        `CREATE SCHEMA ${CONCURRENT}`,
        ...['a', 'b', 'c'].map((t) => `CREATE TABLE ${CONCURRENT}.${t} AS SELECT 1 AS id`),
      ),
    )
    afterAll(() => pgExec(`DROP SCHEMA IF EXISTS ${CONCURRENT} CASCADE`))

    it('runs the tables of a source on their own connections at the same time', async () => {
      const temp = createTempPipelineDir('dlt-ts-sqlsrc-')
      try {
        const started: Record<string, number> = {}
        const source = await sqlDatabase({
          credentials: PG_URL,
          schema: CONCURRENT,
          // each read takes at least 1 s on the server
          queryAdapterCallback: (select, table) => {
            started[table.name] = Date.now()
            return { ...select, where: ['(SELECT true FROM pg_sleep(1))'] }
          },
        })
        const pipeline = temp.pipeline('pg_concurrent', { datasetName: 'pg_concurrent' })
        const begin = Date.now()
        await pipeline.extract(source)
        const elapsed = Date.now() - begin
        const starts = Object.values(started)
        expect(starts).toHaveLength(3)
        // all three queries started before the first could have ended
        expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(1000)
        expect(elapsed).toBeGreaterThanOrEqual(1000)
      } finally {
        temp.cleanup()
      }
    })
  },
)

function pgParts() {
  const url = new URL(PG_URL)
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    username: decodeURIComponent(url.username),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    database: url.pathname.slice(1),
  }
}
