/**
 * Incremental loading end to end: an API-like resource over changing data, into DuckDB.
 */
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

interface Issue {
  id: number
  title: string
  updated_at: string
}

/** A fake API: returns every issue updated at or after `since`, as a real one would. */
function issuesResource(table: Issue[], requests: (string | undefined)[]) {
  return dlt.resource(
    async function* ({ incremental }) {
      const since = incremental?.lastValue as string | undefined
      requests.push(since)
      yield table.filter((issue) => since === undefined || issue.updated_at >= since)
    },
    {
      name: 'issues',
      primaryKey: 'id',
      writeDisposition: 'merge',
      incremental: dlt.incremental<Issue>({
        cursorPath: 'updated_at',
        initialValue: '2024-01-01T00:00:00Z',
      }),
    },
  )
}

const titles = async (pipeline: dlt.Pipeline) =>
  (await pipeline.dataset().query('select id, title from issues order by id')).map(
    (r) => `${r['id']}:${r['title']}`,
  )

describe('incremental loading', () => {
  it('loads only what is new over three runs, de-duplicating the boundary', async () => {
    const data: Issue[] = [
      { id: 1, title: 'a', updated_at: '2024-01-02T00:00:00Z' },
      { id: 2, title: 'b', updated_at: '2024-01-03T00:00:00Z' },
      { id: 0, title: 'old', updated_at: '2023-12-31T00:00:00Z' },
    ]
    const requests: (string | undefined)[] = []
    const pipeline = temp.pipeline('incremental')
    const first = await pipeline.run(issuesResource(data, requests))
    expect(first.rowCounts['issues']).toBe(2) // before initialValue: filtered out
    expect(await titles(pipeline)).toEqual(['1:a', '2:b'])

    // run 2: one new row, one row exactly at the boundary that was loaded already
    data.push({ id: 3, title: 'c', updated_at: '2024-01-03T00:00:00Z' })
    const second = await pipeline.run(issuesResource(data, requests))
    expect(requests[1]).toBe('2024-01-03T00:00:00Z')
    expect(second.rowCounts['issues']).toBe(1) // only id 3: id 2 at the boundary is de-duplicated
    expect(await titles(pipeline)).toEqual(['1:a', '2:b', '3:c'])

    // run 3: an update moves a row past the boundary; merge replaces it
    data[0] = { id: 1, title: 'a2', updated_at: '2024-01-05T00:00:00Z' }
    const third = await pipeline.run(issuesResource(data, requests))
    expect(third.rowCounts['issues']).toBe(1)
    expect(await titles(pipeline)).toEqual(['1:a2', '2:b', '3:c'])
    const state = pipeline.state.sources['incremental'] as {
      resources: { issues: { incremental: { updated_at: { last_value: string } } } }
    }
    expect(state.resources.issues.incremental.updated_at.last_value).toBe('2024-01-05T00:00:00Z')
  })

  it('resumes from the destination’s state when the working directory is gone', async () => {
    const data: Issue[] = [{ id: 1, title: 'a', updated_at: '2024-02-01T00:00:00Z' }]
    const requests: (string | undefined)[] = []
    const pipeline = temp.pipeline('incremental_restore')
    await pipeline.run(issuesResource(data, requests))
    rmSync(pipeline.workingDir, { recursive: true, force: true })
    const fresh = temp.pipeline('incremental_restore')
    data.push({ id: 2, title: 'b', updated_at: '2024-02-02T00:00:00Z' })
    const info = await fresh.run(issuesResource(data, requests))
    expect(requests).toEqual(['2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'])
    expect(info.rowCounts['issues']).toBe(1)
    expect(await titles(fresh)).toEqual(['1:a', '2:b'])
  })

  it('does not advance the cursor when the run fails', async () => {
    const pipeline = temp.pipeline('incremental_fail')
    const data: Issue[] = [{ id: 1, title: 'a', updated_at: '2024-03-01T00:00:00Z' }]
    const requests: (string | undefined)[] = []
    await pipeline.run(issuesResource(data, requests))
    const failing = dlt.resource(
      async function* () {
        yield { id: 2, title: 'b', updated_at: '2024-03-09T00:00:00Z' }
        throw new Error('connection reset')
      },
      {
        name: 'issues',
        incremental: dlt.incremental({ cursorPath: 'updated_at', initialValue: '2024-01-01' }),
      },
    )
    await expect(pipeline.run(failing)).rejects.toThrow(/Resource "issues".*connection reset/)
    await pipeline.run(issuesResource(data, requests))
    expect(requests.at(-1)).toBe('2024-03-01T00:00:00Z')
    expect(await titles(pipeline)).toEqual(['1:a'])
  })

  it('backfills a closed range without touching the state (endValue)', async () => {
    const pipeline = temp.pipeline('backfill')
    const rows = [1, 2, 3, 4, 5].map((n) => ({ id: n, n }))
    const backfill = dlt.resource(() => rows, {
      name: 'numbers',
      incremental: dlt.incremental({ cursorPath: 'n', initialValue: 2, endValue: 4 }),
    })
    await pipeline.run(backfill)
    expect(
      (await pipeline.dataset().query('select n from numbers order by n')).map((r) => r['n']),
    ).toEqual([2, 3])
    const sourceState = pipeline.state.sources['backfill'] as { resources?: unknown } | undefined
    expect(JSON.stringify(sourceState ?? {})).not.toContain('last_value')
  })
})
