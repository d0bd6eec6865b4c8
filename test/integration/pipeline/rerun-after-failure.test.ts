/**
 * Re-running a script after a failed run: the new run's contract settles the pending package, and
 * data that a failed run already extracted is loaded once, not twice.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { countRows, createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

const count = countRows

describe('a run after a failed run', () => {
  it('settles a package that broke the contract with the contract of the next run', async () => {
    const pipeline = temp.pipeline('contract_switch')
    const items = (schemaContract: dlt.SchemaContract) =>
      dlt.resource(() => [{ id: 2, extra: 'new column' }], { name: 'items', schemaContract })
    await pipeline.run([{ id: 1 }], { tableName: 'items' })

    const frozen = await pipeline.run(items('freeze')).catch((error) => error)
    expect(frozen).toBeInstanceOf(dlt.PipelineStepFailed)
    expect(frozen.step).toBe('normalize')
    expect(frozen.message).toMatch(/apply to pending packages too/)
    const [pendingId] = pipeline.pendingPackages().extracted

    // an unrelated run cannot settle it: it fails the same way and keeps its own data pending
    const unrelated = await pipeline
      .run([{ id: 1 }], { tableName: 'other' })
      .catch((error) => error)
    expect(unrelated).toBeInstanceOf(dlt.PipelineStepFailed)
    expect(unrelated.loadId).toBe(pendingId)
    expect(pipeline.pendingPackages().extracted).toHaveLength(2)

    // the user switches the contract and runs the script again
    const info = await pipeline.run(items('evolve'))
    expect(info.resumedLoadIds).toContain(pendingId)
    expect(info.notes.join('\n')).toMatch(new RegExp(`equals package ${pendingId}`))
    expect(await count(pipeline, 'items')).toBe(2)
    expect(await count(pipeline, 'other')).toBe(1)
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
  })

  it('loads data extracted again after a failed load once', async () => {
    const pipeline = temp.pipeline('rerun_load')
    const batch = (ids: number[]) => ids.map((id) => ({ id, name: `n${id}` }))
    await pipeline.run(batch([1, 2]), { tableName: 'items' })

    // the database cannot be opened: the load fails after extract and normalize
    renameSync(temp.dbPath, `${temp.dbPath}.away`)
    mkdirSync(temp.dbPath)
    const failed = await pipeline.run(batch([3, 4]), { tableName: 'items' }).catch((e) => e)
    expect(failed).toBeInstanceOf(dlt.PipelineStepFailed)
    expect(failed.step).toBe('load')
    const [pendingId] = pipeline.pendingPackages().normalized
    rmSync(temp.dbPath, { recursive: true })
    renameSync(`${temp.dbPath}.away`, temp.dbPath)

    // the same script runs again: the same rows are extracted again
    const info = await pipeline.run(batch([3, 4]), { tableName: 'items' })
    expect(info.resumedLoadIds).toEqual([pendingId])
    expect(info.loadPackages.map((p) => p.loadId)).toEqual([pendingId])
    expect(info.toString()).toMatch(/loaded once/)
    expect(await count(pipeline, 'items')).toBe(4)

    // other data after a failure is new data: both load
    renameSync(temp.dbPath, `${temp.dbPath}.away`)
    mkdirSync(temp.dbPath)
    await pipeline.run(batch([5]), { tableName: 'items' }).catch(() => undefined)
    rmSync(temp.dbPath, { recursive: true })
    renameSync(`${temp.dbPath}.away`, temp.dbPath)
    const next = await pipeline.run(batch([6]), { tableName: 'items' })
    expect(next.loadPackages).toHaveLength(2)
    expect(await count(pipeline, 'items')).toBe(6)
  })
})
