/**
 * The pipeline reads dlt's configuration: destination credentials and runtime settings from
 * environment variables (the same keys work in `.dlt/*.toml`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
const saved = { ...process.env }
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => {
  process.env = { ...saved }
  temp.cleanup()
})

describe('configuration', () => {
  it('takes DuckDB credentials from DESTINATION__DUCKDB__CREDENTIALS, pipeline-scoped first', async () => {
    const file = join(temp.dir, 'from-env.duckdb')
    process.env['DESTINATION__DUCKDB__CREDENTIALS'] = join(temp.dir, 'unscoped.duckdb')
    process.env['CONFIGURED__DESTINATION__DUCKDB__CREDENTIALS'] = file
    const pipeline = dlt.pipeline({
      pipelineName: 'configured',
      destination: 'duckdb',
      pipelinesDir: temp.pipelinesDir,
    })
    await pipeline.run([{ id: 1 }], { tableName: 'items' })
    expect(existsSync(file)).toBe(true)
    expect(existsSync(join(temp.dir, 'unscoped.duckdb'))).toBe(false)
  })

  it('writes files for destination "filesystem" to DESTINATION__FILESYSTEM__BUCKET_URL', async () => {
    const bucket = join(temp.dir, 'bucket')
    process.env['DESTINATION__FILESYSTEM__BUCKET_URL'] = bucket
    const pipeline = dlt.pipeline({
      pipelineName: 'files',
      destination: 'filesystem',
      datasetName: 'lake',
      pipelinesDir: temp.pipelinesDir,
    })
    await pipeline.run([{ id: 1 }], { tableName: 'items' })
    expect(readdirSync(join(bucket, 'lake', 'items'))).toHaveLength(1)
    expect(await pipeline.dataset().rows('items')).toMatchObject([{ id: 1 }])
  })

  it('asks for the bucket URL when "filesystem" has none', async () => {
    const pipeline = dlt.pipeline({
      pipelineName: 'no_bucket',
      destination: 'filesystem',
      pipelinesDir: temp.pipelinesDir,
    })
    await expect(pipeline.run([{ id: 1 }], { tableName: 'items' })).rejects.toThrow(
      /DESTINATION__FILESYSTEM__BUCKET_URL/,
    )
  })

  it('rotates loader files by NORMALIZE__DATA_WRITER__FILE_MAX_ITEMS', async () => {
    process.env['NORMALIZE__DATA_WRITER__FILE_MAX_ITEMS'] = '10'
    const pipeline = temp.pipeline('rotating')
    const rows = Array.from({ length: 35 }, (_, id) => ({ id }))
    const info = await pipeline.run(rows, { tableName: 'items' })
    // DuckDB loads a table's files in one job: four files, one INSERT
    const jobs = info.loadPackages[0]!.jobs.filter((job) => job.table === 'items')
    expect(jobs).toHaveLength(1)
    expect(jobs[0]!.fileNames).toHaveLength(4)
    expect(jobs[0]!.rows).toBe(35)
    expect(info.rowCounts['items']).toBe(35)
    const loaded = join(pipeline.workingDir, 'load', 'loaded')
    expect(readdirSync(loaded)).toHaveLength(1)
  })

  it('rotates extracted and loader files by DATA_WRITER__FILE_MAX_BYTES', async () => {
    process.env['DATA_WRITER__FILE_MAX_BYTES'] = '150'
    const pipeline = temp.pipeline('rotating_bytes')
    const rows = Array.from({ length: 10 }, (_, id) => ({ id, text: 'x'.repeat(40) }))
    await pipeline.extract(rows, { tableName: 'items' })
    const [loadId] = pipeline.pendingPackages().extracted
    expectRotatedAt(150, join(pipeline.workingDir, 'normalize', 'extracted', loadId!, 'new_jobs'))
    await pipeline.normalize()
    expectRotatedAt(150, join(pipeline.workingDir, 'load', 'normalized', loadId!, 'new_jobs'))
    const info = await pipeline.load()
    expect(info.loadPackages[0]!.jobs.find((job) => job.table === 'items')!.rows).toBe(10)
  })

  it('reports a bad setting naming its key', async () => {
    process.env['EXTRACT__WORKERS'] = 'many'
    const pipeline = temp.pipeline('bad_setting')
    await expect(pipeline.run([{ id: 1 }], { tableName: 'items' })).rejects.toThrow(/workers/)
  })
})

/** The `items` files in `folder` hold 10 lines, each file closed once it reached `maxBytes`. */
function expectRotatedAt(maxBytes: number, folder: string): void {
  const files = readdirSync(folder)
    .filter((file) => file.startsWith('items.'))
    .map((file) => readFileSync(join(folder, file), 'utf8'))
    .sort((a, b) => b.length - a.length)
  expect(files.length).toBeGreaterThan(2)
  expect(files.reduce((lines, text) => lines + text.split('\n').length - 1, 0)).toBe(10)
  // every file but the last reached the limit only with its last line
  for (const text of files.slice(0, -1)) {
    const lastLine = text.slice(text.lastIndexOf('\n', text.length - 2) + 1)
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(maxBytes)
    expect(Buffer.byteLength(text) - Buffer.byteLength(lastLine)).toBeLessThan(maxBytes)
  }
}
