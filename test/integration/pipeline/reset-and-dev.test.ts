/**
 * Ways out of a pipeline's past: `drop()` (the working directory), `sync()` (state from the
 * destination), `refresh` on the pipeline and `devMode` (a fresh dataset per instance).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { countRows, createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

const requests: unknown[] = []
const events = (ids: number[]) =>
  dlt.resource(
    function* ({ incremental }) {
      requests.push(incremental?.lastValue)
      yield ids.map((id) => ({ id }))
    },
    { name: 'events', incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }) },
  )
const count = countRows

describe('resetting a pipeline', () => {
  it('drop() removes the working directory; state comes back from the destination', async () => {
    const pipeline = temp.pipeline('dropped')
    await pipeline.run(events([1, 2, 3]))
    await pipeline.drop()
    expect(existsSync(pipeline.workingDir)).toBe(false)
    requests.length = 0
    await pipeline.run(events([1, 2, 3, 4]))
    expect(requests).toEqual([3]) // the cursor was restored, not reset
    expect(await count(pipeline, 'events')).toBe(4)
  })

  it('refresh on the pipeline resets the cursor the destination would restore', async () => {
    await temp.pipeline('refreshed').run(events([1, 2, 3]))
    const fresh = temp.pipeline('refreshed', { refresh: 'drop_data' })
    requests.length = 0
    await fresh.run(events([1, 2]))
    expect(requests).toEqual([0])
    expect(await count(fresh, 'events')).toBe(2)
    // refresh: false runs once without the pipeline's refresh: the cursor and rows stay
    requests.length = 0
    await fresh.run(events([1, 2, 3]), { refresh: false })
    expect(requests).toEqual([2])
    expect(await count(fresh, 'events')).toBe(3)
  })

  it('sync() takes a newer state from the destination', async () => {
    const one = temp.pipeline('shared', { pipelinesDir: join(temp.dir, 'one') })
    const two = temp.pipeline('shared', { pipelinesDir: join(temp.dir, 'two') })
    await one.run(events([1]))
    await two.run(events([1])) // restores one's state on its first run
    await one.run(events([1, 2, 3]))
    expect(two.state._state_version).toBeLessThan(one.state._state_version)
    expect(await two.sync()).toBe(true)
    expect(two.state._version_hash).toBe(one.state._version_hash)
    expect(await two.sync()).toBe(false)
  })

  it('devMode loads into a dataset of its own and starts from an empty working directory', async () => {
    const first = temp.pipeline('dev')
    await first.run(events([1, 2]))
    const dev = temp.pipeline('dev', { devMode: true })
    expect(dev.datasetName).toMatch(/^data_\d{14}$/)
    expect(dev.state._state_version).toBe(0)
    requests.length = 0
    await dev.run(events([1]))
    expect(requests).toEqual([0])
    expect(await count(dev, 'events')).toBe(1)
    expect(await count(first, 'events')).toBe(2)
  })
})
