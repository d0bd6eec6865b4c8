/**
 * `dlt-ts pipeline <name> show` end to end: a real pipeline on a DuckDB file with a failed
 * load, the browser's server on 127.0.0.1, and the page driven in a real headless Chromium
 * (Debian's `chromium` through playwright-core): open it, go to a table, page through its rows,
 * run a query, see the failed job. Skipped, saying why, where no Chromium is installed.
 */
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPipeline } from '../../../src/cli/pipeline/open-pipeline.js'
import { type ShowServer, startShowServer } from '../../../src/cli/show/show-server.js'
import * as dlt from '../../../src/index.js'
import { findChromium, missingChromiumReason } from '../../support/find-chromium.js'
import { runCli } from '../../support/run-cli.js'
import type { TempPipelineDir } from '../../support/temp-pipeline.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'

const root = new URL('../../../', import.meta.url).pathname
let temp: TempPipelineDir
let server: ShowServer
let failedLoadId: string | undefined
const savedEnv = process.env['DESTINATION__DUCKDB__CREDENTIALS']

beforeAll(async () => {
  temp = createTempPipelineDir('dlt-ts-show-')
  process.env['DESTINATION__DUCKDB__CREDENTIALS'] = temp.dbPath
  const pipeline = dlt.pipeline({
    pipelineName: 'shop',
    destination: 'duckdb',
    datasetName: 'shop_data',
    pipelinesDir: temp.pipelinesDir,
  })
  const orders = Array.from({ length: 45 }, (_, i) => ({
    id: i + 1,
    customer: { name: `customer <b>${i}</b>` },
    lines: [{ sku: `sku-${i}`, qty: (i % 3) + 1 }],
  }))
  await pipeline.run(orders, { tableName: 'orders', primaryKey: 'id', writeDisposition: 'merge' })
  // a table the next load violates: the load fails and its package stays pending
  const instance = await DuckDBInstance.create(temp.dbPath)
  const connection = await instance.connect()
  await connection.run(
    'create table shop_data.refunds (id BIGINT CHECK (id < 100), _dlt_load_id VARCHAR NOT NULL, _dlt_id VARCHAR NOT NULL)',
  )
  connection.closeSync()
  instance.closeSync()
  await expect(pipeline.run([{ id: 500 }], { tableName: 'refunds' })).rejects.toThrow(/CHECK/)
  failedLoadId = pipeline.pendingPackages().normalized[0]
  server = await startShowServer(openPipeline('shop', temp.pipelinesDir))
})

afterAll(async () => {
  await server?.close()
  if (savedEnv === undefined) delete process.env['DESTINATION__DUCKDB__CREDENTIALS']
  else process.env['DESTINATION__DUCKDB__CREDENTIALS'] = savedEnv
  temp?.cleanup()
})

async function getJson(path: string, init?: RequestInit) {
  const response = await fetch(new URL(path, server.url), init)
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

const postQuery = (sql: string) =>
  getJson('/api/query', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sql }),
  })

describe('show: JSON endpoints', () => {
  it('serves the overview, schemas, pages of rows, loads and packages', async () => {
    const overview = (await getJson('/api/overview')).body
    expect(overview).toMatchObject({ destination: 'duckdb', datasetName: 'shop_data' })
    expect(overview['lastTrace'].steps.map((s: { step: string }) => s.step)).toEqual([
      'sync',
      'extract',
      'normalize',
      'load',
    ])
    const [schema] = (await getJson('/api/schemas')).body as unknown as any[]
    const orders = schema.tables.find((t: { name: string }) => t.name === 'orders')
    expect(orders.children).toEqual(['orders__lines'])
    expect(orders.columns.find((c: { name: string }) => c.name === 'id')).toMatchObject({
      dataType: 'bigint',
      nullable: false,
      hints: { primary_key: true },
    })
    const page = (await getJson('/api/rows?table=orders&offset=40&limit=20')).body
    expect(page).toMatchObject({ total: 45, offset: 40 })
    expect(page['rows']).toHaveLength(5)
    expect((await getJson('/api/rows?table=nope')).status).toBe(404)
    const loads = (await getJson('/api/loads')).body as unknown as any[]
    expect(loads).toHaveLength(1)
    const recent = (await getJson('/api/recent-loads')).body as unknown as any[]
    expect(recent).toEqual([
      expect.objectContaining({ load_id: loads[0].load_id, rowCounts: { orders: 45 } }),
    ])
    const packages = (await getJson('/api/packages')).body
    expect(packages['failedJobs']).toEqual([
      expect.objectContaining({ loadId: failedLoadId, table: 'refunds', pending: true }),
    ])
  })

  it('runs reads and refuses writes', async () => {
    expect((await postQuery('select count(*) as n from orders')).body).toMatchObject({
      rows: [{ n: 45 }],
    })
    expect(
      (await postQuery("with t as (select 'delete; drop' as x) select x from t")).body['rows'],
    ).toEqual([{ x: 'delete; drop' }])
    for (const sql of [
      'delete from orders',
      'select 1; drop table orders',
      'create table x as select 1',
      'select * into copy_of_orders from orders',
      'with d as (delete from orders returning *) select * from d',
      "attach 'other.duckdb'",
    ]) {
      const { status, body } = await postQuery(sql)
      expect(status, sql).toBe(403)
      expect(body['error'], sql).toMatch(/^Only (reads|one statement)/)
    }
    expect((await postQuery('select count(*) as n from orders')).body['rows']).toEqual([{ n: 45 }])
    const form = await fetch(new URL('/api/query', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'sql=select 1',
    })
    expect(form.status).toBe(415)
    // fetch cannot set Host: a raw request, as a page of another site would send it (DNS rebinding)
    const rebinding = await new Promise<number>((resolve, reject) => {
      request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/overview',
          headers: { host: `evil.example:${server.port}` },
        },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        },
      )
        .on('error', reject)
        .end()
    })
    expect(rebinding).toBe(403)
  })
})

describe('dlt-ts pipeline <name> show', () => {
  it('says when its port is taken', async () => {
    const result = await runCli(
      'pipeline',
      'shop',
      'show',
      '--port',
      String(server.port),
      '--pipelines-dir',
      temp.pipelinesDir,
    )
    expect(result.code).toBe(1)
    expect(result.err).toBe(
      `error: Port ${server.port} on 127.0.0.1 is in use (another show, or another server): pass another --port, or --port 0 for a free one.`,
    )
    expect((await runCli('pipeline', 'shop', 'show', '--port', 'x')).code).toBe(2)
  })

  it('prints the address, serves the page, and stops on SIGINT with exit code 0', async () => {
    const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/esm/index.mjs')).href
    const child = spawn(
      process.execPath,
      ['--import', tsx, join(root, 'src/cli/main.ts'), 'pipeline', 'shop', 'show'],
      {
        env: {
          ...process.env,
          DLT_DATA_DIR: temp.dir,
          DESTINATION__DUCKDB__CREDENTIALS: temp.dbPath,
        },
      },
    )
    let out = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk
        const match =
          /^Pipeline shop: (http:\/\/127\.0\.0\.1:\d+\/) \(port \d+; Ctrl\+C to stop\)$/m.exec(out)
        if (match) resolve(match[1]!)
      })
      child.on('exit', (code) => reject(new Error(`show exited with ${code}: ${out}`)))
    })
    const page = await fetch(url)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('<title>dlt-ts · shop</title>')
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  })
})

const chromiumPath = findChromium()
if (!chromiumPath) console.warn(`show.test.ts: browser test skipped: ${missingChromiumReason}`)

describe.skipIf(!chromiumPath)('show: the page in headless Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox'] })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('opens the page, goes to a table, pages through rows, runs a query, sees the failed job', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const external: string[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) external.push(request.url())
    })
    await page.goto(server.url)
    await expect.poll(() => page.locator('#overview').textContent()).toContain('shop_data')
    expect(await page.locator('#steps').textContent()).toContain('load')
    await expect.poll(() => page.locator('#recent-loads').textContent()).toContain('orders: 45')

    // schema browser: the table, its columns and hints, its nested table
    await page.click('nav >> text=Schema')
    await page.click('a[data-table="orders"]')
    await page.waitForSelector('#columns')
    expect(await page.locator('#columns').textContent()).toContain('primary_key')
    expect(await page.locator('a[href="#/schema/orders__lines"]').textContent()).toBe(
      'orders__lines',
    )

    // data browser: three pages of 20, 20 and 5 rows
    await page.click('text=browse rows')
    await expect.poll(() => page.locator('#page-info').textContent()).toBe('rows 1–20 of 45')
    expect(await page.locator('#rows tbody tr').count()).toBe(20)
    // ordered by the primary key, so pages do not overlap
    expect(await page.locator('#rows tbody tr:first-child td:first-child').textContent()).toBe('1')
    // values are text, never HTML
    expect(await page.locator('#rows b').count()).toBe(0)
    expect(await page.locator('#rows').textContent()).toContain('customer <b>')
    await page.click('button:has-text("Next")')
    await expect.poll(() => page.locator('#page-info').textContent()).toBe('rows 21–40 of 45')
    await page.click('button:has-text("Next")')
    await expect.poll(() => page.locator('#page-info').textContent()).toBe('rows 41–45 of 45')
    expect(await page.locator('#rows tbody tr').count()).toBe(5)
    expect(await page.locator('#rows tbody tr:last-child td:first-child').textContent()).toBe('45')
    expect(await page.locator('button:has-text("Next")').isDisabled()).toBe(true)
    await page.click('button:has-text("Previous")')
    await expect.poll(() => page.locator('#page-info').textContent()).toBe('rows 21–40 of 45')

    // SQL box: a read, then a refused write
    await page.click('nav >> text=SQL')
    await page.fill('#sql', 'select sku, qty from orders__lines where qty = 3 order by sku')
    await page.click('button:has-text("Run query")')
    await page.waitForSelector('#query-rows')
    expect(await page.locator('#query-rows tbody tr').count()).toBe(15)
    await page.fill('#sql', 'drop table orders')
    await page.click('button:has-text("Run query")')
    await expect.poll(() => page.locator('#result .error').textContent()).toMatch(/Only reads/)

    // loads and the failed job with its error
    await page.click('nav >> text=Loads')
    await page.waitForSelector('#loads')
    expect(await page.locator('#loads tbody tr').count()).toBe(1)
    await page.click('nav >> text=Packages')
    await page.waitForSelector('.failed-job')
    const failed = await page.locator('.failed-job').textContent()
    expect(failed).toContain('table refunds')
    expect(failed).toContain(`load id ${failedLoadId}`)
    expect(failed).toContain('CHECK constraint failed')
    expect(failed).toContain('package pending')

    expect(errors).toEqual([])
    expect(external).toEqual([])
    await page.close()
  })
})
