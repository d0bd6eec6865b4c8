/**
 * S3 both ways, against a local S3-compatible server (`s3rver`, a dev dependency, started here on
 * 127.0.0.1; nothing reaches the internet): the orders CSV files shipped in
 * `examples/data/filesystem/` are loaded into an `s3://` bucket by the filesystem destination
 * (Parquet, dlt's layout), then read back from the bucket by the filesystem source into DuckDB.
 * The credentials come from configuration, with dlt's keys, as they would from `.dlt/secrets.toml`.
 *
 * Run it with `npx tsx examples/filesystem/s3-round-trip.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver'
import * as dlt from '../../src/index.js'
// in your project: import { filesystem, readCsv, readParquet } from 'dlt-ts/filesystem'
import { filesystem, readCsv, readParquet } from '../../src/sources/filesystem/index.js'

const workDir = mkdtempSync(join(tmpdir(), 'dlt-ts-s3-example-'))
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: join(workDir, 's3'),
  configureBuckets: [{ name: 'lake' }],
})
const { port } = (await server.run()) as { port: number }

// what [destination.filesystem.credentials] and [sources.filesystem.credentials] would hold
for (const section of ['DESTINATION__FILESYSTEM', 'SOURCES__FILESYSTEM']) {
  process.env[`${section}__CREDENTIALS__AWS_ACCESS_KEY_ID`] = 'S3RVER'
  process.env[`${section}__CREDENTIALS__AWS_SECRET_ACCESS_KEY`] = 'S3RVER'
  process.env[`${section}__CREDENTIALS__ENDPOINT_URL`] = `http://127.0.0.1:${port}`
}

try {
  // 1. local CSV files -> Parquet files in s3://lake/exports/shop/orders/
  const toBucket = dlt.pipeline({
    pipelineName: 'orders_to_lake',
    destination: dlt.destinations.filesystem({
      bucketUrl: 's3://lake/exports',
      loaderFileFormat: 'parquet',
    }),
    datasetName: 'shop',
    pipelinesDir: join(workDir, 'pipelines'),
  })
  const localOrders = filesystem({
    bucketUrl: new URL('../data/filesystem/orders/', import.meta.url).pathname,
    fileGlob: '*.csv*',
  })
  await toBucket.run(localOrders.pipe(readCsv()).withName('orders'))
  const written = await toBucket.dataset().query('select count(*) as n from orders')
  console.log(`in the bucket: ${written[0]?.['n']} orders`)

  // 2. s3://lake/exports/shop/orders/*.parquet -> DuckDB
  const fromBucket = dlt.pipeline({
    pipelineName: 'lake_to_duckdb',
    destination: dlt.destinations.duckdb({ credentials: join(workDir, 'lake.duckdb') }),
    datasetName: 'lake',
    pipelinesDir: join(workDir, 'pipelines'),
  })
  const parquetFiles = filesystem({
    bucketUrl: 's3://lake/exports/shop',
    fileGlob: 'orders/*.parquet',
    incremental: dlt.incremental({ cursorPath: 'modification_date' }),
  })
  const info = await fromBucket.run(parquetFiles.pipe(readParquet()).withName('orders'))
  console.log(`read back: ${info.rowCounts['orders']} orders`)
  const rows = await fromBucket
    .dataset()
    .query('select order_id, customer, amount from orders order by order_id limit 2')
  for (const row of rows) console.log(JSON.stringify(row))
} finally {
  await server.close()
  rmSync(workDir, { recursive: true, force: true })
}
