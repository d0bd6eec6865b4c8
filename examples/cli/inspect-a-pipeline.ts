/**
 * The `dlt-ts` command on a pipeline with a failed load: list pipelines, info, trace, failed
 * jobs, a load package, the schema, dropping the pending package, then the browser's JSON (what
 * `dlt-ts pipeline shop show` serves). Every command is printed as you would type it.
 *
 * Run it with `npx tsx examples/cli/inspect-a-pipeline.ts`. Everything happens in a temporary
 * folder: DLT_DATA_DIR points the default pipelines folder there, and the DuckDB file comes from
 * DESTINATION__DUCKDB__CREDENTIALS, as it would from your `.dlt/config.toml`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { main } from '../../src/cli/main.js'
import { openPipeline } from '../../src/cli/pipeline/open-pipeline.js'
import { startShowServer } from '../../src/cli/show/show-server.js'
import * as dlt from '../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-cli-example-'))
process.env['DLT_DATA_DIR'] = dir
process.env['DESTINATION__DUCKDB__CREDENTIALS'] = join(dir, 'shop.duckdb')

/** Runs `dlt-ts ...args` and prints it like a terminal would. */
async function dltTs(...args: string[]): Promise<void> {
  console.log(`\n$ dlt-ts ${args.join(' ')}`)
  const code = await main(args, {
    out: (text) => console.log(text),
    err: (text) => console.log(text),
  })
  if (code !== 0) console.log(`(exit code ${code})`)
}

try {
  const pipeline = dlt.pipeline({
    pipelineName: 'shop',
    destination: 'duckdb',
    datasetName: 'shop_data',
  })
  const orders = [
    { id: 1, customer: 'ann', lines: [{ sku: 'tea', qty: 2 }] },
    {
      id: 2,
      customer: 'bob',
      lines: [
        { sku: 'mug', qty: 1 },
        { sku: 'tea', qty: 1 },
      ],
    },
  ]
  await pipeline.run(orders, { tableName: 'orders', primaryKey: 'id', writeDisposition: 'merge' })

  // a table the next load violates, so that it fails and its package stays pending
  const instance = await DuckDBInstance.create(join(dir, 'shop.duckdb'))
  const connection = await instance.connect()
  await connection.run(
    'create table shop_data.refunds (id BIGINT CHECK (id < 100), _dlt_load_id VARCHAR NOT NULL, _dlt_id VARCHAR NOT NULL)',
  )
  connection.closeSync()
  instance.closeSync()
  await pipeline.run([{ id: 500 }], { tableName: 'refunds' }).catch(() => {
    // expected: the CHECK constraint fails; the commands below show it
  })

  await dltTs('pipeline', '--list')
  await dltTs('pipeline', 'shop', 'info')
  await dltTs('pipeline', 'shop', 'trace')
  await dltTs('pipeline', 'shop', 'failed-jobs')
  await dltTs('pipeline', 'shop', 'load-package')
  await dltTs('pipeline', 'shop', 'schema', '--format', 'yaml')
  await dltTs('pipeline', 'shop', 'drop-pending-packages', '--yes')
  await dltTs('pipeline', 'nonexistent', 'info')

  // what `dlt-ts pipeline shop show` serves (it prints its address and serves until Ctrl+C)
  const server = await startShowServer(openPipeline('shop', join(dir, 'pipelines')))
  const rowsUrl = new URL('/api/rows?table=orders__lines&limit=10', server.url)
  const page = (await (await fetch(rowsUrl)).json()) as { rows: unknown[] }
  console.log(`\nshow: ${server.url}api/rows?table=orders__lines →`, JSON.stringify(page.rows))
  const query = await fetch(new URL('/api/query', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sql: 'select sku, sum(qty) as qty from orders__lines group by sku order by sku',
    }),
  })
  console.log('show: a query →', JSON.stringify(((await query.json()) as { rows: unknown[] }).rows))
  await server.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
