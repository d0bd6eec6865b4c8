/**
 * Custom destinations through real pipelines: batching, the table schema the function sees,
 * resuming after a failure at batch N without resending a delivered batch, naming, dlt columns
 * and tables, nesting, decoded value types, and file mode (`batchSize: 0`).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CustomDestinationError,
  type CustomDestinationItem,
  destination,
} from '../../../src/destinations/custom/index.js'
import type { TableSchema } from '../../../src/index.js'
import * as dlt from '../../../src/index.js'
import { createTempDir, type TempDir } from './destination-test-kit.js'

let temp: TempDir
beforeAll(() => {
  temp = createTempDir('dlt-ts-custom-')
})
afterAll(() => temp.cleanup())

interface Call {
  readonly table: TableSchema
  readonly items: CustomDestinationItem[]
}

/** A destination recording every call; `fail(call)` may throw to simulate a failing API. */
function recorder(
  options: Parameters<typeof destination>[1] = {},
  fail: (call: Call, index: number) => void = () => {},
) {
  const calls: Call[] = []
  const dest = destination(async (items, table) => {
    const call = { table, items }
    fail(call, calls.length)
    calls.push(call)
  }, options)
  return { dest, calls }
}

let count = 0
const pipelineFor = (dest: dlt.Destination) =>
  dlt.pipeline({
    pipelineName: `custom_${++count}`,
    destination: dest,
    pipelinesDir: temp.path('pipelines'),
  })

const rows = (n: number) => Array.from({ length: n }, (_, id) => ({ id, name: `n${id}` }))

describe('batches', () => {
  it('calls the function with batches of batchSize rows (10 by default) and the table schema', async () => {
    const { dest, calls } = recorder()
    const info = await pipelineFor(dest).run(rows(25), { tableName: 'users' })
    expect(calls.map((c) => c.items.length)).toEqual([10, 10, 5])
    expect(calls.flatMap((c) => c.items.map((i) => i['id']))).toEqual(rows(25).map((r) => r.id))
    const { table } = calls[0]!
    expect(table.name).toBe('users')
    expect(Object.keys(table.columns)).toEqual(['id', 'name'])
    expect(table.columns['id']).toMatchObject({ name: 'id', data_type: 'bigint' })
    expect(table.write_disposition).toBe('append')
    // dlt's tables (the pipeline state) and columns never reach the function
    expect(calls.every((c) => c.table.name === 'users')).toBe(true)
    expect(Object.keys(calls[0]!.items[0]!)).toEqual(['id', 'name'])
    expect(info.rowCounts['users']).toBe(25)
    expect(info.destinationName).toBe('destination')
  })

  it('takes batchSize and name, and never calls the function with an empty batch', async () => {
    const { dest, calls } = recorder({ batchSize: 3, name: 'my_api' })
    const info = await pipelineFor(dest).run(rows(6), { tableName: 'users' })
    expect(calls.map((c) => c.items.length)).toEqual([3, 3])
    expect(info.destinationName).toBe('my_api')
    await expect(pipelineFor(dest).dataset().rows('users')).rejects.toThrow(
      /custom destination "my_api" hands rows to a function and keeps no dataset/,
    )
  })
})

describe('resume', () => {
  it('resumes at the failed batch and sends no delivered batch twice', async () => {
    let failures = 0
    const { dest, calls } = recorder({ name: 'flaky_api' }, (_call, index) => {
      if (index === 6 && failures++ === 0) throw new Error('503 Service Unavailable')
    })
    const pipeline = pipelineFor(dest)
    const failed = await pipeline.run(rows(100), { tableName: 'users' }).catch((e: unknown) => e)
    expect(String(failed)).toMatch(
      /Custom destination "flaky_api" failed on batch 7 of table "users" \(file users\.\w+\.0\.jsonl, after 60 row\(s\) delivered\): 503 Service Unavailable\. Run the pipeline again to resume at batch 7/,
    )
    expect((failed as Error).cause).toBeInstanceOf(Error)
    expect(((failed as Error).cause as Error).cause).toBeInstanceOf(CustomDestinationError)
    expect(calls).toHaveLength(6)
    const info = await pipeline.run()
    expect(info.resumedLoadIds).toHaveLength(1)
    expect(calls).toHaveLength(10)
    // every row exactly once, in order
    expect(calls.flatMap((c) => c.items.map((i) => i['id']))).toEqual(rows(100).map((r) => r.id))
    expect(pipeline.pendingPackages().normalized).toEqual([])
  })

  it('does not send a table again whose job finished before another table failed', async () => {
    let failed = false
    const { dest, calls } = recorder({}, (call) => {
      if (call.table.name === 'orders' && !failed) {
        failed = true
        throw new Error('timeout')
      }
    })
    const pipeline = pipelineFor(dest)
    const source = dlt.source(
      () => [
        dlt.resource(() => rows(3), { name: 'customers' }),
        dlt.resource(() => rows(2), { name: 'orders' }),
      ],
      { name: 'shop' },
    )
    await expect(pipeline.run(source)).rejects.toThrow(/table "orders".*timeout/)
    await pipeline.run()
    expect(calls.map((c) => `${c.table.name}:${c.items.length}`)).toEqual([
      'customers:3',
      'orders:2',
    ])
  })

  it('passes a TerminalError of the function through unchanged', async () => {
    const { dest } = recorder({}, () => {
      throw new dlt.TerminalError('401 Unauthorized: check the API key')
    })
    const error = await pipelineFor(dest)
      .run(rows(1), { tableName: 'users' })
      .catch((e: unknown) => e)
    expect(String(error)).toContain('401 Unauthorized: check the API key')
    expect(String(error)).not.toContain('resume at batch')
  })
})

describe('names, dlt columns and nesting', () => {
  const item = { 'User ID': 1, 'First Name': 'Ann', address: { 'Zip Code': '10115' } }

  it('keeps names as they are (direct naming) and flattens no further than asked', async () => {
    const { dest, calls } = recorder()
    await pipelineFor(dest).run([item], { tableName: 'CRM Contacts', maxTableNesting: 0 })
    expect(calls[0]!.table.name).toBe('CRM Contacts')
    expect(calls[0]!.items).toEqual([item])
    expect(calls[0]!.table.columns['address']?.data_type).toBe('json')
  })

  it('uses another naming convention when asked', async () => {
    const { dest, calls } = recorder({ naming: 'snake_case', maxTableNesting: 1 })
    await pipelineFor(dest).run([item], { tableName: 'CRM Contacts' })
    expect(calls[0]!.table.name).toBe('crm_contacts')
    expect(calls[0]!.items).toEqual([{ user_id: 1, first_name: 'Ann', address__zip_code: '10115' }])
  })

  it('passes dlt tables and columns when skipDltColumnsAndTables is false', async () => {
    const { dest, calls } = recorder({ skipDltColumnsAndTables: false })
    await pipelineFor(dest).run([{ id: 1 }], { tableName: 'users' })
    expect(calls.map((c) => c.table.name).sort()).toEqual(['_dlt_pipeline_state', 'users'])
    const users = calls.find((c) => c.table.name === 'users')!
    expect(Object.keys(users.items[0]!)).toEqual(['id', '_dlt_load_id', '_dlt_id'])
  })

  // The destination's `maxTableNesting` (default 0) reaches the normalizer through the pipeline,
  // which applies `capabilities.maxTableNesting` to the schema (table hints still override it).
  it('delivers nested data whole by default (maxTableNesting 0)', async () => {
    const { dest, calls } = recorder()
    await pipelineFor(dest).run([{ id: 1, tags: ['a', 'b'] }], { tableName: 'users' })
    expect(calls.map((c) => c.table.name)).toEqual(['users'])
    expect(calls[0]!.items).toEqual([{ id: 1, tags: ['a', 'b'] }])
  })

  it('reports the nesting level to the pipeline as a capability', () => {
    expect(destination(() => {}).capabilities().maxTableNesting).toBe(0)
    expect(destination(() => {}, { maxTableNesting: 2 }).capabilities().maxTableNesting).toBe(2)
    expect(destination(() => {}).capabilities().namingConvention).toBe('direct')
  })
})

describe('values and files', () => {
  it('decodes timestamps, big integers, wei, binary and json to JavaScript values', async () => {
    const { dest, calls } = recorder()
    const at = new Date('2024-05-06T07:08:09.123Z')
    await pipelineFor(dest).run(
      [
        {
          at,
          big: 2n ** 62n,
          small: 7,
          wei: 2n ** 70n,
          bytes: new Uint8Array([1, 2]),
          doc: { a: [1] },
          price: 1.5,
          ok: true,
        },
      ],
      { tableName: 'values', columns: { doc: { dataType: 'json' } } },
    )
    const [value] = calls[0]!.items
    expect(value).toEqual({
      at,
      big: 2n ** 62n,
      small: 7,
      wei: 2n ** 70n,
      bytes: new Uint8Array([1, 2]),
      doc: { a: [1] },
      price: 1.5,
      ok: true,
    })
  })

  it('hands over whole files with batchSize 0, converted to loaderFileFormat', async () => {
    const seen: { path: string; table: string; rows: number }[] = []
    const dest = destination(
      async (path: string, table) => {
        expect(existsSync(path)).toBe(true)
        const instance = await DuckDBInstance.create(':memory:')
        const connection = await instance.connect()
        const [row] = (
          await connection.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${path}')`)
        ).getRowObjectsJS()
        connection.closeSync()
        instance.closeSync()
        seen.push({ path, table: table.name, rows: Number(row!['n']) })
      },
      { batchSize: 0, loaderFileFormat: 'parquet' },
    )
    await pipelineFor(dest).run(rows(42), { tableName: 'users' })
    expect(seen).toEqual([
      { path: expect.stringMatching(/users\.\w+\.0\.parquet$/), table: 'users', rows: 42 },
    ])
    expect(existsSync(seen[0]!.path)).toBe(false) // a temp file, removed afterwards
  })

  it('keeps per-job progress in the load package', async () => {
    const { dest } = recorder({ batchSize: 4 })
    const pipeline = pipelineFor(dest)
    // loaded packages keep their job files and progress only when asked to
    process.env[`${pipeline.pipelineName.toUpperCase()}__LOAD__DELETE_COMPLETED_JOBS`] = 'false'
    const info = await pipeline.run(rows(10), { tableName: 'users' })
    const loadId = info.loadPackages[0]!.loadId
    const job = info.loadPackages[0]!.jobs.find((j) => j.table === 'users')!
    const progress = `${pipeline.workingDir}/load/loaded/${loadId}/destination_state/${job.fileNames[0]}.json`
    expect(JSON.parse(readFileSync(progress, 'utf8'))).toEqual({ rows: 10 })
  })

  it('checks its options at the API boundary', () => {
    expect(() => destination('nope' as never)).toThrow(/must be a function/)
    expect(() => destination(() => {}, { batchSize: -1 })).toThrow(/`batchSize`/)
    expect(() => destination(() => {}, { naming: 'kebab' })).toThrow(/naming convention/)
    expect(() => destination(() => {}, { maxTableNesting: 1.5 })).toThrow(/`maxTableNesting`/)
    expect(destination(function pushToCrm() {}).name).toBe('pushToCrm')
  })
})

describe('examples/reverse-etl', () => {
  it('duckdb-to-http.ts pushes a DuckDB table to a local API and resumes after a 503', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'examples/reverse-etl/duckdb-to-http.ts'],
      { cwd: new URL('../../../', import.meta.url).pathname, encoding: 'utf8', timeout: 60_000 },
    )
    expect(out).toContain('failed on batch 3 of table "contacts"')
    expect(out).toContain('the API received 25 contacts in 4 requests')
    expect(out).toContain('each contact once: true')
    expect(out).toContain('nested data stays whole: {"plan":"pro","seats":1}')
  })
})
