/**
 * Resources, transformers and sources end to end, into a real DuckDB file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const ids = async (pipeline: dlt.Pipeline, table: string) =>
  (await pipeline.dataset().query(`select id from ${table} order by id`)).map((r) =>
    Number(r['id']),
  )

describe('resources', () => {
  it('loads a resource under its name, with steps that never change the original', async () => {
    const numbers = dlt.resource(
      function* () {
        for (let id = 1; id <= 10; id++) yield { id }
      },
      { name: 'numbers', primaryKey: 'id' },
    )
    const evens = numbers
      .addFilter((row) => row.id % 2 === 0)
      .addMap((row) => ({ ...row, half: row.id / 2 }))
      .withName('evens')
    const pipeline = temp.pipeline('steps')
    await pipeline.run([numbers.addLimit(3), evens])
    expect(await ids(pipeline, 'numbers')).toEqual([1, 2, 3])
    expect(await ids(pipeline, 'evens')).toEqual([2, 4, 6, 8, 10])
    expect(numbers.name).toBe('numbers')
    expect(pipeline.schema?.tables['numbers']?.columns['id']?.primary_key).toBe(true)
  })

  it('addLimit stops the generator (pages count as one yield)', async () => {
    let pagesProduced = 0
    const pages = dlt.resource(
      function* () {
        for (let page = 0; page < 100; page++) {
          pagesProduced++
          yield [{ id: page * 2 }, { id: page * 2 + 1 }]
        }
      },
      { name: 'pages' },
    )
    const pipeline = temp.pipeline('limit')
    await pipeline.run(pages.addLimit(2))
    expect(await ids(pipeline, 'pages')).toEqual([0, 1, 2, 3])
    expect(pagesProduced).toBeLessThanOrEqual(3)
  })

  it('dispatches items to tables with dlt.mark and a tableName function', async () => {
    const events = dlt.resource(
      () => [
        { id: 1, type: 'push' },
        dlt.mark.withTableName({ id: 2, type: 'fork' }, 'Forks'),
        { id: 3, type: 'push' },
      ],
      { name: 'events', tableName: (event) => `${event.type}_events` },
    )
    const pipeline = temp.pipeline('dispatch')
    const info = await pipeline.run(events)
    expect(info.rowCounts).toMatchObject({ push_events: 2, forks: 1 })
    expect(await ids(pipeline, 'forks')).toEqual([2])
  })

  it('names the resource and the option when a tableName function returns no name', async () => {
    const events = dlt.resource(() => [{ id: 1 }], {
      name: 'events',
      tableName: () => '' as string,
    })
    const error = await temp
      .pipeline('bad_table_name')
      .run(events)
      .catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/Resource "events".*`tableName`/)
  })

  it('runs a transformer per item, in parallel, reading a shared parent once', async () => {
    let listCalls = 0
    let inFlight = 0
    let maxInFlight = 0
    const list = dlt.resource(
      async function* () {
        listCalls++
        for (let id = 1; id <= 6; id++) yield { id }
      },
      { name: 'list' },
    )
    const details = dlt.transformer(
      async (item: { id: number }) => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        await sleep(30)
        inFlight--
        return { id: item.id, detail: `detail ${item.id}` }
      },
      { dataFrom: list, name: 'details', concurrency: 3 },
    )
    const pipeline = temp.pipeline('transformer')
    await pipeline.run([list, details])
    expect(await ids(pipeline, 'details')).toEqual([1, 2, 3, 4, 5, 6])
    expect(await ids(pipeline, 'list')).toEqual([1, 2, 3, 4, 5, 6])
    expect(listCalls).toBe(1)
    expect(maxInFlight).toBe(3)
  })

  it('pipes pages into a transformer and loads only the transformer when the parent is deselected', async () => {
    const pages = dlt.resource(
      function* () {
        yield [{ id: 1 }, { id: 2 }]
        yield [{ id: 3 }]
      },
      { name: 'pages' },
    )
    const sizes = pages.pipe(
      dlt.transformer((page: { id: number }[]) => ({ id: page[0]!.id, size: page.length }), {
        name: 'sizes',
      }),
    )
    const pipeline = temp.pipeline('pipe')
    await pipeline.run(dlt.source(() => [pages.withSelected(false), sizes], { name: 'paged' }))
    expect(await pipeline.dataset().query('select id, size from sizes order by id')).toEqual([
      { id: 1, size: 2 },
      { id: 3, size: 1 },
    ])
    expect(await pipeline.dataset().tables()).not.toContain('pages')
  })

  it('runs five slow async resources in about the time of one', async () => {
    const slow = (name: string) =>
      dlt.resource(
        async function* () {
          for (let i = 0; i < 3; i++) {
            await sleep(100)
            yield { id: i }
          }
        },
        { name },
      )
    const pipeline = temp.pipeline('concurrent')
    const started = performance.now()
    await pipeline.extract(['a', 'b', 'c', 'd', 'e'].map(slow))
    const elapsed = performance.now() - started
    // one resource alone takes 300 ms; five in sequence would take 1500 ms
    expect(elapsed).toBeLessThan(900)
  })

  it('fails the extract naming the resource, leaving destination and state untouched', async () => {
    const pipeline = temp.pipeline('failing')
    const counter = dlt.resource(
      ({ state }) => {
        state['runs'] = Number(state['runs'] ?? 0) + 1
        return [{ id: state['runs'] }]
      },
      { name: 'counter' },
    )
    await pipeline.run(counter)
    const broken = dlt.resource(
      async function* ({ state }) {
        state['runs'] = 99
        yield { id: 2 }
        throw new Error('API went away')
      },
      { name: 'counter' },
    )
    const error = await pipeline.run(broken).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(dlt.PipelineStepFailed)
    expect((error as Error).cause).toBeInstanceOf(dlt.ResourceExtractError)
    expect((error as Error).message).toMatch(/Resource "counter".*API went away/)
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(await ids(pipeline, 'counter')).toEqual([1])
    await pipeline.run(counter)
    expect(await ids(pipeline, 'counter')).toEqual([1, 2])
  })
})

describe('sources', () => {
  const shop = () =>
    dlt.source(
      () => [
        dlt.resource(() => [{ id: 1, name: 'ann' }], { name: 'customers' }),
        dlt.resource(() => [{ id: 7, total: 10.5, lines: [{ sku: 'a' }] }], { name: 'orders' }),
      ],
      { name: 'shop', maxTableNesting: 0 },
    )

  it('loads into a schema named after the source, with source-wide defaults', async () => {
    const pipeline = temp.pipeline('sources')
    await pipeline.run(shop())
    expect(Object.keys(pipeline.schemas)).toEqual(['shop'])
    expect(pipeline.schema?.name).toBe('shop')
    expect(await ids(pipeline, 'orders')).toEqual([7])
    // maxTableNesting 0: nested lists stay whole in a json column
    expect(pipeline.schema?.tables['orders']?.columns['lines']?.data_type).toBe('json')
  })

  it('selects resources and changes one resource’s hints without touching the source', async () => {
    const original = shop()
    const adjusted = original
      .withResources('orders')
      .updateResource('orders', (orders) =>
        orders.applyHints({ writeDisposition: 'merge', primaryKey: 'id' }),
      )
    const pipeline = temp.pipeline('select')
    await pipeline.run(adjusted)
    await pipeline.run(adjusted)
    expect(await ids(pipeline, 'orders')).toEqual([7])
    expect(await pipeline.dataset().tables()).not.toContain('customers')
    expect(original.resources['orders']?.hints.writeDisposition).toBeUndefined()
    expect(() => original.withResources('nope')).toThrow(/no resource "nope"/)
  })

  it('propagates the root key with rootKey, and sets hints from the data with mark.withHints', async () => {
    const orders = dlt.source(
      () => [
        dlt.resource(
          () => [
            dlt.mark.withHints(
              { id: 1, lines: [{ sku: 'a' }] },
              { primaryKey: 'id', writeDisposition: 'merge' },
            ),
          ],
          { name: 'orders' },
        ),
      ],
      { name: 'orders_src', rootKey: true },
    )
    const pipeline = temp.pipeline('root_key')
    await pipeline.run(orders)
    await pipeline.run(orders)
    expect(pipeline.schema?.tables['orders']?.write_disposition).toBe('merge')
    const lines = await pipeline
      .dataset()
      .query('select l.sku from orders__lines l join orders o on l._dlt_root_id = o._dlt_id')
    expect(lines).toEqual([{ sku: 'a' }])
  })

  it('keeps resource state across runs and restores it from the destination', async () => {
    const pages = dlt.source(
      () => [
        dlt.resource(
          ({ state }) => {
            const next = Number(state['nextPage'] ?? 1)
            state['nextPage'] = next + 1
            return [{ id: next }]
          },
          { name: 'pages' },
        ),
      ],
      { name: 'paged_api' },
    )
    const pipeline = temp.pipeline('resource_state')
    await pipeline.run(pages)
    await pipeline.run(pages)
    expect(pipeline.state.sources['paged_api']).toEqual({
      resources: { pages: { nextPage: 3 } },
    })
    temp.pipeline('resource_state').dropPendingPackages()
    const { rmSync } = await import('node:fs')
    rmSync(pipeline.workingDir, { recursive: true, force: true })
    const fresh = temp.pipeline('resource_state')
    await fresh.run(pages)
    expect(await ids(fresh, 'pages')).toEqual([1, 2, 3])
  })
})
