/**
 * Merge strategies end to end: a pipeline run twice into a real DuckDB file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

describe('merge strategies', () => {
  it('scd2 retires changed and absent rows and inserts new versions', async () => {
    const pipeline = temp.pipeline('scd2')
    const options = {
      tableName: 'customers',
      writeDisposition: { disposition: 'merge', strategy: 'scd2' },
    } as const
    await pipeline.run(
      [
        { id: 1, name: 'ann', tags: ['x'] },
        { id: 2, name: 'bo', tags: [] },
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
    const rows = await pipeline
      .dataset()
      .query(
        'select id, name, _dlt_valid_to is null as active, _dlt_valid_from from customers order by id, _dlt_valid_from',
      )
    expect(rows.map(({ id, name, active }) => ({ id, name, active }))).toEqual([
      { id: 1n, name: 'ann', active: false },
      { id: 1n, name: 'ann v2', active: true },
      { id: 2n, name: 'bo', active: false }, // absent from the second load: retired
      { id: 3n, name: 'cy', active: true }, // unchanged: the same version stays
    ])
    const [first, second] = rows as { _dlt_valid_from: Date }[]
    expect(second!._dlt_valid_from.getTime()).toBeGreaterThan(first!._dlt_valid_from.getTime())
    const tags = await pipeline
      .dataset()
      .query(
        'select c.name, t.value from customers c join customers__tags t on t._dlt_parent_id = c._dlt_id order by 1',
      )
    expect(tags).toEqual([
      { name: 'ann', value: 'x' },
      { name: 'ann v2', value: 'y' },
    ])
  })

  it('upsert updates by primary key, replaces nested rows and honours hardDelete', async () => {
    const pipeline = temp.pipeline('upsert')
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
    const dataset = pipeline.dataset()
    expect(await dataset.query('select id, v from users order by id')).toEqual([
      { id: 1n, v: 2n },
      { id: 3n, v: 3n },
    ])
    expect(await dataset.query('select value from users__kids order by 1')).toEqual([{ value: 9n }])
  })

  it('delete-insert with a merge key replaces every row of the key', async () => {
    const pipeline = temp.pipeline('merge_key')
    const options = { tableName: 'daily', writeDisposition: 'merge', mergeKey: 'day' } as const
    await pipeline.run(
      [
        { day: '2024-01-01', n: 1 },
        { day: '2024-01-01', n: 2 },
        { day: '2024-01-02', n: 3 },
      ],
      options,
    )
    await pipeline.run([{ day: '2024-01-01', n: 10 }], options)
    expect(await pipeline.dataset().query('select day, n from daily order by n')).toEqual([
      { day: '2024-01-02', n: 3n },
      { day: '2024-01-01', n: 10n },
    ])
  })

  it('replace truncates the nested tables of a root table too', async () => {
    const pipeline = temp.pipeline('replace_nested')
    const options = { tableName: 'catalog', writeDisposition: 'replace' } as const
    await pipeline.run([{ sku: 'a', tags: ['x', 'y'] }], options)
    await pipeline.run([{ sku: 'b', tags: ['z'] }], options)
    const dataset = pipeline.dataset()
    expect(await dataset.query('select sku from catalog')).toEqual([{ sku: 'b' }])
    expect(await dataset.query('select value from catalog__tags')).toEqual([{ value: 'z' }])
  })
})
