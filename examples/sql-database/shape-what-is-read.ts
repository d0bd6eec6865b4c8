/**
 * The options that shape what the SQL database source reads, on a table this example creates in
 * PostgreSQL: which columns (`includedColumns`, `excludedColumns`, `tableAdapterCallback`), how
 * they are typed (`reflectionLevel`, `typeAdapterCallback`), which rows (`queryAdapterCallback`),
 * in pages of `chunkSize` rows, reflected when the pipeline runs (`deferTableReflect`).
 *
 * Run it with `npx tsx examples/sql-database/shape-what-is-read.ts` (PostgreSQL at
 * `PG_CONNECTION_STRING`, default postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import * as dlt from '../../src/index.js'
import { sqlTable } from '../../src/sources/sql-database/index.js'

const credentials =
  process.env['PG_CONNECTION_STRING'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const schema = `shape_example_${process.pid}`

const admin = new pg.Client({ connectionString: credentials })
await admin.connect()
await admin.query(`CREATE SCHEMA ${schema}`)
await admin.query(`
  CREATE TABLE ${schema}.accounts (
    id int PRIMARY KEY, email varchar(80) NOT NULL, password_hash text, internal_note text,
    balance numeric(12, 2), external_id bigint, deleted_at timestamptz);
  INSERT INTO ${schema}.accounts
    SELECT g, 'user' || g || '@example.com', md5(g::text), 'note', g * 10.5, g * 1000,
      CASE WHEN g % 4 = 0 THEN now() END
    FROM generate_series(1, 10) g`)

const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-sql-shape-'))
try {
  const pipeline = dlt.pipeline({
    pipelineName: 'shape',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'shape.duckdb') }),
    pipelinesDir: join(dir, 'pipelines'),
    datasetName: 'shape_data',
  })

  const accounts = await sqlTable({
    credentials,
    schema,
    table: 'accounts',
    // never copy secrets; drop every column named internal_*
    excludedColumns: ['password_hash'],
    tableAdapterCallback: (table) => {
      table.columns = table.columns.filter((column) => !column.name.startsWith('internal_'))
    },
    // lengths of varchar columns become precision hints; external ids are kept as text
    reflectionLevel: 'full_with_precision',
    typeAdapterCallback: (column) => (column.name === 'external_id' ? 'text' : undefined),
    // soft-deleted rows stay in the source
    queryAdapterCallback: (select) => ({
      ...select,
      where: [...select.where, 'deleted_at IS NULL'],
    }),
    chunkSize: 3,
  })
  console.log(`email hint: ${JSON.stringify(accounts.hints.columns?.['email'])}`)
  const info = await pipeline.run(accounts)
  console.log(`accounts loaded: ${info.rowCounts['accounts']}`)
  const [first] = await pipeline.dataset().query('SELECT * FROM accounts ORDER BY id LIMIT 1')
  console.log(
    `columns: ${Object.keys(first ?? {})
      .filter((name) => !name.startsWith('_dlt'))
      .join(', ')}`,
  )

  // Deferred reflection: nothing connects until the pipeline runs; only the named columns.
  const narrow = await sqlTable({
    credentials,
    schema,
    table: 'accounts',
    name: 'accounts_narrow',
    includedColumns: ['id', 'email'],
    deferTableReflect: true,
  })
  await pipeline.run(narrow)
  const narrowRows = await pipeline.dataset().query('SELECT * FROM accounts_narrow ORDER BY id')
  const narrowColumns = Object.keys(narrowRows[0] ?? {}).filter((name) => !name.startsWith('_dlt'))
  console.log(`deferred copy: ${narrowRows.length} rows of ${narrowColumns.join(', ')}`)
} finally {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
  rmSync(dir, { recursive: true, force: true })
}
