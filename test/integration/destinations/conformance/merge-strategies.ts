/**
 * @module Conformance topic: the `insert-only` merge strategy and the `scd2` options, each over
 * two or three runs with the rows dlt 1.26's own tests expect (`test_merge_disposition.py`
 * insert-only cases, `test_scd2.py`), and the options the write disposition refuses (issue #15,
 * point 6).
 */
import { describe, expect } from 'vitest'
import * as dlt from '../../../../src/index.js'
import type { ConformanceTopic } from './suite-context.js'

export const MERGE_STRATEGIES_CASES = [
  'merge-insert-only',
  'scd2-validity-column-names',
  'scd2-active-record-timestamp',
  'scd2-boundary-timestamp',
  'scd2-row-version-column',
  'scd2-retire-absent-rows',
  'scd2-merge-key-partition',
  'merge-options-refused',
] as const

type Row = Record<string, unknown>

/** Load ids are the default validity boundary: make each run's one later than the last. */
const nextLoad = () => new Promise((resolve) => setTimeout(resolve, 20))

/** A portable SQL timestamp literal. */
const ts = (iso: string) => `CAST('${iso}' AS TIMESTAMP WITH TIME ZONE)`

/** `column` as a label: `'null'`, or the key of the first timestamp of `labels` it equals. */
const label = (column: string, labels: Readonly<Record<string, string>>) =>
  `CASE WHEN ${column} IS NULL THEN 'null' ${Object.entries(labels)
    .map(([name, iso]) => `WHEN ${column} = ${ts(iso)} THEN '${name}'`)
    .join(' ')} ELSE 'other' END`

export const mergeStrategies: ConformanceTopic = ({ pipelineFor, textRows, test }) => {
  describe('merge strategies and scd2 options as dlt 1.26', () => {
    const scd2 = (options: Record<string, unknown> = {}) =>
      ({ disposition: 'merge', strategy: 'scd2', ...options }) as const

    test('merge-insert-only', 'insert-only keeps the first version of each key', async () => {
      const { pipeline } = pipelineFor('insert_only')
      const items = (rows: Row[]) =>
        dlt.resource(() => rows, {
          name: 'items',
          primaryKey: 'id',
          writeDisposition: { disposition: 'merge', strategy: 'insert-only' },
        })
      await pipeline.run(
        items([
          { id: 1, name: 'Alice', value: 100, children: [{ child_id: 1 }] },
          { id: 2, name: 'Bob', value: 200, children: [{ child_id: 2 }] },
        ]),
      )
      await pipeline.run(
        items([
          {
            id: 1,
            name: 'Alice Updated',
            value: 999,
            children: [{ child_id: 1 }, { child_id: 3 }],
          },
          { id: 2, name: 'Bob Updated', value: 888 },
          { id: 3, name: 'Charlie', value: 300, children: [{ child_id: 4 }] },
        ]),
      )
      expect(
        await textRows(
          pipeline,
          'SELECT CAST(id AS VARCHAR) AS id, name, CAST(value AS VARCHAR) AS value FROM items ORDER BY id',
        ),
      ).toEqual([
        { id: '1', name: 'Alice', value: '100' },
        { id: '2', name: 'Bob', value: '200' },
        { id: '3', name: 'Charlie', value: '300' },
      ])
      // dlt: nested rows are inserted by row key — child 1 exists, child 3 and 4 are new
      expect(
        await textRows(
          pipeline,
          'SELECT CAST(child_id AS VARCHAR) AS child_id FROM items__children ORDER BY child_id',
        ),
      ).toEqual([{ child_id: '1' }, { child_id: '2' }, { child_id: '3' }, { child_id: '4' }])
      expect(pipeline.schema?.tables['items']?.['x-merge-strategy']).toBe('insert-only')
    })

    test(
      'scd2-validity-column-names',
      'scd2 validityColumnNames names the validity columns',
      async () => {
        const { pipeline } = pipelineFor('scd2_validity_names')
        const dim = (rows: Row[]) =>
          dlt.resource(() => rows, {
            name: 'dim_test',
            writeDisposition: scd2({ validityColumnNames: ['ValidFrom', 'ValidTo'] }),
          })
        await pipeline.run(
          dim([
            { nk: 1, c1: 'foo' },
            { nk: 2, c1: 'bar' },
          ]),
        )
        await nextLoad()
        await pipeline.run(
          dim([
            { nk: 1, c1: 'foo_updated' },
            { nk: 2, c1: 'bar' },
          ]),
        )
        const columns = pipeline.schema?.tables['dim_test']?.columns ?? {}
        expect(columns['valid_from']?.['x-valid-from']).toBe(true)
        expect(columns['valid_to']?.['x-valid-to']).toBe(true)
        expect(columns['_dlt_id']?.['x-row-version']).toBe(true)
        expect(columns['_dlt_id']?.unique).toBe(false)
        expect(columns['_dlt_valid_from']).toBeUndefined()
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(d.nk AS VARCHAR) AS nk, d.c1, CAST(d.valid_to IS NULL AS VARCHAR) AS active, ' +
              'CAST(d.valid_to = (SELECT MAX(valid_from) FROM dim_test) AS VARCHAR) AS retired_at_load_2 ' +
              'FROM dim_test AS d ORDER BY d.nk, d.valid_from',
          ),
        ).toEqual([
          { nk: '1', c1: 'foo', active: 'false', retired_at_load_2: 'true' },
          { nk: '1', c1: 'foo_updated', active: 'true', retired_at_load_2: null },
          { nk: '2', c1: 'bar', active: 'true', retired_at_load_2: null },
        ])
      },
    )

    test(
      'scd2-active-record-timestamp',
      'scd2 activeRecordTimestamp marks active rows instead of NULL',
      async () => {
        const { pipeline } = pipelineFor('scd2_active_ts')
        const dim = (rows: Row[]) =>
          dlt.resource(() => rows, {
            name: 'dim_test',
            writeDisposition: scd2({ activeRecordTimestamp: '9999-12-31' }),
          })
        await pipeline.run(
          dim([
            { nk: 1, foo: 'foo' },
            { nk: 2, foo: 'foo' },
          ]),
        )
        await nextLoad()
        await pipeline.run(dim([{ nk: 1, foo: 'bar' }]))
        expect(
          pipeline.schema?.tables['dim_test']?.columns['_dlt_valid_to']?.[
            'x-active-record-timestamp'
          ],
        ).toBe('9999-12-31')
        const high = { high: '9999-12-31T00:00:00+00:00' }
        expect(
          await textRows(
            pipeline,
            `SELECT CAST(nk AS VARCHAR) AS nk, foo, ${label('_dlt_valid_to', high)} AS valid_to ` +
              'FROM dim_test ORDER BY nk, _dlt_valid_from',
          ),
        ).toEqual([
          { nk: '1', foo: 'foo', valid_to: 'other' },
          { nk: '1', foo: 'bar', valid_to: 'high' },
          { nk: '2', foo: 'foo', valid_to: 'other' },
        ])
      },
    )

    test(
      'scd2-boundary-timestamp',
      'scd2 boundaryTimestamp is the validity boundary of its run; null goes back to the load time',
      async () => {
        const { pipeline } = pipelineFor('scd2_boundary_ts')
        const dim = (rows: Row[], boundaryTimestamp: string | null) =>
          dlt.resource(() => rows, {
            name: 'dim_test',
            writeDisposition: scd2({ boundaryTimestamp }),
          })
        const labels = {
          ts1: '2024-08-21T12:15:00+00:00',
          ts2: '2024-08-22T00:00:00+00:00',
          ts3: '2024-08-20T00:00:00+00:00',
        }
        const table = () =>
          textRows(
            pipeline,
            `SELECT CAST(nk AS VARCHAR) AS nk, foo, ${label('_dlt_valid_from', labels)} AS valid_from, ` +
              `${label('_dlt_valid_to', labels)} AS valid_to FROM dim_test ORDER BY nk, foo`,
          )
        await pipeline.run(
          dim(
            [
              { nk: 1, foo: 'foo' },
              { nk: 2, foo: 'foo' },
            ],
            '2024-08-21T12:15:00+00:00',
          ),
        )
        expect(pipeline.schema?.tables['dim_test']?.['x-boundary-timestamp']).toBe(
          '2024-08-21T12:15:00+00:00',
        )
        await pipeline.run(
          dim(
            [
              { nk: 1, foo: 'bar' },
              { nk: 3, foo: 'foo' },
            ],
            '2024-08-22',
          ),
        )
        expect(await table()).toEqual([
          { nk: '1', foo: 'bar', valid_from: 'ts2', valid_to: 'null' },
          { nk: '1', foo: 'foo', valid_from: 'ts1', valid_to: 'ts2' },
          { nk: '2', foo: 'foo', valid_from: 'ts1', valid_to: 'ts2' },
          { nk: '3', foo: 'foo', valid_from: 'ts2', valid_to: 'null' },
        ])
        // dlt applies any valid timestamp naively, even one before "valid from"
        await pipeline.run(dim([{ nk: 1, foo: 'bar' }], '2024-08-20'))
        expect(await table()).toEqual([
          { nk: '1', foo: 'bar', valid_from: 'ts2', valid_to: 'null' },
          { nk: '1', foo: 'foo', valid_from: 'ts1', valid_to: 'ts2' },
          { nk: '2', foo: 'foo', valid_from: 'ts1', valid_to: 'ts2' },
          { nk: '3', foo: 'foo', valid_from: 'ts2', valid_to: 'ts3' },
        ])
        // null resets the hint: the load time is the boundary again
        await pipeline.run(dim([{ nk: 1, foo: 'foobar' }], null))
        expect(pipeline.schema?.tables['dim_test']?.['x-boundary-timestamp']).toBeNull()
        expect(
          await textRows(
            pipeline,
            `SELECT foo, ${label('_dlt_valid_from', labels)} AS valid_from, ` +
              `${label('_dlt_valid_to', labels)} AS valid_to, ` +
              "CAST(_dlt_valid_from > CURRENT_TIMESTAMP - INTERVAL '1 hour' AS VARCHAR) AS recent " +
              'FROM dim_test WHERE nk = 1 ORDER BY _dlt_valid_from',
          ),
        ).toEqual([
          { foo: 'foo', valid_from: 'ts1', valid_to: 'ts2', recent: 'false' },
          { foo: 'bar', valid_from: 'ts2', valid_to: 'other', recent: 'false' },
          { foo: 'foobar', valid_from: 'other', valid_to: 'null', recent: 'true' },
        ])
      },
    )

    test(
      'scd2-row-version-column',
      'scd2 rowVersionColumnName versions rows by a column of the data',
      async () => {
        const { pipeline } = pipelineFor('scd2_row_version')
        const dim = (rows: Row[]) =>
          dlt.resource(() => rows, {
            name: 'dim_test',
            writeDisposition: scd2({ rowVersionColumnName: 'row_hash' }),
          })
        await pipeline.run(
          dim([
            { nk: 1, c1: 'foo', c2: [1], row_hash: 'mocked_hash_1' },
            { nk: 2, c1: 'bar', c2: [2, 3], row_hash: 'mocked_hash_2' },
          ]),
        )
        const columns = pipeline.schema?.tables['dim_test']?.columns ?? {}
        expect(columns['row_hash']?.['x-row-version']).toBe(true)
        expect(columns['_dlt_id']?.['x-row-version']).toBeUndefined()
        // dlt: `_dlt_id` stays unique when users bring their own hash
        expect(columns['_dlt_id']?.unique).toBe(true)
        await nextLoad()
        await pipeline.run(dim([{ nk: 1, c1: 'foo_upd', c2: [1], row_hash: 'mocked_hash_1_upd' }]))
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(value AS VARCHAR) AS value FROM dim_test__c2 ORDER BY value',
          ),
        ).toEqual([{ value: '1' }, { value: '1' }, { value: '2' }, { value: '3' }])
        await nextLoad()
        // same row version, other content: not a new version
        await pipeline.run(dim([{ nk: 1, c1: 'ignored', c2: [1], row_hash: 'mocked_hash_1_upd' }]))
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(nk AS VARCHAR) AS nk, c1, row_hash, ' +
              'CAST(_dlt_valid_to IS NULL AS VARCHAR) AS active FROM dim_test ORDER BY c1',
          ),
        ).toEqual([
          { nk: '2', c1: 'bar', row_hash: 'mocked_hash_2', active: 'false' },
          { nk: '1', c1: 'foo', row_hash: 'mocked_hash_1', active: 'false' },
          { nk: '1', c1: 'foo_upd', row_hash: 'mocked_hash_1_upd', active: 'true' },
        ])
      },
    )

    test(
      'scd2-retire-absent-rows',
      'scd2 retireAbsentRows: false with the natural key as mergeKey retires changed rows only',
      async () => {
        const { pipeline } = pipelineFor('scd2_no_retire')
        const dim = (rows: Row[]) =>
          dlt.resource(() => rows, {
            name: 'dim_test',
            mergeKey: 'nk',
            writeDisposition: scd2({ retireAbsentRows: false }),
          })
        const table = () =>
          textRows(
            pipeline,
            'SELECT CAST(nk AS VARCHAR) AS nk, foo, CAST(_dlt_valid_to IS NULL AS VARCHAR) AS active ' +
              'FROM dim_test ORDER BY nk, _dlt_valid_from',
          )
        await pipeline.run(
          dim([
            { nk: 1, foo: 'foo' },
            { nk: 2, foo: 'foo' },
          ]),
        )
        await nextLoad()
        // natural key 2 absent, 1 unchanged: nothing retired
        await pipeline.run(dim([{ nk: 1, foo: 'foo' }]))
        expect(await table()).toEqual([
          { nk: '1', foo: 'foo', active: 'true' },
          { nk: '2', foo: 'foo', active: 'true' },
        ])
        await nextLoad()
        // natural key 1 changed: its old version is retired, 2 stays active
        await pipeline.run(dim([{ nk: 1, foo: 'bar' }]))
        expect(await table()).toEqual([
          { nk: '1', foo: 'foo', active: 'false' },
          { nk: '1', foo: 'bar', active: 'true' },
          { nk: '2', foo: 'foo', active: 'true' },
        ])
      },
    )

    test(
      'scd2-merge-key-partition',
      'scd2 with a mergeKey retires absent rows only where their key is in the load',
      async () => {
        const { pipeline } = pipelineFor('scd2_partition')
        const dim = (rows: Row[]) =>
          dlt.resource(() => rows, {
            name: 'dim_test',
            mergeKey: 'date',
            writeDisposition: scd2(),
          })
        await pipeline.run(
          dim([
            { date: '2024-01-01', name: 'a' },
            { date: '2024-01-01', name: 'b' },
          ]),
        )
        await nextLoad()
        await pipeline.run(
          dim([
            { date: '2024-01-02', name: 'c' },
            { date: '2024-01-02', name: 'd' },
          ]),
        )
        await nextLoad()
        await pipeline.run(
          dim([
            { date: '2024-01-01', name: 'a' },
            { date: '2024-01-01', name: 'bb' },
          ]),
        )
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(date AS VARCHAR) AS date, name, ' +
              'CAST(_dlt_valid_to IS NULL AS VARCHAR) AS active FROM dim_test ORDER BY name',
          ),
        ).toEqual([
          { date: '2024-01-01', name: 'a', active: 'true' },
          { date: '2024-01-01', name: 'b', active: 'false' },
          { date: '2024-01-01', name: 'bb', active: 'true' },
          { date: '2024-01-02', name: 'c', active: 'true' },
          { date: '2024-01-02', name: 'd', active: 'true' },
        ])
      },
    )

    test(
      'merge-options-refused',
      'an unknown write disposition option or strategy fails the run, naming it',
      async () => {
        const { pipeline } = pipelineFor('merge_options_refused')
        const run = (writeDisposition: unknown) =>
          pipeline.run(
            dlt.resource(() => [{ id: 1 }], {
              name: 'items',
              primaryKey: 'id',
              writeDisposition: writeDisposition as 'merge',
            }),
          )
        await expect(run(scd2({ retireAbsent: false }))).rejects.toThrow(
          /unknown option `retireAbsent`.*`validityColumnNames`.*`retireAbsentRows`/,
        )
        await expect(run(scd2({ row_version_column_name: 'h' }))).rejects.toThrow(
          /`row_version_column_name` \(did you mean `rowVersionColumnName`\?\)/,
        )
        await expect(run({ disposition: 'merge', strategy: 'scd3' })).rejects.toThrow(
          /strategy.*"scd3"/,
        )
        expect(pipeline.schema?.tables['items']).toBeUndefined()
      },
    )
  })
}
