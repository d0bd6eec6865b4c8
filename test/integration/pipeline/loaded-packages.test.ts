/**
 * What a loaded package leaves in the working directory (dlt's `load.delete_completed_jobs`) and in
 * the staging dataset (`load.truncate_staging_dataset`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type * as dlt from '../../../src/index.js'
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

const rows = Array.from({ length: 50 }, (_, id) => ({ id, tags: ['a', 'b'] }))

function loadedPackage(pipeline: dlt.Pipeline, loadId: string): string[] {
  return readdirSync(join(pipeline.workingDir, 'load', 'loaded', loadId), { recursive: true })
    .map(String)
    .sort()
}

describe('loaded packages', () => {
  it('keep their schema and state but not their job files, by default', async () => {
    const pipeline = temp.pipeline('delete_jobs')
    const info = await pipeline.run(rows, { tableName: 'items' })
    const files = loadedPackage(pipeline, info.loadPackages[0]!.loadId)
    expect(files).toEqual(
      expect.arrayContaining(['load_package_state.json', 'pipeline_state.json', 'schema.json']),
    )
    expect(files.filter((file) => file.includes('jobs'))).toEqual([])
    // when it was committed
    const state = JSON.parse(
      readFileSync(
        join(
          pipeline.workingDir,
          'load',
          'loaded',
          info.loadPackages[0]!.loadId,
          'load_package_state.json',
        ),
        'utf8',
      ),
    )
    expect(Date.parse(state.loadedAt)).toBeGreaterThanOrEqual(info.startedAt.getTime())
  })

  it('keep their job files with LOAD__DELETE_COMPLETED_JOBS=false', async () => {
    process.env['KEEP_JOBS__LOAD__DELETE_COMPLETED_JOBS'] = 'false'
    const pipeline = temp.pipeline('keep_jobs')
    const info = await pipeline.run(rows, { tableName: 'items' })
    const jobs = loadedPackage(pipeline, info.loadPackages[0]!.loadId).filter((file) =>
      file.startsWith(join('new_jobs', 'items')),
    )
    expect(jobs.length).toBe(2) // items and items__tags
  })

  it('empty the staging tables with LOAD__TRUNCATE_STAGING_DATASET=true', async () => {
    const stagingRows = async (pipeline: dlt.Pipeline) =>
      Number(
        (await pipeline.dataset().query('select count(*) as n from data_staging.items'))[0]!['n'],
      )
    const merge = { tableName: 'items', writeDisposition: 'merge', primaryKey: 'id' } as const
    const kept = temp.pipeline('staging_kept')
    await kept.run(rows, merge)
    expect(await stagingRows(kept)).toBe(50) // dlt's default keeps them

    process.env['STAGING_EMPTIED__LOAD__TRUNCATE_STAGING_DATASET'] = 'true'
    const emptied = temp.pipeline('staging_emptied', { datasetName: 'data' })
    await emptied.run(rows, merge)
    expect(await stagingRows(emptied)).toBe(0)
    expect(
      Number((await emptied.dataset().query('select count(*) as n from data.items'))[0]!['n']),
    ).toBe(50)
    expect(existsSync(emptied.workingDir)).toBe(true)
  })
})
