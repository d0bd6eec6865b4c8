/**
 * @module Conformance topic: what lands in dlt's system tables over a sequence of runs — a row in
 * `_dlt_loads` per package with something to load, in `_dlt_version` per new schema version, in
 * `_dlt_pipeline_state` per state change — and a state without entries for resources that never
 * used theirs, as dlt 1.26 writes them (issue #15, point 7).
 */
import { describe, expect } from 'vitest'
import * as dlt from '../../../../src/index.js'
import type { ConformanceTopic } from './suite-context.js'

export const SYSTEM_TABLES_CASES = ['system-table-rows'] as const

export const systemTables: ConformanceTopic = ({ pipelineFor, textRows, test }) => {
  describe('system tables as dlt 1.26', () => {
    test(
      'system-table-rows',
      'a package, a schema version and a state row only when there is something new',
      async () => {
        const { pipeline } = pipelineFor('system_table_rows')
        const items = (rows: Record<string, unknown>[]) =>
          dlt.resource(
            function* () {
              yield* rows
            },
            { name: 'items' },
          )
        const events = (ids: number[]) =>
          dlt.resource(
            function* () {
              for (const id of ids) yield { id }
            },
            { name: 'events', incremental: dlt.incremental({ cursorPath: 'id' }) },
          )
        const counts = async () => {
          const [row] = await textRows(
            pipeline,
            'SELECT ' +
              '(SELECT CAST(COUNT(*) AS VARCHAR) FROM _dlt_loads) AS loads, ' +
              '(SELECT CAST(COUNT(*) AS VARCHAR) FROM _dlt_version) AS versions, ' +
              '(SELECT CAST(COUNT(*) AS VARCHAR) FROM _dlt_pipeline_state) AS states',
          )
          return [row?.['loads'], row?.['versions'], row?.['states']].map(Number)
        }
        await pipeline.run(items([{ id: 1 }, { id: 2 }]))
        expect(await counts(), 'first run').toEqual([1, 1, 1])
        await pipeline.run(items([{ id: 3 }]))
        expect(await counts(), 'same schema, same state').toEqual([2, 1, 1])
        const empty = await pipeline.run(items([]))
        expect(empty.loadPackages, 'no rows, no state change: no package').toEqual([])
        expect(await counts(), 'nothing new').toEqual([2, 1, 1])
        await pipeline.run(items([{ id: 4, extra: 'x' }]))
        expect(await counts(), 'a new column').toEqual([3, 2, 1])
        await pipeline.run(events([1, 2]))
        expect(await counts(), 'a cursor moved').toEqual([4, 3, 2])
        await pipeline.run(events([1, 2]))
        expect(await counts(), 'nothing new past the cursor').toEqual([4, 3, 2])

        // dlt keeps no state for resources that never used theirs
        const resources = (pipeline.state.sources as Record<string, { resources?: object }>)[
          'suite_system_table_rows'
        ]?.resources
        expect(Object.keys(resources ?? {})).toEqual(['events'])
      },
    )
  })
}
