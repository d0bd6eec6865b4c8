/**
 * Errors after faults say what really happened, and following their advice never duplicates or
 * loses rows.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
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

const count = countRows

describe('errors after faults', () => {
  it('says a package was committed when only moving it to load/loaded failed', async () => {
    const pipeline = temp.pipeline('move_fails')
    await pipeline.run([{ id: 0 }], { tableName: 'items' })
    // a file where the loaded-packages folder belongs: the move after the commit fails
    const loaded = join(pipeline.workingDir, 'load', 'loaded')
    rmSync(loaded, { recursive: true })
    writeFileSync(loaded, '')

    const error = await pipeline.run([{ id: 1 }], { tableName: 'items' }).catch((e) => e)
    expect(error).toBeInstanceOf(dlt.PipelineStepFailed)
    const cause = (error as Error).cause as dlt.LoadPackageError
    expect(cause).toBeInstanceOf(dlt.LoadPackageError)
    expect(cause.outcome).toBe('committed')
    expect(cause.message).toMatch(/WAS committed/)
    expect(cause.message).toMatch(/Do not drop the package/)
    expect(cause.message).not.toMatch(/Nothing of this package was committed/)
    expect(await count(pipeline, 'items')).toBe(2)

    // following the advice: fix the cause, run again
    rmSync(loaded)
    const info = await pipeline.run()
    expect(info.loadPackages.map((p) => p.alreadyLoaded)).toEqual([true])
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(await count(pipeline, 'items')).toBe(2)
  })

  it('keeps the real error when releasing the run lock fails', async () => {
    const pipeline = temp.pipeline('release_fails')
    const lock = join(pipeline.workingDir, '.lock')
    const failing = dlt.resource(
      function* () {
        yield { id: 1 }
        // the lock file is replaced by something that cannot be read or removed as a file
        rmSync(lock)
        mkdirSync(lock)
        throw new Error('the source broke')
      },
      { name: 'items' },
    )
    await expect(pipeline.run(failing)).rejects.toThrow(/the source broke/)
    rmSync(lock, { recursive: true })
  })

  it('lists a package resumed from two folders once', async () => {
    const pipeline = temp.pipeline('resumed_once')
    const loadId = (await pipeline.extract([{ id: 1 }], { tableName: 'items' })).loadId!
    await pipeline.normalize()
    // killed after the move to load/normalized, before the extracted copy was removed
    cpSync(
      join(pipeline.workingDir, 'load', 'normalized', loadId),
      join(pipeline.workingDir, 'normalize', 'extracted', loadId),
      { recursive: true },
    )
    const info = await pipeline.run()
    expect(info.resumedLoadIds).toEqual([loadId])
    expect(await count(pipeline, 'items')).toBe(1)
  })
})
