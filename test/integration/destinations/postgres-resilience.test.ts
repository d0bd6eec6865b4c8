/**
 * PostgreSQL destination under failure and contention, against a real server
 * (`postgres-test-server.ts`): a connection terminated by the server surfaces as a
 * `TransientError` and the package it was loading stays pending for the next run; pipelines that
 * create one new dataset at the same time all succeed. Every dataset is `test_<random>` and
 * dropped (with its `_staging` twin) in `afterAll`.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { TransientQueryError } from '../../../src/destinations/destination-errors.js'
import { postgres } from '../../../src/destinations/index.js'
import type { PostgresClient } from '../../../src/destinations/postgres/postgres-client.js'
import { PostgresDestination } from '../../../src/destinations/postgres/postgres-destination.js'
import { isTransientError } from '../../../src/errors/dlt-error.js'
import * as dlt from '../../../src/index.js'
import { notSelected } from './destination-suite.js'
import { createTempDir, type TempDir } from './destination-test-kit.js'
import {
  adminQuery,
  dropDatasets,
  findPostgres,
  PG_CONNECTION_STRING,
  testDatasetName,
} from './postgres-test-server.js'

const skipped = notSelected('postgres') ?? (await findPostgres())
const describePostgres = skipped ? describe.skip : describe

describePostgres(`PostgreSQL resilience${skipped ? ` — skipped: ${skipped}` : ''}`, () => {
  const datasets = new Set<string>()
  let temp: TempDir
  beforeAll(() => {
    temp = createTempDir('dlt-ts-postgres-resilience-')
  })
  afterAll(async () => {
    temp?.cleanup()
    await dropDatasets(datasets)
  })
  const newDataset = (label = '') => {
    const name = testDatasetName(label)
    datasets.add(name)
    return name
  }

  describe('dropped connections', () => {
    const clients: PostgresClient[] = []
    afterEach(async () => {
      for (const client of clients.splice(0)) await client.close()
    })
    const openClient = () => {
      const client = new PostgresDestination({ credentials: PG_CONNECTION_STRING }).createClient({
        pipelineName: 'pg_resilience',
        datasetName: newDataset(),
      })
      clients.push(client)
      return client
    }
    const backendPid = async (client: PostgresClient) =>
      Number((await client.query('SELECT pg_backend_pid() AS pid'))[0]!['pid'])

    it('raises a TransientError, cause kept, for a statement after the server ended the connection', async () => {
      const client = openClient()
      const pid = await backendPid(client)
      await adminQuery('SELECT pg_terminate_backend($1)', [pid])
      await waitFor(async () => !(await isBackendAlive(pid)))
      const error = await client.query('SELECT 1 AS one').catch((e: unknown) => e)
      expect(isTransientError(error)).toBe(true)
      expect(error).toBeInstanceOf(TransientQueryError)
      const transient = error as TransientQueryError
      expect(transient.code).toBe('57P01') // admin_shutdown
      expect(transient.sql).toBe('SELECT 1 AS one')
      expect(transient.cause).toBeInstanceOf(Error)
      expect((transient.cause as Error & { code?: string }).code).toBe('57P01')
      expect(transient.message).toContain('terminating connection due to administrator command')
      // close() discards the broken connection; the client then opens a new one.
      await client.close()
      expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }])
    })

    it('raises a TransientError when the server ends the connection during a statement', async () => {
      const client = openClient()
      const pid = await backendPid(client)
      const sleeping = client.query('SELECT pg_sleep(30)').catch((e: unknown) => e)
      await waitFor(async () => {
        const [row] = await adminQuery('SELECT query FROM pg_stat_activity WHERE pid = $1', [pid])
        return String(row?.['query']).startsWith('SELECT pg_sleep')
      })
      await adminQuery('SELECT pg_terminate_backend($1)', [pid])
      const error = (await sleeping) as TransientQueryError
      expect(error).toBeInstanceOf(TransientQueryError)
      expect(error.code).toBe('57P01')
      expect(error.sql).toBe('SELECT pg_sleep(30)')
      expect(error.dataset).toBe(client.config.datasetName)
      // Every later statement on the dead connection is transient too, until close().
      const next = await client.query('SELECT 1').catch((e: unknown) => e)
      expect(isTransientError(next)).toBe(true)
    })

    it('keeps the package pending when COPY loses its connection, and the next run loads it', async () => {
      const datasetName = newDataset('drop')
      const applicationName = `dlt_ts_drop_${randomBytes(4).toString('hex')}`
      const credentials = new URL(PG_CONNECTION_STRING)
      credentials.searchParams.set('application_name', applicationName)
      const pipeline = dlt.pipeline({
        pipelineName: 'pg_dropped_copy',
        destination: postgres({ credentials: credentials.toString() }),
        datasetName,
        pipelinesDir: temp.dir,
      })
      // The first run creates the dataset and the local state: the next run connects only to load.
      await pipeline.run([{ id: -1, name: 'first' }], { tableName: 'items' })
      const ROWS = 200_000
      const running = pipeline.run(manyRows(ROWS), { tableName: 'items' }).then(
        () => undefined,
        (e: unknown) => e,
      )
      const killed = await terminateCopy(applicationName, running)
      const error = await running
      expect(killed).toBe(true)
      expect(error).toBeInstanceOf(Error)
      const transient = causes(error).find(isTransientError)
      expect(transient).toBeInstanceOf(TransientQueryError)
      expect((transient as TransientQueryError).sql).toMatch(/^COPY .*"items"/)
      expect((transient as TransientQueryError).table).toBe('items')
      const pending = pipeline.pendingPackages().normalized
      expect(pending).toHaveLength(1)
      const count = async () =>
        (await adminQuery(`SELECT count(*)::int AS n FROM "${datasetName}".items`))[0]!['n']
      expect(await count()).toBe(1)

      const info = await pipeline.run()
      expect(info.resumedLoadIds).toEqual(pending)
      expect(pipeline.pendingPackages().normalized).toEqual([])
      expect(await count()).toBe(ROWS + 1)
      const loads = await adminQuery(
        `SELECT load_id FROM "${datasetName}"._dlt_loads WHERE load_id = $1`,
        [pending[0]],
      )
      expect(loads).toHaveLength(1)
    })
  })

  describe('concurrent creation of one dataset', () => {
    it('lets five pipelines create and load one new dataset at the same time', async () => {
      const datasetName = newDataset('race')
      const names = ['a', 'b', 'c', 'd', 'e'].map((suffix) => `pg_race_${suffix}`)
      const runs = names.map((pipelineName, index) =>
        dlt
          .pipeline({
            pipelineName,
            destination: postgres({ credentials: PG_CONNECTION_STRING }),
            datasetName,
            pipelinesDir: temp.dir,
          })
          .run(
            [
              { id: index, pipeline: pipelineName, tags: ['x', 'y'] },
              { id: index + 100, pipeline: pipelineName, tags: [] },
            ],
            { tableName: 'items' },
          ),
      )
      const results = await Promise.allSettled(runs)
      expect(results.filter((result) => result.status === 'rejected')).toEqual([])
      const rows = await adminQuery(
        `SELECT pipeline, count(*)::int AS n FROM "${datasetName}".items GROUP BY pipeline ORDER BY pipeline`,
      )
      expect(rows).toEqual(names.map((pipeline) => ({ pipeline, n: 2 })))
      const tags = await adminQuery(`SELECT count(*)::int AS n FROM "${datasetName}".items__tags`)
      expect(tags).toEqual([{ n: 10 }])
      const loads = await adminQuery(`SELECT count(*)::int AS n FROM "${datasetName}"._dlt_loads`)
      expect(loads).toEqual([{ n: 5 }])
    })
  })
})

/** `error` and the errors of its `cause` chain. */
function causes(error: unknown): unknown[] {
  const out: unknown[] = []
  for (let current = error; current instanceof Error; current = current.cause) out.push(current)
  return out
}

async function isBackendAlive(pid: number): Promise<boolean> {
  return (await adminQuery('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).length > 0
}

/** Polls `condition` every 10 ms, for at most 10 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Terminates the backend of `applicationName` as soon as it runs a `COPY`, polling until `done`
 * settles. Returns whether it terminated one.
 */
async function terminateCopy(applicationName: string, done: Promise<unknown>): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_CONNECTION_STRING })
  await admin.connect()
  let settled = false
  void done.finally(() => {
    settled = true
  })
  try {
    while (!settled) {
      const { rows } = await admin.query(
        'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity ' +
          "WHERE application_name = $1 AND state = 'active' AND query LIKE 'COPY %'",
        [applicationName],
      )
      if (rows.some((row) => row['killed'] === true)) return true
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return false
  } finally {
    await admin.end()
  }
}

function* manyRows(count: number): Generator<{ id: number; name: string }> {
  for (let id = 0; id < count; id++) yield { id, name: `row ${id}` }
}
