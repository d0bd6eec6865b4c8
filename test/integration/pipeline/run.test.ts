/**
 * End-to-end user stories of `pipeline.run()` on a real DuckDB file.
 */
import { rmSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { countRows, createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

const count = countRows

describe('pipeline.run', () => {
  it('loads an async generator, a sync iterable and scalars', async () => {
    const pipeline = temp.pipeline('kinds')
    async function* events() {
      for (let i = 0; i < 5; i++) yield { id: i, at: new Date(Date.UTC(2024, 0, i + 1)) }
    }
    const info = await pipeline.run(events)
    expect(info.rowCounts['events']).toBe(5)
    await pipeline.run(new Set([{ id: 5 }]), { tableName: 'events' })
    await pipeline.run(['a', 'b', 'c'], { tableName: 'Letters' })
    expect(await count(pipeline, 'events')).toBe(6)
    const letters = await pipeline.dataset().rows('letters')
    expect(letters.map((row) => row['value']).sort()).toEqual(['a', 'b', 'c'])
    expect(info.toString()).toContain('events: 5')
  })

  it('replace empties the table chain even when a run brings no rows', async () => {
    const pipeline = temp.pipeline('replace')
    await pipeline.run([{ sku: 'a', tags: ['x', 'y'] }], {
      tableName: 'catalog',
      writeDisposition: 'replace',
    })
    await pipeline.run([], { tableName: 'catalog', writeDisposition: 'replace' })
    expect(await count(pipeline, 'catalog')).toBe(0)
    expect(await count(pipeline, 'catalog__tags')).toBe(0)
  })

  it('merge deduplicates within a load and replaces children of updated rows', async () => {
    const pipeline = temp.pipeline('merge')
    const options = { tableName: 'orders', writeDisposition: 'merge', primaryKey: 'id' } as const
    await pipeline.run(
      [
        { id: 1, status: 'new', lines: [{ sku: 'a' }, { sku: 'b' }] },
        { id: 2, status: 'new', lines: [{ sku: 'c' }] },
      ],
      options,
    )
    await pipeline.run(
      [
        { id: 1, status: 'paid', lines: [{ sku: 'a' }] },
        { id: 1, status: 'shipped', lines: [{ sku: 'z' }] },
      ],
      options,
    )
    const orders = await pipeline.dataset().query('select id, status from data.orders order by id')
    // One row per key; which of two duplicates in one load wins is undefined without `dedupSort`
    // (as in dlt), but its children must be the ones of the row that won.
    expect(orders).toHaveLength(2)
    expect(orders[1]).toEqual({ id: 2, status: 'new' })
    const lines = await pipeline
      .dataset()
      .query(
        'select o.id, l.sku from data.orders o join data.orders__lines l on l._dlt_root_id = o._dlt_id order by 1, 2',
      )
    const winner = orders[0]!['status'] === 'paid' ? 'a' : 'z'
    expect(lines).toEqual([
      { id: 1, sku: winner },
      { id: 2, sku: 'c' },
    ])
    expect(await count(pipeline, 'orders__lines')).toBe(2)
  })

  it('merge with dedupSort keeps the row with the highest sort value', async () => {
    const pipeline = temp.pipeline('merge_sort')
    const options = {
      tableName: 'users',
      writeDisposition: 'merge',
      primaryKey: 'id',
      columns: { version: { dedupSort: 'desc' } },
    } as const
    await pipeline.run(
      [
        { id: 1, version: 2, name: 'two' },
        { id: 1, version: 3, name: 'three' },
        { id: 1, version: 1, name: 'one' },
      ],
      options,
    )
    expect(await pipeline.dataset().query('select name from data.users')).toEqual([
      { name: 'three' },
    ])
  })

  it('merge without a key appends', async () => {
    const pipeline = temp.pipeline('merge_no_key')
    await pipeline.run([{ a: 1 }], { tableName: 't', writeDisposition: 'merge' })
    await pipeline.run([{ a: 1 }], { tableName: 't', writeDisposition: 'merge' })
    expect(await count(pipeline, 't')).toBe(2)
  })

  it('restores state and schema from the destination when the working directory is gone', async () => {
    const pipeline = temp.pipeline('restore')
    await pipeline.run([{ id: 1, name: 'a' }], { tableName: 'users' })
    const stateBefore = pipeline.state
    rmSync(pipeline.workingDir, { recursive: true, force: true })
    const fresh = temp.pipeline('restore')
    const info = await fresh.run([{ id: 2, name: 'b' }], { tableName: 'users' })
    expect(info.firstRun).toBe(false)
    expect(fresh.state._state_version).toBe(stateBefore._state_version)
    expect(Object.keys(fresh.schema?.tables ?? {})).toContain('users')
    expect(await count(fresh, 'users')).toBe(2)
  })

  it('writes the state row only when the state changes', async () => {
    const pipeline = temp.pipeline('state_rows')
    await pipeline.run([{ a: 1 }], { tableName: 't' })
    await pipeline.run([{ a: 2 }], { tableName: 't' })
    expect(await count(pipeline, '_dlt_pipeline_state')).toBe(1)
    expect(await count(pipeline, '_dlt_loads')).toBe(2)
  })

  it('writes dlt’s system tables: the stored schema, the load and the compressed state', async () => {
    const pipeline = temp.pipeline('system_tables')
    await pipeline.run([{ id: 1, tags: ['a'] }], { tableName: 'items' })
    const dataset = pipeline.dataset()
    const [version] = await dataset.query('select * from _dlt_version')
    const stored = JSON.parse(String(version!['schema']))
    expect(stored).toMatchObject({ name: 'system_tables', engine_version: 11, version: 1 })
    expect(Object.keys(stored.tables)).toEqual(
      expect.arrayContaining([
        '_dlt_version',
        '_dlt_loads',
        '_dlt_pipeline_state',
        'items',
        'items__tags',
      ]),
    )
    expect(version).toMatchObject({ engine_version: 11, schema_name: 'system_tables' })
    expect(version!['version_hash']).toBe(pipeline.schema?.version_hash)
    const [load] = await dataset.query('select * from _dlt_loads')
    expect(load).toMatchObject({ status: 0, schema_name: 'system_tables' })
    expect(load!['schema_version_hash']).toBe(pipeline.schema?.version_hash)
    const [stateRow] = await dataset.query('select * from _dlt_pipeline_state')
    expect(stateRow!['_dlt_load_id']).toBe(load!['load_id'])
    const state = JSON.parse(
      inflateSync(Buffer.from(String(stateRow!['state']), 'base64')).toString(),
    )
    expect(state).toMatchObject({
      pipeline_name: 'system_tables',
      dataset_name: 'data',
      _state_version: 1,
      _state_engine_version: 4,
      _version_hash: stateRow!['version_hash'],
    })
    expect(state).not.toHaveProperty('_local')
  })

  it("reports progress on stderr with progress: true (lines, as 'log')", async () => {
    const pipeline = temp.pipeline('progress', { progress: true })
    const lines: string[] = []
    const write = process.stderr.write.bind(process.stderr)
    process.stderr.write = ((chunk: string) => {
      lines.push(String(chunk))
      return true
    }) as typeof process.stderr.write
    try {
      await pipeline.run(function* counted() {
        for (let id = 0; id < 120_000; id++) yield { id }
      })
    } finally {
      process.stderr.write = write
    }
    const text = lines.join('')
    expect(text).toMatch(/progress extract done \| counted: 120,000 items \| [\d,.]+ items\/s/)
    expect(text).toMatch(/progress: normalized package/)
    expect(text).toMatch(/progress: loaded package/)
  })

  it('refuses data without a table name, naming the option', async () => {
    const pipeline = temp.pipeline('no_name')
    await expect(pipeline.run([{ a: 1 }])).rejects.toThrow(/`tableName`/)
  })

  it('fails extract on bad items, keeps what was loaded, and loads nothing of the bad run', async () => {
    const pipeline = temp.pipeline('bad_items')
    await pipeline.run([{ id: 1 }], { tableName: 'things' })
    const bad = [{ id: 2 }, { id: 3, callback: () => 1 }]
    const error = await pipeline.run(bad, { tableName: 'things' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(dlt.PipelineStepFailed)
    expect((error as dlt.PipelineStepFailed).step).toBe('extract')
    expect((error as Error).message).toMatch(/things.*callback/s)
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(await count(pipeline, 'things')).toBe(1)
  })

  it('runs extract, normalize and load as separate steps', async () => {
    const pipeline = temp.pipeline('steps')
    const extracted = await pipeline.extract([{ id: 1 }, { id: 2 }], { tableName: 'items' })
    expect(extracted.itemCounts).toEqual({ items: 2 })
    expect(pipeline.pendingPackages().extracted).toEqual([extracted.loadId])
    const normalized = await pipeline.normalize()
    expect(normalized.rowCounts['items']).toBe(2)
    const info = await pipeline.load()
    expect(info.loadPackages.map((p) => p.loadId)).toEqual([extracted.loadId])
    expect(await count(pipeline, 'items')).toBe(2)
  })

  it('extracts with a given load id, newer than the last one only', async () => {
    const pipeline = temp.pipeline('given_load_id')
    const first = await pipeline.run([{ id: 1 }], { tableName: 'items' })
    const last = first.loadPackages[0]!.loadId
    const loadId = `${Number(last.split('.')[0]) + 10}.000001`
    const extracted = await pipeline.extract([{ id: 2 }], { tableName: 'items', loadId })
    expect(extracted.loadId).toBe(loadId)
    await pipeline.normalize()
    await pipeline.load()
    const rows = await pipeline.dataset().rows('items')
    expect(rows.find((row) => row['id'] === 2)?.['_dlt_load_id']).toBe(loadId)
    await expect(
      pipeline.extract([{ id: 3 }], { tableName: 'items', loadId: last }),
    ).rejects.toThrow(
      `Pipeline "given_load_id": the load id ${last} is not newer than the last load id ${loadId}`,
    )
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
  })

  it('dropPendingPackages discards what was not loaded', async () => {
    const pipeline = temp.pipeline('drop')
    const { loadId } = await pipeline.extract([{ id: 1 }], { tableName: 'items' })
    expect(pipeline.dropPendingPackages()).toEqual([loadId])
    const info = await pipeline.run()
    expect(info.loadPackages).toEqual([])
  })

  it('finishes pending packages before loading new data, and says so', async () => {
    const pipeline = temp.pipeline('pending')
    const { loadId } = await pipeline.extract([{ id: 1 }], { tableName: 'items' })
    const info = await pipeline.run([{ id: 2 }], { tableName: 'items' })
    expect(info.resumedLoadIds).toEqual([loadId])
    expect(info.loadPackages).toHaveLength(2)
    expect(info.toString()).toContain('left by an earlier run')
    expect(await count(pipeline, 'items')).toBe(2)
  })

  it('locks the working directory against a concurrent run', async () => {
    const pipeline = temp.pipeline('locked')
    const slow = async function* () {
      yield { id: 1 }
      await new Promise((resolve) => setTimeout(resolve, 200))
      yield { id: 2 }
    }
    const first = pipeline.run(slow, { tableName: 'items' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(temp.pipeline('locked').run([{ id: 3 }], { tableName: 'items' })).rejects.toThrow(
      dlt.PipelineLockedError,
    )
    await first
    expect(await count(pipeline, 'items')).toBe(2)
  })
})
