/**
 * @module Conformance topic: marks on lists, pages of pages, and column hints only one column may
 * carry — as dlt 1.26 does them, and where dlt would load lists of lists into `…__value` tables,
 * as the README promises (issue #15, points 4 and 5; docs/compatibility.md).
 */
import { describe, expect } from 'vitest'
import * as dlt from '../../../../src/index.js'
import type { ConformanceTopic } from './suite-context.js'

export const MARKS_AND_HINTS_CASES = [
  'mark-list-table-name',
  'mark-list-hints',
  'pages-of-pages',
  'single-column-hints',
] as const

/** The error a failed run was caused by. */
async function causeOf(run: Promise<unknown>): Promise<Error> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(dlt.PipelineStepFailed)
  return (error as Error).cause as Error
}

export const marksAndHints: ConformanceTopic = ({ pipelineFor, textRows, test }) => {
  const valueTables = async (pipeline: dlt.Pipeline) =>
    (await pipeline.dataset().tables()).filter((name) => name.endsWith('__value'))

  describe('marks, pages and single-column hints as dlt 1.26', () => {
    test(
      'mark-list-table-name',
      'withTableName on a list sends every item of the list to that table',
      async () => {
        const { pipeline } = pipelineFor('mark_list_table_name')
        const events = dlt.resource(
          function* () {
            yield dlt.mark.withTableName(
              [
                { id: 1, kind: 'push' },
                { id: 2, kind: 'push' },
              ],
              'Push Events',
            )
            yield { id: 3, kind: 'other' }
          },
          { name: 'events' },
        )
        await pipeline.run(events)
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(id AS VARCHAR) AS id, kind FROM push_events ORDER BY id',
          ),
        ).toEqual([
          { id: '1', kind: 'push' },
          { id: '2', kind: 'push' },
        ])
        expect(await textRows(pipeline, 'SELECT CAST(id AS VARCHAR) AS id FROM events')).toEqual([
          { id: '3' },
        ])
        expect(await valueTables(pipeline)).toEqual([])
      },
    )

    test(
      'mark-list-hints',
      'withHints on a list applies the hints to the table of every item',
      async () => {
        const { pipeline } = pipelineFor('mark_list_hints')
        const users = (rows: Record<string, unknown>[]) =>
          dlt.resource(
            function* () {
              yield dlt.mark.withHints(rows, { writeDisposition: 'merge', primaryKey: 'id' })
            },
            { name: 'users' },
          )
        await pipeline.run(
          users([
            { id: 1, name: 'a' },
            { id: 2, name: 'b' },
          ]),
        )
        await pipeline.run(users([{ id: 2, name: 'b2' }]))
        const table = pipeline.schema?.tables['users']
        expect(table?.write_disposition).toBe('merge')
        expect(table?.columns['id']?.primary_key).toBe(true)
        expect(
          await textRows(pipeline, 'SELECT CAST(id AS VARCHAR) AS id, name FROM users ORDER BY id'),
        ).toEqual([
          { id: '1', name: 'a' },
          { id: '2', name: 'b2' },
        ])
        expect(await valueTables(pipeline)).toEqual([])
      },
    )

    test(
      'pages-of-pages',
      'lists inside a yielded list are pages: their items land in the table, no __value table',
      async () => {
        const { pipeline } = pipelineFor('pages_of_pages')
        const pages = dlt.resource(
          function* () {
            yield [[{ id: 1 }, { id: 2 }], [{ id: 3 }]]
            yield [{ id: 4 }]
          },
          { name: 'pages' },
        )
        await pipeline.run(pages)
        // plain data: a list of lists is a list of pages (as in dlt)
        await pipeline.run([[{ id: 5 }], [{ id: 6 }]], { tableName: 'pages' })
        expect(
          await textRows(pipeline, 'SELECT CAST(id AS VARCHAR) AS id FROM pages ORDER BY id'),
        ).toEqual(['1', '2', '3', '4', '5', '6'].map((id) => ({ id })))
        expect(await valueTables(pipeline)).toEqual([])
      },
    )

    test(
      'single-column-hints',
      'two dedupSort or two hardDelete columns in a table fail, naming the table and columns',
      async () => {
        const { pipeline } = pipelineFor('single_column_hints')
        // in the resource's columns: refused before anything is extracted
        const twoSorts = dlt.resource(() => [{ id: 1, v1: 1, v2: 2 }], {
          name: 'sorted',
          writeDisposition: 'merge',
          primaryKey: 'id',
          columns: { v1: { dedupSort: 'desc' }, v2: { dedupSort: 'asc' } },
        })
        const sortError = await causeOf(pipeline.run(twoSorts))
        expect(sortError).toBeInstanceOf(dlt.TableHintsError)
        expect(sortError.message).toContain('Table "sorted"')
        expect(sortError.message).toContain('dedupSort hint ("v1", "v2")')

        // through withHints on two items: refused when the second hint arrives
        const twoDeletes = dlt.resource(
          function* () {
            yield dlt.mark.withHints(
              { id: 1, d1: false, d2: false },
              { columns: { d1: { hardDelete: true } } },
            )
            yield dlt.mark.withHints(
              { id: 2, d1: false, d2: false },
              { columns: { d2: { hardDelete: true } } },
            )
          },
          { name: 'deleted', writeDisposition: 'merge', primaryKey: 'id' },
        )
        const deleteError = await causeOf(pipeline.run(twoDeletes))
        expect(deleteError).toMatchObject({ table: 'deleted', columns: ['d1', 'd2'] })
        expect(deleteError.message).toContain('hardDelete hint ("d1", "d2")')

        // a run's hint next to the one the stored schema keeps from an earlier run
        const items = dlt.resource(() => [{ id: 1, a: 1, b: 1 }], {
          name: 'items',
          writeDisposition: 'merge',
          primaryKey: 'id',
          columns: { a: { dedupSort: 'desc' } },
        })
        await pipeline.run(items)
        const evolved = await causeOf(
          pipeline.run(items.applyHints({ columns: { b: { dedupSort: 'desc' } } })),
        )
        expect(evolved).toMatchObject({ table: 'items', columns: ['a', 'b'] })
        expect(evolved.message).toContain('"a" has it from an earlier run')
        // nothing of the failed runs was loaded
        expect(await pipeline.dataset().tables()).not.toContain('sorted')
        expect(await pipeline.dataset().tables()).not.toContain('deleted')
      },
    )
  })
}
