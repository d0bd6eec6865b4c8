/**
 * Names that become paths (issue #14.3): table names from data, the dataset name of the
 * filesystem destination, pipeline names and source (schema) names. Each vector either lands
 * inside its folder under a safe name, with every row delivered, or is refused with a clear error
 * before anything is written. Real DuckDB, a real bucket folder, a real custom destination.
 */
import { type Dirent, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { destination } from '../../../src/destinations/custom/index.js'
import { filesystem } from '../../../src/destinations/filesystem/index.js'
import * as dlt from '../../../src/index.js'

/** The vectors of the issue: traversal, separators of both kinds, NUL, an absolute path. */
const VECTORS = ['../../x', '..', 'a/b', 'a\\b', 'a\0b', '/tmp/x'] as const

/** What `snake_case` (duckdb, filesystem) makes of each vector. */
const SNAKE_CASE: Readonly<Record<(typeof VECTORS)[number], string>> = {
  '../../x': '_x',
  '..': 'x',
  'a/b': 'a_b',
  'a\\b': 'a_b',
  'a\0b': 'a_b',
  '/tmp/x': '_tmp_x',
}

/**
 * A temp *parent* folder holding `root/`, where the pipelines, the DuckDB file and the bucket
 * live: an escape from `root` shows up as an entry of the parent.
 */
let parent: string
let root: string
let pipelinesDir: string
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'dlt-ts-names-'))
  root = join(parent, 'root')
  pipelinesDir = join(root, 'pipelines')
  mkdirSync(root)
})
afterEach(() => rmSync(parent, { recursive: true, force: true }))

/** Every entry below `dir`, relative to it, with `/` separators. */
function listTree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .map((entry) =>
      relative(dir, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join('/'),
    )
    .sort()
}

/**
 * Entries below the parent that are neither `root` itself nor inside one of `allowed` (folders
 * relative to `root`, or files). The tests assert this is empty: nothing escaped.
 */
function strayEntries(allowed: readonly string[]): string[] {
  return listTree(parent).filter((path) => {
    if (path === 'root') return false
    if (!path.startsWith('root/')) return true
    const inRoot = path.slice('root/'.length)
    return !allowed.some(
      (prefix) =>
        inRoot === prefix || inRoot.startsWith(`${prefix}/`) || prefix.startsWith(`${inRoot}/`),
    )
  })
}

let count = 0
const uniqueName = (prefix: string) => `${prefix}_${++count}`

/** A resource yielding `rows` items marked with `dlt.mark.withTableName(item, table)`. */
const marked = (table: string, rows: number) =>
  dlt.resource(
    function* events() {
      for (let id = 1; id <= rows; id++) yield dlt.mark.withTableName({ id }, table)
    },
    { name: 'events' },
  )

describe('table names from data', () => {
  describe.each(VECTORS)('table %j', (vector) => {
    it('duckdb: loads into the snake_case table inside the dataset', async () => {
      const name = uniqueName('duck')
      const pipeline = dlt.pipeline({
        pipelineName: name,
        destination: dlt.destinations.duckdb({ credentials: join(root, 'test.duckdb') }),
        datasetName: 'data',
        pipelinesDir,
      })
      const info = await pipeline.run(marked(vector, 2))
      const table = SNAKE_CASE[vector]
      expect(info.rowCounts[table]).toBe(2)
      expect(await pipeline.dataset().rows(table)).toHaveLength(2)
      expect(strayEntries([`pipelines/${name}`, 'test.duckdb', 'test.duckdb.wal'])).toEqual([])
    })

    it('filesystem: writes the snake_case table folder inside the dataset folder', async () => {
      const name = uniqueName('fs')
      const pipeline = dlt.pipeline({
        pipelineName: name,
        destination: filesystem({ bucketUrl: join(root, 'bucket') }),
        datasetName: 'data',
        pipelinesDir,
      })
      const info = await pipeline.run([{ id: 1 }, { id: 2 }], { tableName: vector })
      const table = SNAKE_CASE[vector]
      expect(info.rowCounts[table]).toBe(2)
      expect(listTree(join(root, 'bucket', 'data', table))).toHaveLength(1)
      expect(await pipeline.dataset().rows(table)).toHaveLength(2)
      expect(strayEntries([`pipelines/${name}`, 'bucket/data'])).toEqual([])
    })

    it('custom destination (direct naming): the function gets every row under the original name', async () => {
      const name = uniqueName('custom')
      const received: Record<string, number> = {}
      const dest = destination(
        (items, table) => {
          received[table.name] = (received[table.name] ?? 0) + items.length
        },
        { batchSize: 2 },
      )
      const pipeline = dlt.pipeline({ pipelineName: name, destination: dest, pipelinesDir })
      const info = await pipeline.run(marked(vector, 3))
      expect(received).toEqual({ [vector]: 3 })
      expect(info.rowCounts[vector]).toBe(3)
      expect(info.loadPackages[0]!.jobs.find((job) => job.table === vector)?.rows).toBe(3)
      expect(strayEntries([`pipelines/${name}`])).toEqual([])
      // every job file that is still there sits directly in a package's job folder
      const jobFiles = listTree(join(pipelinesDir, name)).filter((path) =>
        /\.(typed-)?jsonl$/.test(path),
      )
      for (const path of jobFiles) expect(path).toMatch(/\/(new_jobs|completed_jobs)\/[^/]+$/)
    })

    it('custom destination with batchSize 0: the function gets a file inside the package', async () => {
      const name = uniqueName('custom_file')
      const seen: { path: string; table: string }[] = []
      const dest = destination((path, table) => void seen.push({ path, table: table.name }), {
        batchSize: 0,
      })
      const pipeline = dlt.pipeline({ pipelineName: name, destination: dest, pipelinesDir })
      // the `tableName` option of a resource, as a function of the item
      const rows = dlt.resource(() => [{ id: 1 }], { name: 'rows', tableName: () => vector })
      await pipeline.run(rows)
      expect(seen).toHaveLength(1)
      expect(seen[0]!.table).toBe(vector)
      expect(relative(join(pipelinesDir, name), seen[0]!.path).startsWith('..')).toBe(false)
      expect(strayEntries([`pipelines/${name}`])).toEqual([])
    })
  })
})

describe('the dataset name of the filesystem destination', () => {
  it.each(VECTORS)('refuses %j before anything is written', async (vector) => {
    const name = uniqueName('fs_dataset')
    const pipeline = dlt.pipeline({
      pipelineName: name,
      destination: filesystem({ bucketUrl: join(root, 'bucket') }),
      datasetName: vector,
      pipelinesDir,
    })
    await expect(pipeline.run([{ id: 1 }], { tableName: 'items' })).rejects.toThrow(
      /`datasetName` .* cannot be a folder of the filesystem destination/,
    )
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(strayEntries([`pipelines/${name}`])).toEqual([])
    expect(listTree(root).filter((path) => path.startsWith('bucket'))).toEqual([])
  })

  it('still takes an ordinary dataset name', async () => {
    const pipeline = dlt.pipeline({
      pipelineName: uniqueName('fs_dataset_ok'),
      destination: filesystem({ bucketUrl: join(root, 'bucket') }),
      datasetName: 'my data.v2',
      pipelinesDir,
    })
    await pipeline.run([{ id: 1 }], { tableName: 'items' })
    expect(await pipeline.dataset().rows('items')).toHaveLength(1)
  })
})

describe('pipeline names', () => {
  it.each([...VECTORS, '', '.'])('refuses %j when the pipeline is created', (vector) => {
    expect(() =>
      dlt.pipeline({
        pipelineName: vector,
        destination: dlt.destinations.duckdb({ credentials: join(root, 'test.duckdb') }),
        pipelinesDir,
      }),
    ).toThrow(/`pipelineName`/)
    expect(listTree(parent)).toEqual(['root'])
  })

  it('names the characters it refuses', () => {
    expect(() => dlt.pipeline({ pipelineName: 'a/b', pipelinesDir })).toThrow(
      'The `pipelineName` option "a/b" cannot be a folder name: it contains "/"',
    )
  })
})

describe('source names', () => {
  it.each(VECTORS)('refuses source %j before anything is written', async (vector) => {
    const name = uniqueName('source')
    const pipeline = dlt.pipeline({
      pipelineName: name,
      destination: dlt.destinations.duckdb({ credentials: join(root, 'test.duckdb') }),
      datasetName: 'data',
      pipelinesDir,
    })
    const items = dlt.resource(() => [{ id: 1 }], { name: 'items' })
    const source = dlt.source(() => [items], { name: vector })
    await expect(pipeline.run(source)).rejects.toThrow(/source .*cannot be a file name/)
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
    expect(pipeline.schemas).toEqual({})
    expect(strayEntries([`pipelines/${name}`, 'test.duckdb', 'test.duckdb.wal'])).toEqual([])
    expect(
      listTree(join(pipelinesDir, name)).filter((path) => path.startsWith('schemas/')),
    ).toEqual([])
  })
})
