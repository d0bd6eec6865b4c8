/**
 * PostgreSQL tables read over several connections (`connections`): the same rows as one
 * connection reads (loaded into DuckDB), one shared snapshot, the default (two connections for a
 * table of at least two pages by the statistics, one for a small table, an ordered cursor or a
 * query adapter), a query adapter called per range, an incremental cursor's state unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectionStringCredentials } from '../../../src/config/index.js'
import * as dlt from '../../../src/index.js'
import { sqlTable } from '../../../src/sources/sql-database/index.js'
import { openPgConnection } from '../../../src/sources/sql-database/pg-source-connection.js'
import { chunkRows } from '../../../src/sources/sql-database/sql-source-connection.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'
import { findPostgres, PG_URL, pgExec, uniqueName } from './sql-test-servers.js'

const skipped = await findPostgres()
const describePg = skipped ? describe.skip : describe

const SCHEMA = uniqueName('pgconn')
const ROWS = 3000

/** How many backends ran a COPY of `table` of this file's schema. */
async function copyBackends(table: string): Promise<number> {
  const [row] = await pgExec(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE query LIKE 'COPY %' AND query LIKE '%${SCHEMA}"."${table}"%' AND pid <> pg_backend_pid()`,
  )
  return Number(row?.['n'])
}

/** The resource's rows, with the number of backends reading the table once the first row came. */
async function readAll(
  temp: TempPipelineDir,
  name: string,
  options: Partial<Parameters<typeof sqlTable>[0]>,
): Promise<{ ids: number[]; backends: number; pipeline: dlt.Pipeline }> {
  const table = options.table ?? 'big'
  let backends = -1
  const resource = (await sqlTable({ credentials: PG_URL, schema: SCHEMA, table, ...options }))
    // the map makes extract parse the pages; the first row counts the backends reading
    .addMap(async (row) => {
      if (backends < 0) backends = await copyBackends(table)
      return row
    })
  const pipeline = temp.pipeline(name, { datasetName: name })
  await pipeline.run(resource)
  const rows = await pipeline.dataset().query(`SELECT id FROM ${options.name ?? table}`)
  return { ids: rows.map((r) => Number(r['id'])), backends, pipeline }
}

/** The `big` table read over two connections in pages of 100 rows. */
const bigOverTwo = (options: Partial<Parameters<typeof sqlTable>[0]>) =>
  sqlTable({
    credentials: PG_URL,
    schema: SCHEMA,
    table: 'big',
    connections: 2,
    chunkSize: 100,
    ...options,
  })

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

describePg(
  `sql_database: PostgreSQL over several connections${skipped ? ` — skipped: ${skipped}` : ''}`,
  () => {
    let temp: TempPipelineDir

    beforeAll(async () => {
      temp = createTempPipelineDir('dlt-ts-sqlconn-')
      await pgExec(
        `CREATE SCHEMA ${SCHEMA}`,
        `CREATE TABLE ${SCHEMA}.big (id bigint PRIMARY KEY, amount numeric(20,4), note text,
         updated_at timestamptz)`,
        `INSERT INTO ${SCHEMA}.big SELECT g, g * 1.5, 'row ' || g,
         timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
       FROM generate_series(1, ${ROWS}) g`,
        `CREATE TABLE ${SCHEMA}.keyless AS SELECT g AS id FROM generate_series(1, 1000) g`,
        `ANALYZE ${SCHEMA}.big`,
        `ANALYZE ${SCHEMA}.keyless`,
      )
    })

    afterAll(async () => {
      temp?.cleanup()
      await pgExec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`)
    })

    it('reads every row exactly once over three connections, with the same values', async () => {
      const one = await readAll(temp, 'conn_one', { connections: 1, chunkSize: 250 })
      const three = await readAll(temp, 'conn_three', { connections: 3, chunkSize: 250 })
      expect(one.backends).toBe(1)
      expect(three.backends).toBe(3)
      expect(sorted(three.ids)).toEqual(range(1, ROWS))
      const values = async (pipeline: dlt.Pipeline) =>
        pipeline
          .dataset()
          .query(
            'SELECT id, CAST(amount AS VARCHAR) AS amount, note, updated_at FROM big ORDER BY id',
          )
      expect(await values(three.pipeline)).toEqual(await values(one.pipeline))
    })

    it('reads over one connection unless connections are asked for, as dlt', async () => {
      const unset = await readAll(temp, 'conn_default', { chunkSize: 500 })
      expect(unset.backends).toBe(1)
      expect(sorted(unset.ids)).toEqual(range(1, ROWS))
      const two = await readAll(temp, 'conn_two', { chunkSize: 500, connections: 2 })
      expect(two.backends).toBe(2)
      expect(sorted(two.ids)).toEqual(range(1, ROWS))
    })

    it('reads with one connection without an integer key and with rowOrder', async () => {
      const keyless = await readAll(temp, 'conn_keyless', { table: 'keyless', connections: 2 })
      expect(keyless.backends).toBe(1)
      expect(sorted(keyless.ids)).toEqual(range(1, 1000))
      const ordered = await readAll(temp, 'conn_ordered', {
        chunkSize: 100,
        connections: 2,
        incremental: dlt.incremental({ cursorPath: 'updated_at', rowOrder: 'desc' }),
      })
      expect(ordered.backends).toBe(1)
      expect(ordered.ids).toHaveLength(ROWS)
    })

    it('calls a query adapter once per range when connections are asked for', async () => {
      const wheres: string[][] = []
      const { ids, backends } = await readAll(temp, 'conn_adapter_ranges', {
        connections: 2,
        chunkSize: 100,
        queryAdapterCallback: (select) => {
          wheres.push([...select.where])
          return { ...select, where: [...select.where, '"id" % 10 = 0'] }
        },
      })
      expect(backends).toBe(2)
      expect(wheres).toHaveLength(2)
      expect(wheres.every((where) => where.length === 1 && where[0]!.includes('"id"'))).toBe(true)
      expect(sorted(ids)).toEqual(range(1, ROWS / 10).map((i) => i * 10))
    })

    it('falls back to one connection when the query adapter writes its own SQL', async () => {
      const { ids, backends } = await readAll(temp, 'conn_adapter_sql', {
        connections: 2,
        chunkSize: 100,
        queryAdapterCallback: () => `SELECT * FROM "${SCHEMA}"."big" WHERE id <= 50`,
      })
      expect(backends).toBe(1)
      expect(sorted(ids)).toEqual(range(1, 50))
    })

    it('keeps an incremental cursor: the maximum of all ranges, and nothing new the next run', async () => {
      const incremental = dlt.incremental({ cursorPath: 'updated_at' })
      const first = await readAll(temp, 'conn_incremental', {
        connections: 2,
        chunkSize: 100,
        incremental,
      })
      expect(first.backends).toBe(2)
      expect(sorted(first.ids)).toEqual(range(1, ROWS))
      const state = JSON.stringify(first.pipeline.state)
      expect(state).toContain('2024-01-03T02:00:00')
      const again = await bigOverTwo({ incremental })
      const info = await first.pipeline.run(again)
      expect(info.loadPackages.flatMap((p) => p.jobs ?? [])).toHaveLength(0)
      const [count] = await first.pipeline.dataset().query('SELECT count(*) AS n FROM big')
      expect(Number(count?.['n'])).toBe(ROWS)
    })

    it('shares one snapshot: a row committed after the export is seen by no connection', async () => {
      const credentials = createConnectionStringCredentials(PG_URL)
      const first = await openPgConnection(credentials)
      const second = await openPgConnection(credentials)
      try {
        await pgExec(
          `CREATE TABLE ${SCHEMA}.snap (id int PRIMARY KEY)`,
          `INSERT INTO ${SCHEMA}.snap VALUES (1)`,
        )
        const [table] = await first.reflect(SCHEMA, ['snap'])
        const snapshot = await first.exportSnapshot!()
        expect(snapshot).toEqual(expect.any(String))
        await pgExec(`INSERT INTO ${SCHEMA}.snap VALUES (2)`)
        await second.importSnapshot!(snapshot!)
        const ids = async (connection: typeof first) => {
          const found: unknown[] = []
          for await (const chunk of connection.readRows(
            `SELECT id FROM ${SCHEMA}.snap`,
            table!,
            10,
          )) {
            found.push(...chunkRows(chunk))
          }
          return found
        }
        expect(await ids(first)).toEqual([{ id: 1 }])
        expect(await ids(second)).toEqual([{ id: 1 }])
      } finally {
        await first.close()
        await second.close()
      }
    })

    it('stops reading all connections when extract stops early (addLimit)', async () => {
      const resource = await bigOverTwo({})
      const pipeline = temp.pipeline('conn_limit', { datasetName: 'conn_limit' })
      await pipeline.run(resource.addLimit(3))
      const [count] = await pipeline.dataset().query('SELECT count(*) AS n FROM big')
      expect(Number(count?.['n'])).toBe(300)
      // both backends are gone once the run has returned
      await expect.poll(() => copyBackends('big'), { timeout: 5000 }).toBe(0)
    })

    it('fails the run with the error of one connection and closes them all', async () => {
      const resource = await bigOverTwo({
        // division by zero at id 2000, in the second range only
        queryAdapterCallback: (select) => ({
          ...select,
          where: [...select.where, '1 / ("id" - 2000) IS NOT NULL'],
        }),
      })
      const pipeline = temp.pipeline('conn_failing', { datasetName: 'conn_failing' })
      const failure = await pipeline.run(resource).catch((error: unknown) => error)
      expect(String((failure as Error).cause ?? failure)).toMatch(/division by zero/)
      await expect.poll(() => copyBackends('big'), { timeout: 5000 }).toBe(0)
    })

    it('reads over one connection when the server refuses another', async () => {
      const role = uniqueName('onlyone')
      await pgExec(
        `CREATE ROLE ${role} LOGIN CONNECTION LIMIT 1`,
        `GRANT USAGE ON SCHEMA ${SCHEMA} TO ${role}`,
        `GRANT SELECT ON ${SCHEMA}.big TO ${role}`,
      )
      try {
        const url = new URL(PG_URL)
        url.username = role
        const { ids, backends } = await readAll(temp, 'conn_refused', {
          credentials: url.toString(),
          connections: 2,
          chunkSize: 100,
          // no reflection connection before the read: the read's own is the role's only one
          deferTableReflect: true,
        })
        expect(backends).toBe(1)
        expect(sorted(ids)).toEqual(range(1, ROWS))
      } finally {
        await pgExec(`DROP OWNED BY ${role}`, `DROP ROLE ${role}`)
      }
    })

    it('refuses connections below 1', async () => {
      expect(() => sqlTable({ credentials: PG_URL, table: 'big', connections: 0 })).toThrow(
        /`connections` must be an integer >= 1/,
      )
    })
  },
)
