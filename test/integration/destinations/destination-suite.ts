/**
 * @module The destination conformance suite: the same end-to-end pipeline tests for every
 * destination (STYLE §5). A destination's test file calls `describeDestination(descriptor)` and
 * then adds its own cases. What is checked, through real pipelines:
 * - every case of `test/fixtures/dlt-1.26/normalize/` lands the rows dlt 1.26 landed, with the
 *   same column names in the same order (types as the destination names them);
 * - every dlt data type loads and reads back (values compared as DuckDB's text);
 * - merge (`delete-insert` by primary and merge key, `upsert`, `scd2`) and `replace` leave the
 *   same rows;
 * - a load that fails before its commit leaves nothing, and the next run loads the package;
 * - state and schema come back from the destination when the working directory is gone.
 *
 * `DESTINATIONS=duckdb,postgres` narrows the run. A case a destination cannot run is listed in
 * its descriptor's `notSupported` with the reason and shows as skipped with that reason; a
 * destination that cannot be reached (no server) skips the whole suite, printing why.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Destination, DestinationClient } from '../../../src/destinations/destination.js'
import * as dlt from '../../../src/index.js'
import type { DatasetDump } from '../../support/dump-dataset.js'
import { CONFORMANCE_TOPICS, TOPIC_CASES } from './conformance/index.js'

/** The cases of the suite, by name (the keys of `notSupported`). */
export const SUITE_CASES = [
  'vectors',
  'data-types',
  'merge-delete-insert',
  'merge-upsert',
  'merge-scd2',
  'replace',
  'resume-failed-load',
  'restore-state',
  ...TOPIC_CASES,
] as const
export type SuiteCase = (typeof SUITE_CASES)[number]

/** A destination and a fresh dataset for one test. */
export interface DestinationTarget {
  readonly destination: Destination
  readonly datasetName: string
  /** The dataset's canonical dump (`test/support/dump-dataset.ts`), values in DuckDB's text. */
  dump(): Promise<DatasetDump>
}

/** What the suite needs to know about a destination. */
export interface DestinationDescriptor {
  /** The destination's name, as `DESTINATIONS` lists it. */
  readonly name: string
  /** Why the destination cannot be tested here; the suite is then skipped with this reason. */
  readonly unavailable?: string | undefined
  /** A destination and a fresh dataset; `label` is short snake_case, unique per call. */
  createTarget(label: string): DestinationTarget
  /** This destination's name of a column type recorded on DuckDB (e.g. `VARCHAR`). */
  columnType(duckdbType: string): string
  /** Drops every dataset `createTarget` made. */
  cleanup(): Promise<void>
  /** Cases the destination cannot run, with the reason. */
  readonly notSupported?: Readonly<Partial<Record<SuiteCase, string>>>
  /**
   * The suite's portable text queries (DuckDB's and PostgreSQL's SQL) in this destination's SQL,
   * e.g. `CAST(x AS VARCHAR)` → `CAST(x AS CHAR)` on MySQL. Absent: run as written.
   */
  textQuery?(sql: string): string
}

const fixtures = new URL('../../fixtures/dlt-1.26/normalize/', import.meta.url)
const VECTOR_CASES = readdirSync(new URL('cases/', fixtures)).map((f) => f.replace(/\.json$/, ''))

interface VectorCase {
  table: string
  write_disposition?: 'append' | 'replace' | 'merge'
  primary_key?: string
  runs: unknown[][]
}
interface ExpectedDump {
  tables: Record<string, { columns: [string, string][]; rows: number | string[] }>
}

type TextRow = Record<string, unknown>

/** Why `DESTINATIONS` leaves `name` out, or undefined when it is selected (or unset). */
export function notSelected(name: string): string | undefined {
  const only = process.env['DESTINATIONS']?.split(',').map((entry) => entry.trim())
  return only && !only.includes(name) ? `not in DESTINATIONS=${only.join(',')}` : undefined
}

/** Runs the conformance suite against `descriptor`'s destination. */
export function describeDestination(descriptor: DestinationDescriptor): void {
  const title = `${descriptor.name} conformance`
  const skipped = notSelected(descriptor.name)
  if (skipped) {
    describe.skip(`${title} (${skipped})`, () => {
      it('is not selected', () => {})
    })
    return
  }
  if (descriptor.unavailable) {
    console.warn(`[${descriptor.name}] conformance suite skipped: ${descriptor.unavailable}`)
    describe.skip(`${title} — skipped: ${descriptor.unavailable}`, () => {
      it('needs the destination', () => {})
    })
    return
  }

  describe(title, () => {
    let dir: string
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), `dlt-ts-suite-${descriptor.name}-`))
    })
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true })
      await descriptor.cleanup()
    })

    const pipelineFor = (label: string, destination?: Destination) => {
      const target = descriptor.createTarget(label)
      const pipeline = dlt.pipeline({
        pipelineName: `suite_${label}`,
        destination: destination ?? target.destination,
        datasetName: target.datasetName,
        pipelinesDir: join(dir, label),
      })
      return { target, pipeline }
    }
    /** Rows of a portable query whose selected values are all `CAST(… AS VARCHAR)`. */
    const textRows = (pipeline: dlt.Pipeline, sql: string) =>
      pipeline.dataset().query(descriptor.textQuery?.(sql) ?? sql)
    const test = (name: SuiteCase, text: string, fn: () => Promise<void>) => {
      const gap = descriptor.notSupported?.[name]
      if (gap) it.skip(`${text} — NOT SUPPORTED on ${descriptor.name}: ${gap}`, fn)
      else it(text, fn)
    }

    describe('dlt 1.26 normalize vectors', () => {
      for (const name of VECTOR_CASES) {
        test('vectors', `${name} lands as in dlt 1.26`, async () => {
          const vector = readJson<VectorCase>(new URL(`cases/${name}.json`, fixtures))
          const expected = readJson<ExpectedDump>(new URL(`expected/${name}.json`, fixtures))
          const { target, pipeline } = pipelineFor(`v_${name}`)
          for (const items of vector.runs) {
            await pipeline.run(items, {
              tableName: vector.table,
              ...(vector.write_disposition ? { writeDisposition: vector.write_disposition } : {}),
              ...(vector.primary_key ? { primaryKey: vector.primary_key } : {}),
            })
          }
          const dump = await target.dump()
          expect(Object.keys(dump.tables).sort()).toEqual(Object.keys(expected.tables).sort())
          for (const [table, want] of Object.entries(expected.tables)) {
            const columns = want.columns.map(([column, type]) => [
              column,
              descriptor.columnType(type),
            ])
            expect(dump.tables[table]?.columns, `columns of ${table}`).toEqual(columns)
            expect(dump.tables[table]?.rows, `rows of ${table}`).toEqual(want.rows)
          }
        })
      }
    })

    test('data-types', 'loads every dlt data type and reads it back', async () => {
      const { target, pipeline } = pipelineFor('types')
      const text = 'O\'Brien, "q"\nnext line\r\n\\.\tzß水🙂'
      await pipeline.run(
        [
          {
            id: 1,
            name: text,
            empty: '',
            score: 1.5,
            whole: 85,
            active: true,
            created: new Date('2024-05-06T07:08:09.123Z'),
            big: 2n ** 60n + 7n,
            blob: new Uint8Array([0, 1, 2, 0x41, 0xfa, 0xff]),
            doc: { a: [1, { b: null }], s: 'x' },
            amount: '12345.678901234',
            balance: 10n ** 30n,
            day: '2024-02-29',
            at: '12:34:56.5',
          },
          { id: 2 },
        ],
        {
          tableName: 'all_types',
          columns: {
            whole: { dataType: 'double' },
            doc: { dataType: 'json' },
            amount: { dataType: 'decimal' },
            balance: { dataType: 'wei' },
            day: { dataType: 'date' },
            at: { dataType: 'time' },
          },
        },
      )
      const dump = (await target.dump()).tables['all_types']!
      // Hinted columns come first, in the order given (dlt's `compute_table_schema`).
      expect(dump.columns).toEqual(
        [
          ['whole', 'DOUBLE'],
          ['doc', 'JSON'],
          ['amount', 'DECIMAL(38,9)'],
          ['balance', 'DECIMAL(38,0)'],
          ['day', 'DATE'],
          ['at', 'TIME'],
          ['id', 'BIGINT'],
          ['name', 'VARCHAR'],
          ['empty', 'VARCHAR'],
          ['score', 'DOUBLE'],
          ['active', 'BOOLEAN'],
          ['created', 'TIMESTAMP WITH TIME ZONE'],
          ['big', 'BIGINT'],
          ['blob', 'BLOB'],
          ['_dlt_load_id', 'VARCHAR'],
          ['_dlt_id', 'VARCHAR'],
        ].map(([column, type]) => [column, descriptor.columnType(type!)]),
      )
      const rows = (dump.rows as string[]).map((row) => JSON.parse(row) as TextRow)
      // dlt's wei scale differs by destination (0 on DuckDB, 78 on PostgreSQL).
      for (const row of rows) {
        if (typeof row['balance'] === 'string') row['balance'] = row['balance'].replace(/\.0+$/, '')
      }
      expect(rows).toEqual([
        {
          id: '1',
          name: text,
          empty: '',
          score: '1.5',
          whole: '85.0',
          active: 'true',
          created: '2024-05-06 07:08:09.123+00',
          big: (2n ** 60n + 7n).toString(),
          blob: '\\x00\\x01\\x02A\\xFA\\xFF',
          doc: '{"a":[1,{"b":null}],"s":"x"}',
          amount: '12345.678901234',
          balance: (10n ** 30n).toString(),
          day: '2024-02-29',
          at: '12:34:56.5',
        },
        {
          id: '2',
          ...Object.fromEntries(
            ['name', 'empty', 'score', 'whole', 'active', 'created', 'big', 'blob', 'doc']
              .concat(['amount', 'balance', 'day', 'at'])
              .map((column) => [column, null]),
          ),
        },
      ])
    })

    test(
      'merge-delete-insert',
      'merges by primary key (last duplicate wins, hard deletes, nested rows) and by merge key',
      async () => {
        const { pipeline } = pipelineFor('delete_insert')
        const options = {
          tableName: 'items',
          writeDisposition: 'merge',
          primaryKey: 'id',
          columns: { deleted: { hardDelete: true, dataType: 'bool' } },
        } as const
        await pipeline.run(
          [
            { id: 1, name: 'a', tags: ['x', 'y'] },
            { id: 2, name: 'b', tags: ['z'] },
            { id: 3, name: 'c', tags: ['q'] },
          ],
          options,
        )
        await pipeline.run(
          [
            { id: 1, name: 'a-old', tags: ['stale'] },
            { id: 1, name: 'a2', tags: ['w'] },
            { id: 3, deleted: true, tags: ['gone'] },
            { id: 4, name: 'd' },
          ],
          options,
        )
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(r.id AS VARCHAR) AS id, r.name, t.value FROM items AS r ' +
              'LEFT JOIN items__tags AS t ON t._dlt_root_id = r._dlt_id ORDER BY r.id, t.value',
          ),
        ).toEqual([
          { id: '1', name: 'a2', value: 'w' },
          { id: '2', name: 'b', value: 'z' },
          { id: '4', name: 'd', value: null },
        ])
        expect(await textRows(pipeline, 'SELECT value FROM items__tags ORDER BY value')).toEqual([
          { value: 'w' },
          { value: 'z' },
        ])

        const daily = { tableName: 'daily', writeDisposition: 'merge', mergeKey: 'day' } as const
        await pipeline.run(
          [
            { day: '2024-01-01', n: 1 },
            { day: '2024-01-01', n: 2 },
            { day: '2024-01-02', n: 3 },
          ],
          daily,
        )
        await pipeline.run([{ day: '2024-01-01', n: 10 }], daily)
        expect(
          await textRows(pipeline, 'SELECT day, CAST(n AS VARCHAR) AS n FROM daily ORDER BY n'),
        ).toEqual([
          { day: '2024-01-01', n: '10' },
          { day: '2024-01-02', n: '3' },
        ])
      },
    )

    test('merge-upsert', 'upserts by primary key, replacing nested rows', async () => {
      const { pipeline } = pipelineFor('upsert')
      const options = {
        tableName: 'users',
        writeDisposition: { disposition: 'merge', strategy: 'upsert' },
        primaryKey: 'id',
        columns: { deleted: { hardDelete: true, dataType: 'bool' } },
      } as const
      await pipeline.run(
        [
          { id: 1, v: 1, kids: [1, 2] },
          { id: 2, v: 1, kids: [3] },
        ],
        options,
      )
      await pipeline.run(
        [
          { id: 1, v: 2, kids: [9] },
          { id: 2, deleted: true },
          { id: 3, v: 3 },
        ],
        options,
      )
      expect(
        await textRows(
          pipeline,
          'SELECT CAST(id AS VARCHAR) AS id, CAST(v AS VARCHAR) AS v FROM users ORDER BY id',
        ),
      ).toEqual([
        { id: '1', v: '2' },
        { id: '3', v: '3' },
      ])
      expect(
        await textRows(pipeline, 'SELECT CAST(value AS VARCHAR) AS value FROM users__kids'),
      ).toEqual([{ value: '9' }])
    })

    test('merge-scd2', 'keeps versions with scd2', async () => {
      const { pipeline } = pipelineFor('scd2')
      const options = {
        tableName: 'customers',
        writeDisposition: { disposition: 'merge', strategy: 'scd2' },
      } as const
      await pipeline.run(
        [
          { id: 1, name: 'ann', tags: ['x'] },
          { id: 2, name: 'bo' },
          { id: 3, name: 'cy' },
        ],
        options,
      )
      // load ids are the validity boundary: make the second one later
      await new Promise((resolve) => setTimeout(resolve, 20))
      await pipeline.run(
        [
          { id: 1, name: 'ann v2', tags: ['y'] },
          { id: 3, name: 'cy' },
        ],
        options,
      )
      expect(
        await textRows(
          pipeline,
          'SELECT CAST(id AS VARCHAR) AS id, name, ' +
            'CAST(_dlt_valid_to IS NULL AS VARCHAR) AS active FROM customers ' +
            'ORDER BY id, _dlt_valid_from',
        ),
      ).toEqual([
        { id: '1', name: 'ann', active: 'false' },
        { id: '1', name: 'ann v2', active: 'true' },
        { id: '2', name: 'bo', active: 'false' },
        { id: '3', name: 'cy', active: 'true' },
      ])
      expect(
        await textRows(
          pipeline,
          'SELECT c.name, t.value FROM customers AS c ' +
            'JOIN customers__tags AS t ON t._dlt_parent_id = c._dlt_id ORDER BY c.name',
        ),
      ).toEqual([
        { name: 'ann', value: 'x' },
        { name: 'ann v2', value: 'y' },
      ])
    })

    test('replace', 'replaces a table and its nested tables', async () => {
      const { pipeline } = pipelineFor('replace')
      const options = { tableName: 'catalog', writeDisposition: 'replace' } as const
      await pipeline.run([{ sku: 'a', tags: ['x', 'y'] }], options)
      await pipeline.run([{ sku: 'b', tags: ['z'] }], options)
      expect(await textRows(pipeline, 'SELECT sku FROM catalog')).toEqual([{ sku: 'b' }])
      expect(await textRows(pipeline, 'SELECT value FROM catalog__tags')).toEqual([{ value: 'z' }])
    })

    test(
      'resume-failed-load',
      'rolls back a load that fails before its commit; the next run loads it',
      async () => {
        const target = descriptor.createTarget('resume')
        const failing = failingDestination(target.destination)
        const pipeline = dlt.pipeline({
          pipelineName: 'suite_resume',
          destination: failing.destination,
          datasetName: target.datasetName,
          pipelinesDir: join(dir, 'resume'),
        })
        const options = {
          tableName: 'events',
          writeDisposition: 'merge',
          primaryKey: 'id',
        } as const
        await pipeline.run([{ id: 1, tags: ['a'] }], options)
        failing.failAfterNext('completeLoad')
        await expect(
          pipeline.run(
            [
              { id: 1, tags: ['b'] },
              { id: 2, tags: ['c'] },
            ],
            options,
          ),
        ).rejects.toThrow(/simulated failure/)
        expect(pipeline.pendingPackages().normalized).toHaveLength(1)
        const counts = async () =>
          textRows(
            pipeline,
            'SELECT (SELECT CAST(count(*) AS VARCHAR) FROM events) AS events, ' +
              '(SELECT CAST(count(*) AS VARCHAR) FROM events__tags) AS tags, ' +
              '(SELECT CAST(count(*) AS VARCHAR) FROM _dlt_loads) AS loads',
          )
        expect(await counts()).toEqual([{ events: '1', tags: '1', loads: '1' }])
        await pipeline.run()
        expect(pipeline.pendingPackages().normalized).toHaveLength(0)
        expect(await counts()).toEqual([{ events: '2', tags: '2', loads: '2' }])
        expect(
          await textRows(
            pipeline,
            'SELECT CAST(e.id AS VARCHAR) AS id, t.value FROM events AS e ' +
              'JOIN events__tags AS t ON t._dlt_parent_id = e._dlt_id ORDER BY e.id',
          ),
        ).toEqual([
          { id: '1', value: 'b' },
          { id: '2', value: 'c' },
        ])
      },
    )

    test(
      'restore-state',
      'restores state and schema when the working directory is gone',
      async () => {
        const target = descriptor.createTarget('restore')
        const data = [{ id: 1, title: 'a', updated_at: '2024-02-01T00:00:00Z' }]
        const requests: unknown[] = []
        const issues = () =>
          dlt.resource(
            async function* ({ incremental }) {
              const since = incremental?.lastValue as string | undefined
              requests.push(since)
              yield data.filter((issue) => since === undefined || issue.updated_at >= since)
            },
            {
              name: 'issues',
              primaryKey: 'id',
              writeDisposition: 'merge',
              incremental: dlt.incremental({
                cursorPath: 'updated_at',
                initialValue: '2024-01-01T00:00:00Z',
              }),
            },
          )
        const create = () =>
          dlt.pipeline({
            pipelineName: 'suite_restore',
            destination: target.destination,
            datasetName: target.datasetName,
            pipelinesDir: join(dir, 'restore'),
          })
        const pipeline = create()
        await pipeline.run(issues())
        const stateVersion = pipeline.state._state_version
        rmSync(pipeline.workingDir, { recursive: true, force: true })
        const fresh = create()
        data.push({ id: 2, title: 'b', updated_at: '2024-02-02T00:00:00Z' })
        const info = await fresh.run(issues())
        expect(info.firstRun).toBe(false)
        expect(requests).toEqual(['2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'])
        expect(fresh.state._state_version).toBeGreaterThanOrEqual(stateVersion)
        expect(Object.keys(fresh.schema?.tables ?? {})).toContain('issues')
        expect(
          await textRows(fresh, 'SELECT CAST(id AS VARCHAR) AS id, title FROM issues ORDER BY id'),
        ).toEqual([
          { id: '1', title: 'a' },
          { id: '2', title: 'b' },
        ])
      },
    )

    // topics added since, one file each under ./conformance/
    for (const topic of CONFORMANCE_TOPICS) topic({ pipelineFor, textRows, test })
  })
}

function readJson<T>(url: URL): T {
  return JSON.parse(readFileSync(url, 'utf8')) as T
}

/**
 * `destination` with a switch: after `failAfterNext(method)`, the next call of `method` on any of
 * its clients runs and then throws, once — a failure inside the load's transaction.
 */
function failingDestination(destination: Destination): {
  destination: Destination
  failAfterNext(method: keyof DestinationClient): void
} {
  let armed: keyof DestinationClient | undefined
  const wrapped: Destination = {
    name: destination.name,
    capabilities: () => destination.capabilities(),
    createClient(config) {
      const client = destination.createClient(config)
      return new Proxy(client, {
        get(target, property) {
          const value = Reflect.get(target, property, target) as unknown
          if (typeof value !== 'function') return value
          const method = (value as (...args: unknown[]) => unknown).bind(target)
          if (property !== armed) return method
          return async (...args: unknown[]) => {
            armed = undefined
            await method(...args)
            throw new Error(`simulated failure after ${String(property)}`)
          }
        },
      })
    },
  }
  return {
    destination: wrapped,
    failAfterNext: (method) => {
      armed = method
    },
  }
}
