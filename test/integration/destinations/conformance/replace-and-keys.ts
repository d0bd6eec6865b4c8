/**
 * @module Conformance topic: what `replace` does to a resource's state, and how the keys given to
 * a run replace a resource's earlier ones — as dlt 1.26 does both (issue #15, points 1 and 2).
 */
import { describe, expect } from 'vitest'
import * as dlt from '../../../../src/index.js'
import type { ConformanceTopic } from './suite-context.js'

export const REPLACE_AND_KEYS_CASES = [
  'replace-resets-state',
  'run-keys-replace',
  'replace-without-rows',
] as const

export const replaceAndKeys: ConformanceTopic = ({ pipelineFor, textRows, test }) => {
  describe('replace and keys as dlt 1.26', () => {
    test(
      'replace-resets-state',
      'a replace resource with a cursor starts from initialValue on every run',
      async () => {
        const { pipeline } = pipelineFor('replace_resets_state')
        const requests: unknown[] = []
        const events = dlt.resource(
          function* ({ incremental }) {
            requests.push(incremental?.lastValue)
            yield [1, 2, 3].map((id) => ({ id, name: `e${id}` }))
          },
          {
            name: 'events',
            writeDisposition: 'replace',
            incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }),
          },
        )
        await pipeline.run(events)
        await pipeline.run(events)
        // dlt resets the state of a replace resource: the table is refilled, not emptied
        expect(requests).toEqual([0, 0])
        expect(
          await textRows(pipeline, 'SELECT CAST(id AS VARCHAR) AS id FROM events ORDER BY id'),
        ).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }])
      },
    )

    test(
      'replace-without-rows',
      'a replace resource without rows empties every table it wrote, named per item too',
      async () => {
        const { pipeline } = pipelineFor('replace_without_rows')
        const byKind = (rows: { id: number; kind: string }[]) =>
          dlt.resource(() => rows, {
            name: 'by_kind',
            writeDisposition: 'replace',
            tableName: (row: { kind: string }) => `${row.kind}_items`,
          })
        const marked = (rows: { id: number; kind: string }[]) =>
          dlt.resource(
            function* () {
              for (const row of rows) yield dlt.mark.withTableName(row, `${row.kind}_marked`)
            },
            { name: 'marked', writeDisposition: 'replace' },
          )
        const rows = [
          { id: 1, kind: 'a', tags: ['x'] },
          { id: 2, kind: 'b', tags: ['y'] },
        ]
        await pipeline.run([byKind(rows), marked(rows)])
        const count = async (table: string) =>
          (await textRows(pipeline, `SELECT CAST(COUNT(*) AS VARCHAR) AS n FROM ${table}`))[0]?.[
            'n'
          ]
        for (const table of ['a_items', 'b_items', 'a_marked', 'b_marked', 'a_items__tags'])
          expect(await count(table), table).toBe('1')
        await pipeline.run([byKind([]), marked([])])
        for (const table of ['a_items', 'b_items', 'a_marked', 'b_marked', 'a_items__tags'])
          expect(await count(table), table).toBe('0')
      },
    )

    test(
      'run-keys-replace',
      'a merge key given to a run replaces the resource’s earlier one',
      async () => {
        const { pipeline } = pipelineFor('run_keys_replace')
        const items = (rows: Record<string, unknown>[]) =>
          dlt.resource(() => rows, { name: 'items', writeDisposition: 'merge', mergeKey: 'a' })
        await pipeline.run(
          items([
            { a: 1, b: 1, v: 'r1' },
            { a: 2, b: 2, v: 'r1' },
          ]),
        )
        await pipeline.run(items([{ a: 1, b: 2, v: 'r2' }]), { mergeKey: 'b' })
        const columns = pipeline.schema?.tables['items']?.columns ?? {}
        expect(
          Object.values(columns)
            .filter((column) => column.merge_key)
            .map((column) => column.name),
        ).toEqual(['b'])
        // the rows with b = 2 were replaced; a = 1 alone no longer deletes
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(a AS VARCHAR) AS a, CAST(b AS VARCHAR) AS b, v FROM items ORDER BY a, b',
          ),
        ).toEqual([
          { a: '1', b: '1', v: 'r1' },
          { a: '1', b: '2', v: 'r2' },
        ])
      },
    )
  })
}
