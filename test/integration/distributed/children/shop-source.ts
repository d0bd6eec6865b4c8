/**
 * The source of the distributed-run tests, exported for the workers: `orders` (append,
 * incremental on `id`, nested `items`) and `customers` (merge on `id`, a nested address). In a
 * worker, `DLT_TEST_HANG_FILE` makes the first `orders` extract write its pid there and hang (to be
 * killed), and `DLT_TEST_FAIL=customers` makes `customers` fail terminally.
 */
import { existsSync, writeFileSync } from 'node:fs'
import * as dlt from '../../../../src/index.js'

export const ORDERS = 300
export const CUSTOMERS = 40

export const shop = dlt.source(
  () => [
    dlt.resource(
      async function* ({ incremental }) {
        const hang = process.env['DLT_TEST_HANG_FILE']
        if (hang && !existsSync(hang)) {
          writeFileSync(hang, String(process.pid))
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
        if (process.env['DLT_TEST_FAIL'] === 'customers') {
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
