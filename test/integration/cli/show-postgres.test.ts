/**
 * The CLI and the pipeline browser's endpoints on a real PostgreSQL: a pipeline opened by name
 * takes its credentials from configuration, rows page through the dataset, and the SQL box's
 * subquery wrapping makes PostgreSQL itself refuse a data-modifying WITH. Skipped, saying why,
 * without a server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPipeline } from '../../../src/cli/pipeline/open-pipeline.js'
import { readOnlyQuery } from '../../../src/cli/show/read-only-sql.js'
import { type ShowServer, startShowServer } from '../../../src/cli/show/show-server.js'
import * as dlt from '../../../src/index.js'
import { runCli } from '../../support/run-cli.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'
import {
  adminQuery,
  findPostgres,
  PG_CONNECTION_STRING,
  testDatasetName,
} from '../destinations/postgres-test-server.js'

const unavailable = await findPostgres()
if (unavailable) console.warn(`show-postgres.test.ts skipped: ${unavailable}`)

describe.skipIf(unavailable)('show and pipeline commands on PostgreSQL', () => {
  const dataset = testDatasetName('cli')
  const saved = process.env['DESTINATION__POSTGRES__CREDENTIALS']
  let temp: TempPipelineDir
  let server: ShowServer

  beforeAll(async () => {
    temp = createTempPipelineDir('dlt-ts-show-pg-')
    process.env['DESTINATION__POSTGRES__CREDENTIALS'] = PG_CONNECTION_STRING
    const pipeline = dlt.pipeline({
      pipelineName: 'pg_show',
      destination: 'postgres',
      datasetName: dataset,
      pipelinesDir: temp.pipelinesDir,
    })
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, tags: [`t${i}`] }))
    await pipeline.run(rows, { tableName: 'items' })
    server = await startShowServer(openPipeline('pg_show', temp.pipelinesDir))
  })

  afterAll(async () => {
    await server?.close()
    await adminQuery(`drop schema if exists ${dataset} cascade`)
    if (saved === undefined) delete process.env['DESTINATION__POSTGRES__CREDENTIALS']
    else process.env['DESTINATION__POSTGRES__CREDENTIALS'] = saved
    temp?.cleanup()
  })

  it('shows info and pages rows through the destination', async () => {
    const info = await runCli('pipeline', 'pg_show', 'info', '--pipelines-dir', temp.pipelinesDir)
    expect(info.out).toContain(`destination: postgres, dataset: ${dataset}`)
    const url = new URL('/api/rows?table=items&offset=20&limit=10', server.url)
    const page = (await (await fetch(url)).json()) as { rows: unknown[] }
    expect(page).toMatchObject({ total: 25, offset: 20 })
    expect(page.rows).toHaveLength(5)
    const loads = await (await fetch(new URL('/api/loads', server.url))).json()
    expect(loads).toHaveLength(1)
    const recent = await (await fetch(new URL('/api/recent-loads', server.url))).json()
    expect(recent).toEqual([expect.objectContaining({ rowCounts: { items: 25 } })])
  })

  it('runs reads; PostgreSQL itself refuses a data-modifying WITH inside the wrapper', async () => {
    const response = await fetch(new URL('/api/query', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'select count(*) as n from items__tags' }),
    })
    expect(await response.json()).toMatchObject({ rows: [{ n: 25 }] })
    // even if the keyword check were fooled, the subquery cannot hold a data-modifying WITH
    const pipeline = openPipeline('pg_show', temp.pipelinesDir)
    const wrapped = readOnlyQuery('select * from items', 10).replace(
      'select * from items',
      'with d as (delete from items returning id) select * from d',
    )
    await expect(pipeline.dataset().query(wrapped)).rejects.toThrow(/top level/)
    expect(await pipeline.dataset().query('select count(*) as n from items')).toEqual([{ n: 25 }])
  })
})
