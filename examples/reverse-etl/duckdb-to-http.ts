/**
 * Reverse ETL: push the rows of a DuckDB table to an HTTP API with a custom destination.
 *
 * A local `node:http` server plays the API (127.0.0.1, a free port); it answers one request with
 * 503 to show that a failed run resumes at the failed batch without sending any batch twice.
 *
 *   npx tsx examples/reverse-etl/duckdb-to-http.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { destination } from '../../src/destinations/custom/index.js'
import * as dlt from '../../src/index.js'

// --- the API: POST /<table> takes a JSON array of rows --------------------------------------
const received: Record<string, unknown>[] = []
let requests = 0
const server = createServer((request, response) => {
  let body = ''
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8')
  })
  request.on('end', () => {
    requests++
    if (requests === 3) {
      response.writeHead(503).end('busy, try later') // one outage, on the third batch
      return
    }
    received.push(...(JSON.parse(body) as Record<string, unknown>[]))
    response.writeHead(201).end()
  })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

// --- the source: a table in DuckDB ------------------------------------------------------------
const duck = await DuckDBInstance.create(':memory:')
const connection = await duck.connect()
await connection.run(`
  CREATE TABLE contacts AS
  SELECT CAST(i AS INTEGER) AS id, 'user' || i || '@example.com' AS email,
         i % 3 = 0 AS is_customer, {'plan': 'pro', 'seats': CAST(i AS INTEGER)} AS account
  FROM range(1, 26) AS t(i)`)

const contacts = dlt.resource(
  async function* () {
    // page through the table, as a reverse-ETL job would through a large warehouse table
    for (let offset = 0; ; offset += 10) {
      const page = await connection.runAndReadAll(
        `SELECT * FROM contacts ORDER BY id LIMIT 10 OFFSET ${offset}`,
      )
      const rows = page.getRowObjectsJson()
      if (rows.length === 0) return
      yield rows
    }
  },
  // keep `account` a nested object: the API takes JSON
  { name: 'contacts', maxTableNesting: 0 },
)

// --- the destination: one POST per batch of 10 rows -------------------------------------------
const toApi = destination(
  async (items, table) => {
    const response = await fetch(`${apiUrl}/${table.name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(items),
    })
    if (!response.ok)
      throw new Error(`POST /${table.name}: ${response.status} ${await response.text()}`)
  },
  { name: 'contacts_api', batchSize: 10 },
)

const pipelinesDir = mkdtempSync(join(tmpdir(), 'dlt-ts-reverse-etl-'))
try {
  const pipeline = dlt.pipeline({ pipelineName: 'reverse_etl', destination: toApi, pipelinesDir })
  try {
    await pipeline.run(contacts)
  } catch (error) {
    console.log(`first run failed: ${(error as Error).message.split('. Run the pipeline')[0]}`)
  }
  const info = await pipeline.run() // finishes the pending package, from the failed batch on
  console.log(info.toString())
  const ids = received.map((row) => row['id'])
  console.log(`the API received ${received.length} contacts in ${requests} requests`)
  console.log(`each contact once: ${new Set(ids).size === 25 && ids.length === 25}`)
  console.log(`nested data stays whole: ${JSON.stringify(received[0]?.['account'])}`)
} finally {
  rmSync(pipelinesDir, { recursive: true, force: true })
  connection.closeSync()
  duck.closeSync()
  server.close()
}
