/**
 * The source of the distributed-run tests, exported for the workers: `orders` (append,
 * incremental on `id`, nested `items`) and `customers` (merge on `id`, a nested address). Files in
 * the folder `DLT_TEST_CONTROL_DIR` steer a worker: with `hang-armed` there, the first `orders`
 * extract writes its pid to `hang` and hangs (to be killed); with `fail-customers`, `customers`
 * fails terminally.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { partitioned } from '../../../../src/distributed/index.js'
import * as dlt from '../../../../src/index.js'

export const ORDERS = 300
export const CUSTOMERS = 40

/** The pipeline `name` of the tests in `dir` (its own DuckDB file and working directory). */
export function shopPipeline(dir: string, name: string): dlt.Pipeline {
  return dlt.pipeline({
    pipelineName: 'shop',
    destination: dlt.destinations.duckdb({ credentials: join(dir, `${name}.duckdb`) }),
    datasetName: 'shop_data',
    pipelinesDir: join(dir, `${name}-pipelines`),
  })
}

export const shop = dlt.source(
  () => [
    dlt.resource(
      async function* ({ incremental }) {
        const control = process.env['DLT_TEST_CONTROL_DIR'] ?? ''
        if (
          control &&
          existsSync(join(control, 'hang-armed')) &&
          !existsSync(join(control, 'hang'))
        ) {
          writeFileSync(join(control, 'hang'), String(process.pid))
          await new Promise((resolve) => setTimeout(resolve, 60_000))
        }
        const since = Number(incremental?.lastValue ?? 0)
        for (let id = 1; id <= ORDERS; id++) {
          if (id < since) continue
          yield {
            id,
            customer_id: id % CUSTOMERS,
            placed_at: new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString(),
            items: Array.from({ length: (id % 3) + 1 }, (_, i) => ({
              sku: `sku-${i}`,
              qty: i + 1,
            })),
          }
        }
      },
      {
        name: 'orders',
        incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }),
      },
    ),
    dlt.resource(
      function* () {
        const control = process.env['DLT_TEST_CONTROL_DIR'] ?? ''
        if (control && existsSync(join(control, 'fail-customers'))) {
          throw new dlt.TerminalError('the customers API refused the request (HTTP 400)')
        }
        for (let id = 0; id < CUSTOMERS; id++) {
          yield { id, name: `customer ${id}`, address: { city: `city ${id % 7}`, zip: 1000 + id } }
        }
      },
      { name: 'customers', primaryKey: 'id', writeDisposition: 'merge' },
    ),
  ],
  { name: 'shop' },
)

/** Two resources writing one table, typing its column `v` differently (bigint and text). */
export const mixed = dlt.source(
  () => [
    dlt.resource(() => [{ id: 1, v: 1 }], { name: 'numbers', tableName: 'values' }),
    dlt.resource(() => [{ id: 2, v: 'two' }], { name: 'words', tableName: 'values' }),
  ],
  { name: 'mixed' },
)

/** `events` in three id-range partitions, each with its own incremental cursor on `id`. */
export const ranges = dlt.source(
  () =>
    partitioned('events', [0, 100, 200], (from) =>
      dlt.resource(
        function* ({ incremental }) {
          const since = Number(incremental?.lastValue ?? 0)
          for (let id = from; id < from + 100; id++) {
            if (id >= since) yield { id, tags: [id % 3, id % 5] }
          }
        },
        { name: 'events', incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }) },
      ),
    ),
  { name: 'ranges' },
)

/** `snapshot` with the replace disposition, in two partitions. */
export const snapshots = dlt.source(
  () =>
    partitioned('snapshot', [0, 1], (part) =>
      dlt.resource(() => [{ part }], { name: 'snapshot', writeDisposition: 'replace' }),
    ),
  { name: 'snapshots' },
)

/** One resource whose package takes seconds to normalize (longer than the test workers' lock). */
export const bulk = dlt.source(
  () => [
    dlt.resource(
      function* () {
        for (let id = 0; id < 300_000; id++) {
          yield { id, user: { login: `u${id % 97}` }, labels: [{ name: 'a', tags: ['x', 'y'] }] }
        }
      },
      { name: 'bulk' },
    ),
  ],
  { name: 'bulk' },
)

/**
 * `visits`, appended whole on every run (counting its runs in its state), and `pages` (merge): a
 * refresh shows in their row counts and state.
 */
export const site = dlt.source(
  () => [
    dlt.resource(
      function* ({ state }) {
        state['runs'] = Number(state['runs'] ?? 0) + 1
        for (let id = 0; id < 50; id++) yield { id, page: `p${id % 5}`, meta: { n: id } }
      },
      { name: 'visits' },
    ),
    dlt.resource(
      function* () {
        for (let id = 0; id < 5; id++) yield { id, title: `page ${id}` }
      },
      { name: 'pages', primaryKey: 'id', writeDisposition: 'merge' },
    ),
  ],
  { name: 'site' },
)
