/**
 * The SQL database source on a small shop database it creates in PostgreSQL: every table of the
 * schema goes into DuckDB with its types and keys, then `orders` is loaded incrementally and
 * merged — the second run reads only the rows whose `updated_at` moved.
 *
 * Run it with `npx tsx examples/sql-database/copy-shop-database.ts` (PostgreSQL at
 * `PG_CONNECTION_STRING`, default postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import * as dlt from '../../src/index.js'
import { sqlDatabase, sqlTable } from '../../src/sources/sql-database/index.js'

const credentials =
  process.env['PG_CONNECTION_STRING'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const schema = `shop_example_${process.pid}`

// The source database: two tables with keys, decimals, timestamps and JSON.
const admin = new pg.Client({ connectionString: credentials })
await admin.connect()
await admin.query(`CREATE SCHEMA ${schema}`)
await admin.query(`
  CREATE TABLE ${schema}.customers (id int PRIMARY KEY, name text NOT NULL, email varchar(80));
  CREATE TABLE ${schema}.orders (
    id int PRIMARY KEY, customer_id int NOT NULL REFERENCES ${schema}.customers,
    total numeric(12, 2) NOT NULL, status text NOT NULL, items jsonb,
    updated_at timestamptz NOT NULL);
  INSERT INTO ${schema}.customers VALUES (1, 'Ann', 'ann@example.com'), (2, 'Bo', NULL);
  INSERT INTO ${schema}.orders VALUES
    (1, 1, 19.99, 'paid', '[{"sku": "A-1", "qty": 1}]', '2024-06-01T10:00:00Z'),
    (2, 2, 5.00, 'new', '[{"sku": "B-2", "qty": 5}]', '2024-06-02T10:00:00Z')`)

const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-sql-database-'))
try {
  const pipeline = dlt.pipeline({
    pipelineName: 'shop',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'shop.duckdb') }),
    pipelinesDir: join(dir, 'pipelines'),
    datasetName: 'shop_data',
  })

  // 1. Every table of the schema, reflected: dlt types, precision, nullability, primary keys.
  const shop = await sqlDatabase({ credentials, schema })
  const first = await pipeline.run(shop)
  console.log(`copied: ${JSON.stringify(first.rowCounts)}`)
  const total = pipeline.schemas['sql_database']?.tables['orders']?.columns['total']
  console.log(`orders.total is ${total?.data_type}(${total?.precision},${total?.scale})`)

  // 2. Only what changed since the last run, merged on the primary key.
  const orders = await sqlTable({
    credentials,
    schema,
    table: 'orders',
    writeDisposition: 'merge',
    incremental: dlt.incremental({ cursorPath: 'updated_at' }),
  })
  await pipeline.run(orders)
  await admin.query(
    `UPDATE ${schema}.orders SET status = 'shipped', updated_at = '2024-06-03T09:00:00Z' WHERE id = 2`,
  )
  const second = await pipeline.run(orders)
  console.log(`second run loaded ${second.rowCounts['orders']} order(s)`)
  console.log(
    JSON.stringify(
      await pipeline.dataset().query('SELECT id, total, status FROM orders ORDER BY id'),
    ),
  )
} finally {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
  rmSync(dir, { recursive: true, force: true })
}
