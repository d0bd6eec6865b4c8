/**
 * What `pipeline.dataset()` gives back: counts and ids as numbers, a BIGINT beyond 2^53 - 1 as a
 * string (or a BigInt with `{ bigint: true }`), decimals as exact strings, timestamps as `Date`,
 * json parsed — rows `JSON.stringify` takes as they are.
 *
 * Run it with `npx tsx examples/dataset/read-values.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as dlt from '../../src/index.js'

interface Payment {
  id: number
  ledger_id: string
  amount: string
  paid_at: Date
  meta: { method: string }
}

const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-dataset-'))
try {
  const pipeline = dlt.pipeline({
    pipelineName: 'payments',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'payments.duckdb') }),
    datasetName: 'payments_data',
    pipelinesDir: join(dir, 'pipelines'),
  })
  await pipeline.run(
    [
      {
        id: 1,
        ledger_id: 2n ** 60n,
        amount: '19.99',
        paid_at: new Date('2024-06-01T10:00:00Z'),
        meta: { method: 'card' },
      },
    ],
    {
      tableName: 'payments',
      columns: { amount: { dataType: 'decimal' }, meta: { dataType: 'json' } },
    },
  )
  const dataset = pipeline.dataset()

  const [count] = await dataset.query<{ n: number }>('select count(*) as n from payments')
  console.log('count:', count?.n) // 1, a number

  const [payment] = await dataset.query<Payment>(
    'select id, ledger_id, amount, paid_at, meta from payments',
  )
  // {"id":1,"ledger_id":"1152921504606846976","amount":"19.990000000",
  //  "paid_at":"2024-06-01T10:00:00.000Z","meta":{"method":"card"}}
  console.log('JSON:', JSON.stringify(payment))

  const [exact] = await dataset.rows<{ id: bigint; ledger_id: bigint }>('payments', {
    bigint: true,
  })
  console.log('bigint:', exact?.id, exact?.ledger_id) // 1n 1152921504606846976n
} finally {
  rmSync(dir, { recursive: true, force: true })
}
