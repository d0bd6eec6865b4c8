/**
 * The filesystem source over the small files in `examples/data/filesystem/`: CSV orders (one
 * file gzip-compressed) loaded incrementally on `modification_date`, a Parquet catalog, and
 * nested JSON lines events, into DuckDB. The files are copied into a temp folder first, so the
 * second run can add a file there and load only that one.
 *
 * Run it with `npx tsx examples/filesystem/load-files.ts`.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as dlt from '../../src/index.js'
// in your project: import { filesystem, readCsv, readJsonl, readParquet } from 'dlt-ts/filesystem'
import { filesystem, readCsv, readJsonl, readParquet } from '../../src/sources/filesystem/index.js'

const workDir = mkdtempSync(join(tmpdir(), 'dlt-ts-filesystem-example-'))
const bucketUrl = join(workDir, 'bucket')
cpSync(new URL('../data/filesystem/', import.meta.url).pathname, bucketUrl, { recursive: true })

const pipeline = dlt.pipeline({
  pipelineName: 'shop_files',
  destination: dlt.destinations.duckdb({ credentials: join(workDir, 'shop.duckdb') }),
  datasetName: 'shop',
  pipelinesDir: join(workDir, 'pipelines'),
})

/** Orders: every CSV file below orders/, gzip or not; only new or changed files after the first run. */
const orders = () =>
  filesystem({
    name: 'order_files', // each filesystem resource of a run needs its own name (and state)
    bucketUrl,
    fileGlob: 'orders/*.csv*',
    incremental: dlt.incremental({ cursorPath: 'modification_date' }),
  })
    .pipe(readCsv())
    .withName('orders')

const products = filesystem({ name: 'product_files', bucketUrl, fileGlob: 'products/*.parquet' })
  .pipe(readParquet())
  .withName('products')

const events = filesystem({ name: 'event_files', bucketUrl, fileGlob: 'events/**/*.jsonl' })
  .pipe(readJsonl())
  .withName('events')

try {
  const first = await pipeline.run([orders(), products, events])
  console.log(`first run: ${JSON.stringify(first.rowCounts)}`)

  writeFileSync(
    join(bucketUrl, 'orders', '2024-03.csv'),
    'order_id,customer,amount,currency,ordered_at,note\n1006,Bob Jones,13.40,EUR,2024-03-01T12:00:00Z,\n',
  )
  const second = await pipeline.run(orders())
  console.log(`second run loaded ${second.rowCounts['orders'] ?? 0} order(s)`)

  const dataset = pipeline.dataset()
  const totals = await dataset.query(
    'select customer, count(*) as orders, sum(amount) as total from orders group by customer order by customer',
  )
  for (const row of totals)
    console.log(`${row['customer']}: ${row['orders']} order(s), ${row['total']}`)
  const [teapot] = await dataset.query(
    "select name, price, listed_on from products where name = 'Teapot'",
  )
  console.log(`product: ${JSON.stringify(teapot)}`)
  const formats = await dataset.query('select value from events__formats order by value')
  console.log(`export formats: ${formats.map((row) => row['value']).join(', ')}`)
} finally {
  rmSync(workDir, { recursive: true, force: true })
}
