/**
 * DuckDB's load memory cap (`loadMemoryLimit`) with the defaults, through whole pipeline runs on
 * real database files: packages that fit the machine load however wide their tables are or
 * however many tables they hold (issue #14 point 5), and a package that failed does not block the
 * runs after it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DuckDbClient } from '../../../src/destinations/duckdb/duckdb-client.js'
import { duckdb } from '../../../src/destinations/index.js'
import * as dlt from '../../../src/index.js'
import {
  countRows,
  createTempPipelineDir,
  type TempPipelineDir,
} from '../../support/temp-pipeline.js'
import { createSchema, createTempDir, loadTables, rootTable } from './destination-test-kit.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir('dlt-ts-duckdb-memory-')
})
afterEach(() => temp.cleanup())

const count = countRows

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A row of `width` columns of mixed types (only text with `text`). */
function wideRow(
  id: number,
  width: number,
  next: () => number,
  text = false,
): Record<string, unknown> {
  const row: Record<string, unknown> = { id }
  for (let c = 0; c < width; c++) {
    const kind = text ? 0 : c % 4
    row[`c${c}`] =
      kind === 0
        ? `text ${id} ${c} ${next().toString(36)}`
        : kind === 1
          ? Math.floor(next() * 1e9)
          : kind === 2
            ? next()
            : new Date(Date.UTC(2024, 0, 1 + (c % 28))).toISOString()
  }
  return row
}

describe('DuckDB load memory with the default loadMemoryLimit', () => {
  it('loads a 1,000-column table with 100 rows', async () => {
    const pipeline = temp.pipeline('wide')
    const next = random(1)
    // text columns need the most memory in DuckDB's insert
    const rows = Array.from({ length: 100 }, (_, id) => wideRow(id, 1000, next, true))
    const info = await pipeline.run(rows, { tableName: 'wide' })
    expect(info.rowCounts['wide']).toBe(100)
    expect(await count(pipeline, 'wide')).toBe(100)
    const [row] = await pipeline.dataset().query('select c999, c4 from data.wide where id = 7')
    expect(String(row?.['c999'])).toMatch(/^text 7 999 /)
    expect(String(row?.['c4'])).toMatch(/^text 7 4 /)
  })

  it('loads a random mix of 50 tables of varying widths, nested, in one package', async () => {
    const pipeline = temp.pipeline('mix')
    const next = random(42)
    const resources = Array.from({ length: 50 }, (_, t) => {
      const width = 1 + Math.floor(next() * 400)
      const rowCount = 1 + Math.floor(next() * 60)
      const rows = Array.from({ length: rowCount }, (_, id) => ({
        ...wideRow(id, width, next),
        // nested lists make child tables, some of them wide themselves
        children: Array.from({ length: Math.floor(next() * 4) }, (_, k) =>
          wideRow(k, Math.floor(next() * 120), next),
        ),
      }))
      return { name: `t${t}`, rows }
    })
    const source = dlt.source(
      () => resources.map(({ name, rows }) => dlt.resource(() => rows, { name })),
      { name: 'mix' },
    )
    const info = await pipeline.run(source)
    expect(info.loadPackages).toHaveLength(1)
    const expected: Record<string, number> = {}
    for (const { name, rows } of resources) {
      expected[name] = rows.length
      const children = rows.reduce((sum, row) => sum + row.children.length, 0)
      if (children) expected[`${name}__children`] = children
    }
    for (const [table, rows] of Object.entries(expected)) expect(info.rowCounts[table]).toBe(rows)
    // one query: each one opens the database again
    const counts = await pipeline.dataset().query(
      Object.keys(expected)
        .map((table) => `select '${table}' as t, count(*) as n from data.${table}`)
        .join(' union all '),
    )
    expect(Object.fromEntries(counts.map((row) => [row['t'], Number(row['n'])]))).toEqual(expected)
  })
})

describe('DuckDB load memory fallback', () => {
  it("loads a package that ran out of memory under the cap again with DuckDB's own limit", async () => {
    // 1 MB cannot hold the insert: the first attempt fails, is rolled back, and the loader
    // tries once more on a fresh database instance without the cap
    const pipeline = temp.pipeline('capped', {
      destination: duckdb({ credentials: temp.dbPath, loadMemoryLimit: '1MB' }),
    })
    const rows = Array.from({ length: 5000 }, (_, id) => ({ id, text: 'x'.repeat(200) + id }))
    const info = await pipeline.run(rows, { tableName: 'items' })
    expect(info.hasFailedJobs).toBe(false)
    expect(info.notes.join('\n')).toMatch(
      /ran out of memory under the load's memory_limit of 1MB .*loaded again with DuckDB's own memory_limit/,
    )
    expect(info.toString()).toMatch(/Note: package \d+\.\d+: DuckDB ran out of memory/)
    expect(await count(pipeline, 'items')).toBe(5000)
    // loaded once: the failed attempt left nothing behind
    const loads = await pipeline.dataset().query('select count(*) as n from data._dlt_loads')
    expect(Number(loads[0]?.['n'])).toBe(1)
    expect(pipeline.pendingPackages().normalized).toEqual([])
    // the cap is lifted for one load step: the next run starts from the option as given (and
    // 1 MB is too little for any insert into this table, so it falls back again)
    const again = await pipeline.run(rows.slice(0, 10), { tableName: 'items' })
    expect(again.notes.join('\n')).toMatch(/out of memory under the load's memory_limit of 1MB/)
    expect(await count(pipeline, 'items')).toBe(5010)
  })
})

describe('DuckDB load memory at the limit of the machine', () => {
  it("keeps DuckDB's own limit when a table needs more, and names the option on out-of-memory", async () => {
    const dir = createTempDir('dlt-ts-duckdb-own-limit-')
    const client = duckdb({ credentials: dir.path('small.duckdb') }).createClient({
      pipelineName: 'small',
      datasetName: 'data',
    }) as DuckDbClient
    try {
      // a machine whose DuckDB may use 32 MB: 'auto' must not raise the cap above it
      await client.query("SET memory_limit = '32MB'")
      const columns = Object.fromEntries(
        Array.from({ length: 300 }, (_, c) => [`c${c}`, { data_type: 'text' as const }]),
      )
      const schema = createSchema('small', [rootTable('items', columns)])
      const next = random(7)
      const rows = Array.from({ length: 10 }, (_, id) => ({
        ...wideRow(id, 300, next, true),
        _dlt_load_id: '1700000040.0',
        _dlt_id: `id${id}`,
      }))
      const failing = loadTables(client, schema, dir.dir, {
        loadId: '1700000040.0',
        rows: { items: rows },
      })
      await expect(failing).rejects.toThrow(
        /Out of Memory[\s\S]*own memory_limit \(30\.5 MiB\)[\s\S]*raise the duckdb destination's `loadMemoryLimit`/,
      )
    } finally {
      await client.close()
      dir.cleanup()
    }
  })
})
