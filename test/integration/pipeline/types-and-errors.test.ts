/**
 * What lands in DuckDB for each kind of JavaScript value, schema evolution and contracts, and the
 * errors bad input gets — end to end through a pipeline.
 */

import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

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

describe('types', () => {
  it('lands each JavaScript value in dlt’s DuckDB type', async () => {
    const pipeline = temp.pipeline('types')
    await pipeline.run(
      [
        {
          int: 1,
          float: 1.5,
          big: 9007199254740993n,
          wei: 2n ** 70n,
          flag: true,
          text: 'hi',
          at: new Date('2024-05-01T10:00:00.123Z'),
          iso: '2024-05-01T10:00:00+02:00',
          day: '2024-05-01',
          bytes: new Uint8Array([0, 1, 255]),
        },
      ],
      { tableName: 'values' },
    )
    expect(await columnTypes(pipeline, 'values')).toEqual({
      int: 'BIGINT',
      float: 'DOUBLE',
      big: 'BIGINT',
      wei: 'DECIMAL(38,0)',
      flag: 'BOOLEAN',
      text: 'VARCHAR',
      at: 'TIMESTAMP WITH TIME ZONE',
      iso: 'TIMESTAMP WITH TIME ZONE',
      day: 'VARCHAR', // date-only strings stay text, as in dlt
      bytes: 'BLOB',
      _dlt_load_id: 'VARCHAR',
      _dlt_id: 'VARCHAR',
    })
    const [row] = await pipeline.dataset().rows('values', { bigint: true })
    expect(row).toMatchObject({
      int: 1n,
      big: 9007199254740993n,
      flag: true,
      day: '2024-05-01',
    })
    const [wei] = await pipeline.dataset().query('select wei::varchar as wei from "values"')
    expect(wei).toEqual({ wei: String(2n ** 70n) })
    expect((row!['at'] as Date).toISOString()).toBe('2024-05-01T10:00:00.123Z')
    expect((row!['iso'] as Date).toISOString()).toBe('2024-05-01T08:00:00.000Z')
    expect([...(row!['bytes'] as Uint8Array)]).toEqual([0, 1, 255])
  })

  it('sends values that do not fit their column to a variant column, and says so', async () => {
    const pipeline = temp.pipeline('variants')
    await pipeline.run([{ id: 1, amount: 10 }], { tableName: 'orders' })
    const info = await pipeline.run([{ id: 2, amount: 'unknown' }], { tableName: 'orders' })
    expect(Object.keys(await columnTypes(pipeline, 'orders'))).toContain('amount__v_text')
    expect(info.notes.join('\n')).toMatch(/amount__v_text/)
  })

  it('evolves the schema across runs: new columns and tables appear, nothing is dropped', async () => {
    const pipeline = temp.pipeline('evolve')
    await pipeline.run([{ id: 1, a: 'x' }], { tableName: 'things' })
    const info = await pipeline.run([{ id: 2, b: true, parts: [{ n: 1 }] }], {
      tableName: 'things',
    })
    expect(Object.keys(await columnTypes(pipeline, 'things'))).toEqual([
      'id',
      'a',
      '_dlt_load_id',
      '_dlt_id',
      'b',
    ])
    expect(info.loadPackages[0]?.createdTables).toEqual(['things__parts'])
    expect(info.toString()).toMatch(/added columns: things\.b/)
    expect(await pipeline.dataset().query('select a, b from things order by id')).toEqual([
      { a: 'x', b: null },
      { a: null, b: true },
    ])
  })
})

describe('contracts and bad input', () => {
  it('freeze refuses a new column, naming table and column, and keeps earlier data', async () => {
    const pipeline = temp.pipeline('frozen')
    await pipeline.run([{ id: 1 }], { tableName: 'users' })
    const error = await pipeline
      .run([{ id: 2, email: 'x@y' }], { tableName: 'users', schemaContract: { columns: 'freeze' } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(dlt.PipelineStepFailed)
    expect((error as dlt.PipelineStepFailed).step).toBe('normalize')
    expect((error as Error).cause).toBeInstanceOf(dlt.SchemaContractError)
    expect((error as Error).message).toMatch(/"users".*"email"|"email".*"users"/s)
    expect((error as Error).message).toMatch(/dropPendingPackages/)
    expect(pipeline.dropPendingPackages()).toHaveLength(1)
    expect(await pipeline.dataset().query('select id from users')).toEqual([{ id: 1 }])
  })

  it('discard_row drops rows that would add a column', async () => {
    const pipeline = temp.pipeline('discard')
    await pipeline.run([{ id: 1 }], { tableName: 'users' })
    await pipeline.run([{ id: 2 }, { id: 3, extra: 1 }], {
      tableName: 'users',
      schemaContract: { columns: 'discard_row' },
    })
    expect(await pipeline.dataset().query('select id from users order by id')).toEqual([
      { id: 1 },
      { id: 2 },
    ])
  })

  it('refuses a row without its primary key, naming table and column', async () => {
    const pipeline = temp.pipeline('missing_key')
    const error = await pipeline
      .run([{ id: 1 }, { name: 'no id' }], {
        tableName: 'people',
        writeDisposition: 'merge',
        primaryKey: 'id',
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(dlt.PipelineStepFailed)
    expect((error as Error).cause).toBeInstanceOf(dlt.NullValueError)
    expect((error as Error).message).toMatch(/"people".*"id"/s)
  })

  const badItems: [string, unknown, RegExp][] = [
    ['a class instance', { when: new (class Moment {})() }, /class Moment/],
    ['an invalid date', { when: new Date('nope') }, /invalid Date/],
    ['a symbol', { s: Symbol('x') }, /symbol/],
    [
      'a circular object',
      (() => {
        const o: Record<string, unknown> = {}
        o['self'] = o
        return o
      })(),
      /circular/,
    ],
  ]
  it.each(badItems)(
    'refuses %s in extract, naming the table and path',
    async (_name, item, message) => {
      const pipeline = temp.pipeline('bad')
      const error = await pipeline.run([item], { tableName: 'items' }).catch((e: unknown) => e)
      expect((error as dlt.PipelineStepFailed).step).toBe('extract')
      expect((error as Error).cause).toBeInstanceOf(dlt.InvalidItemError)
      expect((error as Error).message).toMatch(/"items"/)
      expect((error as Error).message).toMatch(message)
    },
  )

  it('keeps the last value when two keys normalize to one column, with one note per table', async () => {
    const pipeline = temp.pipeline('collide')
    const info = await pipeline.run(
      [
        { userName: 'a', user_name: 'b' },
        { userName: 'c', user_name: 'd' },
      ],
      { tableName: 'users' },
    )
    expect(await pipeline.dataset().query('select user_name from users order by 1')).toEqual([
      { user_name: 'b' },
      { user_name: 'd' },
    ])
    expect(info.notes.filter((note) => note.includes('user_name'))).toHaveLength(1)
  })

  it('works with a database file named like its dataset (dlt fails there)', async () => {
    const pipeline = dlt.pipeline({
      pipelineName: 'same_name',
      destination: dlt.destinations.duckdb({ credentials: join(temp.dir, 'data.duckdb') }),
      datasetName: 'data',
      pipelinesDir: temp.pipelinesDir,
    })
    await pipeline.run([{ id: 1 }], { tableName: 'items' })
    await pipeline.run([{ id: 2 }], {
      tableName: 'items',
      writeDisposition: 'merge',
      primaryKey: 'id',
    })
    expect(await pipeline.dataset().rows('items')).toHaveLength(2)
    expect(await pipeline.dataset().query('select count(*) as n from items')).toEqual([{ n: 2 }])
    const instance = await DuckDBInstance.create(join(temp.dir, 'data.duckdb'))
    instance.closeSync()
  })
})
