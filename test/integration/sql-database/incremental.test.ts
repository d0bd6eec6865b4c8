/**
 * Incremental loading from SQL: the cursor's range goes into the query (`>= last value`,
 * `< end value`, ORDER BY with `rowOrder`), rows at the boundary are not loaded twice, and a merge
 * over three runs leaves each row once with its newest values — on PostgreSQL and MariaDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { type SqlSelect, sqlTable } from '../../../src/sources/sql-database/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'
import {
  findMysql,
  findPostgres,
  mysqlExec,
  mysqlUrl,
  PG_URL,
  pgExec,
  uniqueName,
} from './sql-test-servers.js'

const pgSkipped = await findPostgres()
const mysqlSkipped = await findMysql()
const SCHEMA = uniqueName('incr')

let temp: TempPipelineDir
beforeAll(() => {
  temp = createTempPipelineDir('dlt-ts-sqlsrc-')
})
afterAll(() => temp?.cleanup())

describe.skipIf(pgSkipped)(
  `sql_table incremental on PostgreSQL${pgSkipped ? ` — skipped: ${pgSkipped}` : ''}`,
  () => {
    beforeAll(async () => {
      await pgExec(
        `CREATE SCHEMA ${SCHEMA}`,
        `CREATE TABLE ${SCHEMA}.orders (id int PRIMARY KEY, status text, updated_at timestamptz NOT NULL)`,
        `INSERT INTO ${SCHEMA}.orders VALUES
         (1, 'new', '2024-01-01T00:00:00Z'), (2, 'new', '2024-01-02T00:00:00Z'), (3, 'new', '2024-01-03T00:00:00Z')`,
      )
    })
    afterAll(() => pgExec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`))

    it('merges over three runs, reading only the cursor range', async () => {
      const queries: SqlSelect[] = []
      const orders = await sqlTable({
        credentials: PG_URL,
        schema: SCHEMA,
        table: 'orders',
        writeDisposition: 'merge',
        incremental: dlt.incremental({
          cursorPath: 'updated_at',
          initialValue: '2024-01-01T12:00:00Z',
        }),
        queryAdapterCallback: (select) => {
          queries.push(select)
          return select
        },
      })
      const pipeline = temp.pipeline('pg_incremental', { datasetName: 'pg_incremental' })
      const dump = () =>
        pipeline
          .dataset()
          .query(
            `SELECT id, status, strftime(updated_at, '%Y-%m-%d') AS day FROM orders ORDER BY id`,
          )

      // run 1: from initialValue; row 1 is before it
      await pipeline.run(orders)
      expect(queries[0]!.where).toEqual([`"updated_at" >= '2024-01-01T12:00:00Z'`])
      expect(await dump()).toEqual([
        { id: 2, status: 'new', day: '2024-01-02' },
        { id: 3, status: 'new', day: '2024-01-03' },
      ])

      // run 2: row 2 changes, row 4 arrives at the boundary value, row 1 changes but stays old
      await pgExec(
        `UPDATE ${SCHEMA}.orders SET status = 'paid', updated_at = '2024-01-04T00:00:00Z' WHERE id = 2`,
        `UPDATE ${SCHEMA}.orders SET status = 'stale' WHERE id = 1`,
        `INSERT INTO ${SCHEMA}.orders VALUES (4, 'new', '2024-01-03T00:00:00Z')`,
      )
      const second = await pipeline.run(orders)
      expect(queries[1]!.where[0]).toMatch(
        /^"updated_at" >= '2024-01-03T00:00:00(\.000)?(Z|\+00:00)'$/,
      )
      expect(await dump()).toEqual([
        { id: 2, status: 'paid', day: '2024-01-04' },
        { id: 3, status: 'new', day: '2024-01-03' },
        { id: 4, status: 'new', day: '2024-01-03' },
      ])
      // row 3 sits at the boundary too but was loaded by run 1: de-duplicated, not read into the package
      expect(second.toString()).toMatch(/orders/)
      const [loads] = await pipeline
        .dataset()
        .query('SELECT count(*) AS n FROM orders WHERE id = 3')
      expect(loads).toEqual({ n: 1 })

      // run 3: nothing new, then one more change
      await pgExec(
        `UPDATE ${SCHEMA}.orders SET status = 'shipped', updated_at = '2024-01-05T00:00:00Z' WHERE id = 3`,
      )
      await pipeline.run(orders)
      expect(queries[2]!.where[0]).toMatch(/^"updated_at" >= '2024-01-04/)
      expect(await dump()).toEqual([
        { id: 2, status: 'paid', day: '2024-01-04' },
        { id: 3, status: 'shipped', day: '2024-01-05' },
        { id: 4, status: 'new', day: '2024-01-03' },
      ])
      const state = pipeline.state['sources'] as Record<string, any>
      expect(JSON.stringify(state)).toContain('2024-01-05')
    })

    it('pushes endValue, open ranges, min and rowOrder into the query', async () => {
      const queries: SqlSelect[] = []
      const capture = (select: SqlSelect) => {
        queries.push(select)
        return select
      }
      const backfill = await sqlTable({
        credentials: PG_URL,
        schema: SCHEMA,
        table: 'orders',
        name: 'orders_backfill',
        incremental: dlt.incremental({
          cursorPath: 'id',
          initialValue: 2,
          endValue: 4,
          rowOrder: 'asc',
        }),
        queryAdapterCallback: capture,
      })
      const pipeline = temp.pipeline('pg_backfill', { datasetName: 'pg_backfill' })
      await pipeline.run(backfill)
      expect(queries[0]).toMatchObject({ where: ['"id" >= 2 AND "id" < 4'], orderBy: ['"id" ASC'] })
      expect(await pipeline.dataset().query('SELECT id FROM orders_backfill ORDER BY id')).toEqual([
        { id: 2 },
        { id: 3 },
      ])

      const descending = await sqlTable({
        credentials: PG_URL,
        schema: SCHEMA,
        table: 'orders',
        name: 'orders_min',
        incremental: dlt.incremental({
          cursorPath: 'id',
          initialValue: 3,
          lastValueFunc: 'min',
          rangeStart: 'open',
          rowOrder: 'asc',
          onCursorValueMissing: 'exclude',
        }),
        queryAdapterCallback: capture,
      })
      await temp.pipeline('pg_min', { datasetName: 'pg_min' }).run(descending)
      expect(queries[1]).toMatchObject({
        where: ['"id" < 3', '"id" IS NOT NULL'],
        orderBy: ['"id" DESC'],
      })
    })
  },
)

describe.skipIf(mysqlSkipped)(
  `sql_table incremental on MariaDB${mysqlSkipped ? ` — skipped: ${mysqlSkipped}` : ''}`,
  () => {
    const DATABASE = uniqueName('incr')
    beforeAll(() =>
      mysqlExec(
        `CREATE DATABASE ${DATABASE}`,
        `CREATE TABLE ${DATABASE}.events (id INT PRIMARY KEY, note VARCHAR(20), at DATETIME(6) NOT NULL)`,
        `INSERT INTO ${DATABASE}.events VALUES (1, 'a', '2024-01-01 00:00:00'), (2, 'b', '2024-01-02 00:00:00.5')`,
      ),
    )
    afterAll(() => mysqlExec(`DROP DATABASE IF EXISTS ${DATABASE}`))

    it('merges over three runs with a DATETIME cursor', async () => {
      const events = await sqlTable({
        credentials: mysqlUrl(DATABASE),
        table: 'events',
        writeDisposition: 'merge',
        incremental: dlt.incremental({
          cursorPath: 'at',
          initialValue: new Date('2024-01-01T12:00:00Z'),
        }),
      })
      const pipeline = temp.pipeline('maria_incremental', { datasetName: 'maria_incremental' })
      const dump = () => pipeline.dataset().query('SELECT id, note FROM events ORDER BY id')
      await pipeline.run(events)
      expect(await dump()).toEqual([{ id: 2, note: 'b' }])
      await mysqlExec(
        `UPDATE ${DATABASE}.events SET note = 'b2' WHERE id = 2`,
        `INSERT INTO ${DATABASE}.events VALUES (3, 'c', '2024-01-03 00:00:00')`,
      )
      await pipeline.run(events)
      // row 2 is at the boundary and was loaded: its change without a newer cursor is not read again
      expect(await dump()).toEqual([
        { id: 2, note: 'b' },
        { id: 3, note: 'c' },
      ])
      await mysqlExec(
        `UPDATE ${DATABASE}.events SET note = 'b3', at = '2024-01-04 00:00:00' WHERE id = 2`,
      )
      await pipeline.run(events)
      expect(await dump()).toEqual([
        { id: 2, note: 'b3' },
        { id: 3, note: 'c' },
      ])
    })
  },
)
