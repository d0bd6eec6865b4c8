/**
 * Values and names that used to pass normalize and fail only at load (or fail obscurely):
 * integers beyond 64 bits, keys and table names that normalize to nothing, and names of
 * `Object.prototype` members — end to end into a real DuckDB file.
 */
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

/** A key that plain assignment would turn into the prototype. */
const PROTO = '__proto__'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

async function columnTypes(pipeline: dlt.Pipeline, table: string): Promise<Record<string, string>> {
  const rows = await pipeline
    .dataset()
    .query(
      'select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position',
      ['data', table],
    )
  return Object.fromEntries(rows.map((r) => [r['column_name'], r['data_type']]))
}

async function dataTables(pipeline: dlt.Pipeline): Promise<string[]> {
  const rows = await pipeline
    .dataset()
    .query(
      'select table_name from information_schema.tables where table_schema = ? order by table_name',
      ['data'],
    )
  return rows.map((r) => r['table_name'] as string).filter((name) => !name.startsWith('_dlt'))
}

/** Row counts of the data tables (not of dlt's own). */
const dataRowCounts = (info: dlt.LoadInfo) =>
  Object.fromEntries(Object.entries(info.rowCounts).filter(([table]) => !table.startsWith('_dlt')))

/** Every column of `table` cast to text, so that wide numbers compare exactly. */
async function textRows(pipeline: dlt.Pipeline, table: string, columns: readonly string[]) {
  const select = columns.map((c) => `"${c}"::varchar as "${c}"`).join(', ')
  return pipeline.dataset().query(`select ${select} from "${table}" order by 1`)
}

describe('integers beyond 64 bits', () => {
  it('types integral numbers beyond int64 as double, and bigints by what wei can hold', async () => {
    const pipeline = temp.pipeline('wide_ints')
    await pipeline.run(
      [
        {
          id: 1,
          safe: 2 ** 53,
          below: 2 ** 63 - 1024, // the largest double below 2^63
          edge: 2 ** 63,
          min: -(2 ** 63), // prints as -9223372036854776000, outside int64
          huge: 1e20,
          neg_huge: -1e20,
          i64: 2n ** 63n - 1n,
          wei: -(10n ** 38n - 1n),
          over: 10n ** 38n,
          neg_over: -(10n ** 40n),
        },
      ],
      { tableName: 'numbers' },
    )
    expect(await columnTypes(pipeline, 'numbers')).toEqual({
      id: 'BIGINT',
      safe: 'BIGINT',
      below: 'BIGINT',
      edge: 'DOUBLE',
      min: 'DOUBLE',
      huge: 'DOUBLE',
      neg_huge: 'DOUBLE',
      i64: 'BIGINT',
      wei: 'DECIMAL(38,0)',
      over: 'VARCHAR',
      neg_over: 'VARCHAR',
      _dlt_load_id: 'VARCHAR',
      _dlt_id: 'VARCHAR',
    })
    const [row] = await textRows(pipeline, 'numbers', ['i64', 'wei', 'over', 'neg_over'])
    expect(row).toEqual({
      i64: '9223372036854775807',
      wei: String(-(10n ** 38n - 1n)),
      over: String(10n ** 38n),
      neg_over: String(-(10n ** 40n)),
    })
    const [doubles] = await pipeline.dataset().query('select huge, min from numbers')
    expect(doubles).toEqual({ huge: 1e20, min: -(2 ** 63) })
  })

  it('sends values that do not fit an existing bigint or wei column to variant columns', async () => {
    const pipeline = temp.pipeline('wide_variants')
    await pipeline.run([{ id: 1, n: 1, w: 2n ** 64n }], { tableName: 'wide' })
    await pipeline.run(
      [
        { id: 2, n: 1e20 },
        { id: 3, n: 2n ** 64n },
        { id: 4, n: 10n ** 40n },
        { id: 5, n: '99999999999999999999' },
        { id: 6, w: 10n ** 40n },
        { id: 7, w: '1e40' },
        { id: 8, n: '0x7fffffffffffffff' },
      ],
      { tableName: 'wide' },
    )
    expect(await columnTypes(pipeline, 'wide')).toEqual({
      id: 'BIGINT',
      n: 'BIGINT',
      w: 'DECIMAL(38,0)',
      _dlt_load_id: 'VARCHAR',
      _dlt_id: 'VARCHAR',
      n__v_double: 'DOUBLE',
      n__v_wei: 'DECIMAL(38,0)',
      n__v_text: 'VARCHAR',
      w__v_text: 'VARCHAR',
    })
    const rows = await textRows(pipeline, 'wide', [
      'id',
      'n',
      'n__v_double',
      'n__v_wei',
      'n__v_text',
      'w',
      'w__v_text',
    ])
    expect(
      rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))),
    ).toEqual([
      { id: '1', n: '1', w: String(2n ** 64n) },
      { id: '2', n__v_double: '1e+20' },
      { id: '3', n__v_wei: String(2n ** 64n) },
      { id: '4', n__v_text: String(10n ** 40n) },
      { id: '5', n__v_text: '99999999999999999999' },
      { id: '6', w__v_text: String(10n ** 40n) },
      { id: '7', w__v_text: '1e40' },
      { id: '8', n: '9223372036854775807' },
    ])
  })
})

describe('names that normalize to nothing', () => {
  it('gives keys and tables made of underscores the names snake_case gives them', async () => {
    const pipeline = temp.pipeline('underscores')
    await pipeline.run(
      [{ id: 1, __: 1, ____: 2, _: 3, a__: 4, obj: { __: 5 }, list: { __: [6, 7] } }],
      { tableName: '__' },
    )
    expect(await dataTables(pipeline)).toEqual(['xx', 'xx__list__xx'])
    expect(await columnTypes(pipeline, 'xx')).toEqual({
      id: 'BIGINT',
      xx: 'BIGINT',
      xxxx: 'BIGINT',
      x: 'BIGINT',
      a: 'BIGINT',
      obj__xx: 'BIGINT',
      _dlt_load_id: 'VARCHAR',
      _dlt_id: 'VARCHAR',
    })
    const [row] = await pipeline.dataset().query('select xx, xxxx, x, a, obj__xx from xx')
    expect(row).toEqual({ xx: 1, xxxx: 2, x: 3, a: 4, obj__xx: 5 })
    const values = await pipeline.dataset().query('select value from xx__list__xx order by 1')
    expect(values.map((r) => r['value'])).toEqual([6, 7])
  })

  it('refuses a blank table name before anything is written', async () => {
    const pipeline = temp.pipeline('blank')
    const blank = dlt.resource(() => [{ id: 1 }], { name: 'blank', tableName: () => ' \t ' })
    await expect(pipeline.run(blank)).rejects.toThrow(
      /a table name must be a non-blank string, got " \\t "/,
    )
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
  })
})

describe('names of Object.prototype members', () => {
  const MEMBER_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']

  /** A row with every member name as a key (`__proto__` as an own key, as JSON.parse makes it). */
  const memberRow = (id: number): Record<string, unknown> =>
    JSON.parse(
      `{"id": ${id}, "constructor": 1, "toString": "s", "__proto__": {"constructor": 2}, "hasOwnProperty": true}`,
    )

  it('loads resources and keys named after them like any other name', async () => {
    const resources = MEMBER_NAMES.map((name) =>
      dlt.resource(() => [memberRow(1)], {
        name,
        primaryKey: 'id',
        writeDisposition: 'merge',
        incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }),
      }),
    )
    const pipeline = temp.pipeline('members')
    const first = await pipeline.run(resources)
    expect(dataRowCounts(first)).toEqual({
      constructor: 1,
      to_string: 1,
      proto: 1,
      has_own_property: 1,
      value_of: 1,
    })
    // a second run reads the cursor each resource left: the row at the boundary is not loaded again
    const second = await pipeline.run(resources)
    expect(dataRowCounts(second)).toEqual({})
    expect(await dataTables(pipeline)).toEqual([
      'constructor',
      'has_own_property',
      'proto',
      'to_string',
      'value_of',
    ])
    for (const table of await dataTables(pipeline)) {
      expect(await columnTypes(pipeline, table)).toEqual({
        id: 'BIGINT',
        constructor: 'BIGINT',
        to_string: 'VARCHAR',
        has_own_property: 'BOOLEAN',
        proto__constructor: 'BIGINT',
        _dlt_load_id: 'VARCHAR',
        _dlt_id: 'VARCHAR',
      })
      const rows = await pipeline
        .dataset()
        .query(
          `select id, constructor, to_string, has_own_property, proto__constructor from "${table}"`,
        )
      expect(rows).toEqual([
        {
          id: 1,
          constructor: 1,
          to_string: 's',
          has_own_property: true,
          proto__constructor: 2,
        },
      ])
    }
    const state = pipeline.state.sources['members'] as {
      resources: Record<string, { incremental: { id: { last_value: number } } }>
    }
    for (const name of MEMBER_NAMES) {
      expect(Object.hasOwn(state.resources, name)).toBe(true)
      expect(state.resources[name]?.incremental.id.last_value).toBe(1)
    }
    // nothing leaked onto Object.prototype
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>)['incremental']).toBeUndefined()
  })

  it('loads a source named after a member, and restores its state from the destination', async () => {
    const make = () =>
      dlt.source(
        () =>
          ['toString', '__proto__'].map((name) =>
            dlt.resource(() => [memberRow(2)], {
              name,
              incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }),
            }),
          ),
        { name: 'constructor' },
      )
    const pipeline = temp.pipeline('member_source')
    const first = await pipeline.run(make())
    expect(dataRowCounts(first)).toEqual({ to_string: 1, proto: 1 })
    rmSync(pipeline.workingDir, { recursive: true, force: true })
    const fresh = temp.pipeline('member_source')
    const info = await fresh.run(make())
    // the cursor came back from the destination: the rows at the boundary are not loaded again
    expect(dataRowCounts(info)).toEqual({})
    const state = fresh.state.sources['constructor'] as {
      resources: Record<string, { incremental: { id: { last_value: number } } }>
    }
    expect(state.resources[PROTO]?.incremental.id.last_value).toBe(2)
    expect(state.resources['toString']?.incremental.id.last_value).toBe(2)
    expect(await dataTables(fresh)).toEqual(['proto', 'to_string'])
  })
})
