/**
 * @module Conformance topic: `refresh` as dlt's (issue #18 point 3): the tables of what is run
 * are dropped or emptied at the destination in the load, their state is wiped, and the other
 * resources' tables stay as they were.
 */
import { describe, expect } from 'vitest'
import * as dlt from '../../../../src/index.js'
import type { ConformanceTopic } from './suite-context.js'

export const REFRESH_CASES = [
  'refresh-drop-data',
  'refresh-drop-resources',
  'refresh-drop-sources',
] as const

/** An API-like resource: returns the ids at or past its cursor. */
function events(ids: number[], extra: Record<string, unknown> = {}) {
  return dlt.resource(
    function* ({ incremental }) {
      const since = Number(incremental?.lastValue ?? 0)
      for (const id of ids) if (id >= since) yield { id, ...extra }
    },
    { name: 'events', incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }) },
  )
}
const users = (ids: number[]) => dlt.resource(() => ids.map((id) => ({ id })), { name: 'users' })
const tracker = (resources: ReturnType<typeof events | typeof users>[]) =>
  dlt.source(() => resources, { name: 'tracker' })

export const refresh: ConformanceTopic = ({ pipelineFor, textRows, test }) => {
  const count = async (pipeline: dlt.Pipeline, table: string) =>
    Number(
      (await textRows(pipeline, `SELECT CAST(COUNT(*) AS VARCHAR) AS n FROM ${table}`))[0]?.['n'],
    )
  const tables = async (pipeline: dlt.Pipeline) => await pipeline.dataset().tables()
  const eventState = (pipeline: dlt.Pipeline) =>
    (pipeline.state.sources as Record<string, { resources?: Record<string, unknown> }>)['tracker']
      ?.resources?.['events']

  describe('refresh as dlt 1.26', () => {
    test(
      'refresh-drop-data',
      'drop_data empties the tables of the resources run and restarts their cursors',
      async () => {
        const { pipeline } = pipelineFor('refresh_drop_data')
        await pipeline.run(tracker([events([1, 2, 3], { tags: ['a'] }), users([1, 2])]))
        await pipeline.run(tracker([events([1, 2], { tags: ['a'] })]), { refresh: 'drop_data' })
        // without the reset the cursor (3) would have let nothing through
        expect(await count(pipeline, 'events')).toBe(2)
        expect(await count(pipeline, 'events__tags')).toBe(2)
        expect(await count(pipeline, 'users')).toBe(2)
        expect(pipeline.schema?.tables['events']?.columns['id']).toBeDefined()
      },
    )

    test(
      'refresh-drop-resources',
      'drop_resources drops the tables of the resources run, nested ones too',
      async () => {
        const { pipeline } = pipelineFor('refresh_drop_resources')
        await pipeline.run(tracker([events([1, 2], { old: 'x', tags: ['a'] }), users([1])]))
        await pipeline.run(tracker([events([1, 2], { fresh: 'y' })]), {
          refresh: 'drop_resources',
        })
        const after = await tables(pipeline)
        expect(after).not.toContain('events__tags')
        expect(after).toContain('users')
        const columns = Object.keys(pipeline.schema?.tables['events']?.columns ?? {})
        expect(columns).toContain('fresh')
        expect(columns).not.toContain('old')
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(id AS VARCHAR) AS id, fresh FROM events ORDER BY id',
          ),
        ).toEqual([
          { id: '1', fresh: 'y' },
          { id: '2', fresh: 'y' },
        ])
        expect(await count(pipeline, 'users')).toBe(1)
      },
    )

    test(
      'refresh-drop-sources',
      'drop_sources drops every table of the source and wipes its state',
      async () => {
        const { pipeline } = pipelineFor('refresh_drop_sources')
        await pipeline.run(tracker([events([1, 2]), users([1, 2])]))
        expect(eventState(pipeline)).toBeDefined()
        await pipeline.run(tracker([users([5])]), { refresh: 'drop_sources' })
        const after = await tables(pipeline)
        expect(after).not.toContain('events')
        expect(await count(pipeline, 'users')).toBe(1)
        expect(eventState(pipeline)).toBeUndefined()
        expect(Object.keys(pipeline.schema?.tables ?? {})).not.toContain('events')
      },
    )
  })
}
