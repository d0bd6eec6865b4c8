/**
 * The pipeline browser's data endpoints on the filesystem destination: a pipeline opened by name
 * takes its bucket from configuration, and rows, loads with row counts and queries come back
 * through `dataset()` (DuckDB over the files).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPipeline } from '../../../src/cli/pipeline/open-pipeline.js'
import { type ShowServer, startShowServer } from '../../../src/cli/show/show-server.js'
import * as dlt from '../../../src/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
let server: ShowServer
const saved = process.env['DESTINATION__FILESYSTEM__BUCKET_URL']

beforeAll(async () => {
  temp = createTempPipelineDir('dlt-ts-show-fs-')
  process.env['DESTINATION__FILESYSTEM__BUCKET_URL'] = join(temp.dir, 'bucket')
  const pipeline = dlt.pipeline({
    pipelineName: 'files',
    destination: 'filesystem',
    datasetName: 'files_data',
    pipelinesDir: temp.pipelinesDir,
  })
  const rows = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, tags: ['a'] }))
  await pipeline.run(rows, { tableName: 'items', primaryKey: 'id' })
  server = await startShowServer(openPipeline('files', temp.pipelinesDir))
})

afterAll(async () => {
  await server?.close()
  if (saved === undefined) delete process.env['DESTINATION__FILESYSTEM__BUCKET_URL']
  else process.env['DESTINATION__FILESYSTEM__BUCKET_URL'] = saved
  temp?.cleanup()
})

const getJson = async (path: string, init?: RequestInit) =>
  (await (await fetch(new URL(path, server.url), init)).json()) as any

describe('show on the filesystem destination', () => {
  it('pages rows, counts loads and runs queries over the files', async () => {
    const page = await getJson('/api/rows?table=items&offset=25&limit=10')
    expect(page).toMatchObject({ total: 30, offset: 25 })
    expect(page.rows.map((row: { id: number }) => row.id)).toEqual([26, 27, 28, 29, 30])
    expect(await getJson('/api/recent-loads')).toEqual([
      expect.objectContaining({ rowCounts: { items: 30 } }),
    ])
    const query = await getJson('/api/query', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'select count(*) as n from items__tags' }),
    })
    expect(query.rows).toEqual([{ n: 30 }])
  })
})
