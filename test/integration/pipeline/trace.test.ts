/**
 * The trace of a run: per-step times and counts in `LoadInfo` and in `pipeline.lastTrace`, kept
 * in the working directory, with the error when a run fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

describe('traces', () => {
  it('record each step with its times, packages and rows', async () => {
    const pipeline = temp.pipeline('traced')
    const rows = Array.from({ length: 20 }, (_, id) => ({ id, tags: ['a', 'b'] }))
    const info = await pipeline.run(rows, { tableName: 'items' })
    expect(info.steps.map((step) => step.step)).toEqual(['sync', 'extract', 'normalize', 'load'])
    const [, extract, normalize, load] = info.steps
    expect(extract?.rowCounts['items']).toBe(20)
    expect(normalize?.rowCounts['items__tags']).toBe(40)
    expect(load?.rowCounts['items']).toBe(20)
    expect(load?.loadIds).toEqual([info.loadPackages[0]?.loadId])
    const total = info.finishedAt.getTime() - info.startedAt.getTime()
    for (const step of info.steps) {
      expect(step.durationMs).toBeGreaterThanOrEqual(0)
      expect(step.durationMs).toBeLessThanOrEqual(total)
      expect(Date.parse(step.finishedAt) - Date.parse(step.startedAt)).toBe(step.durationMs)
    }
    expect(info.toString()).toMatch(
      new RegExp(`load step completed in ${(load!.durationMs / 1000).toFixed(2)} s`),
    )
    expect(info.toString()).toMatch(/Steps: extract [\d.]+ s, normalize [\d.]+ s, load [\d.]+ s/)

    // kept in the working directory: another instance reads it
    const trace = temp.pipeline('traced').lastTrace
    expect(trace?.steps).toEqual(JSON.parse(JSON.stringify(info.steps)))
    expect(trace?.error).toBeUndefined()
  })

  it('keeps the error and the failed step of a failed run', async () => {
    const pipeline = temp.pipeline('traced_failure')
    const failing = dlt.resource(
      function* () {
        yield { id: 1 }
        throw new Error('the API went away')
      },
      { name: 'items' },
    )
    await expect(pipeline.run(failing)).rejects.toThrow(/the API went away/)
    const trace = pipeline.lastTrace
    expect(trace?.error).toMatch(/the API went away/)
    expect(trace?.steps.at(-1)).toMatchObject({
      step: 'extract',
      error: expect.stringMatching(/went away/),
      failure: { loadId: expect.stringMatching(/^\d+\.\d+$/) },
    })
  })
})
