/**
 * The built package as users get it: `npm run build` output imported by its name (`dlt-ts`, through
 * the `exports` map), a pipeline run through it, type declarations present, and the CLI starting.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url).pathname
const temp = mkdtempSync(join(tmpdir(), 'dlt-ts-package-'))

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'node_modules/tsdown/dist/run.mjs'), '--silent'], {
    cwd: root,
    stdio: 'pipe',
  })
}, 120_000)
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('the built package', () => {
  it('ships ESM and type declarations for every export', () => {
    for (const file of [
      'dist/index.mjs',
      'dist/index.d.mts',
      'dist/cli.mjs',
      'dist/rest-client.mjs',
      'dist/rest-client.d.mts',
      'dist/rest-api.mjs',
      'dist/rest-api.d.mts',
      'dist/filesystem.mjs',
      'dist/filesystem.d.mts',
      'dist/sql-database.mjs',
      'dist/sql-database.d.mts',
      'dist/distributed.mjs',
      'dist/distributed.d.mts',
    ]) {
      expect(existsSync(join(root, file)), file).toBe(true)
    }
  })

  it('is importable by its name and runs a pipeline', () => {
    const script = `
      import * as dlt from 'dlt-ts'
      const pipeline = dlt.pipeline({
        pipelineName: 'package_smoke',
        destination: dlt.destinations.duckdb({ credentials: ${JSON.stringify(join(temp, 'smoke.duckdb'))} }),
        pipelinesDir: ${JSON.stringify(join(temp, 'pipelines'))},
      })
      const info = await pipeline.run([{ id: 1, tags: ['a', 'b'] }], { tableName: 'items' })
      const rows = await pipeline.dataset().rows('items__tags')
      console.log(JSON.stringify({ loaded: info.rowCounts, tags: rows.length }))`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(JSON.parse(out)).toMatchObject({ loaded: { items: 1, items__tags: 2 }, tags: 2 })
  })

  it('runs the quickstart example (`npm run example`) against the built package', () => {
    const cwd = mkdtempSync(join(temp, 'quickstart-'))
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        `file://${join(root, 'node_modules/tsx/dist/loader.mjs')}`,
        join(root, 'examples/quickstart/load-github-issues.ts'),
      ],
      { cwd, encoding: 'utf8', timeout: 60_000 },
    )
    expect(out).toContain('issues: 500')
    expect(out).toMatch(/Issues per label:\n\s+\S+/)
    expect(existsSync(join(cwd, 'github_quickstart.duckdb'))).toBe(true)
  })

  it('normalizes in worker threads started from dist (normalize.workers = 2)', () => {
    const script = `
      import * as dlt from 'dlt-ts'
      const pipeline = dlt.pipeline({
        pipelineName: 'package_workers',
        destination: dlt.destinations.duckdb({ credentials: ${JSON.stringify(join(temp, 'workers.duckdb'))} }),
        pipelinesDir: ${JSON.stringify(join(temp, 'pipelines'))},
        progress: true,
      })
      const items = Array.from({ length: 30000 }, (_, i) => ({ id: i, text: 'x'.repeat(80), tags: ['a'] }))
      const info = await pipeline.run(items, { tableName: 'items' })
      console.log(JSON.stringify({ loaded: info.rowCounts }))`
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NORMALIZE__WORKERS: '2' },
    })
    expect(JSON.parse(result.stdout)).toMatchObject({
      loaded: { items: 30000, items__tags: 30000 },
    })
    const pieces = /\((\d+) of (\d+) pieces in worker threads/.exec(result.stderr)
    expect(Number(pieces?.[1])).toBeGreaterThan(0)
  })

  it('exports dlt-ts/rest-client and dlt-ts/rest-api, the same classes as from dlt-ts', () => {
    const script = `
      import * as dlt from 'dlt-ts'
      import { RESTClient, PageNumberPaginator } from 'dlt-ts/rest-client'
      import { restApiSource } from 'dlt-ts/rest-api'
      console.log(JSON.stringify({
        same: RESTClient === dlt.RESTClient && restApiSource === dlt.restApiSource,
        paginator: typeof PageNumberPaginator,
      }))`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(JSON.parse(out)).toEqual({ same: true, paginator: 'function' })
  })

  it('exports dlt-ts/filesystem: reads the CSV files shipped in examples/ into DuckDB', () => {
    const script = `
      import * as dlt from 'dlt-ts'
      import { filesystem, readCsv } from 'dlt-ts/filesystem'
      const pipeline = dlt.pipeline({
        pipelineName: 'package_files',
        destination: dlt.destinations.duckdb({ credentials: ${JSON.stringify(join(temp, 'files.duckdb'))} }),
        pipelinesDir: ${JSON.stringify(join(temp, 'pipelines'))},
      })
      const orders = filesystem({ bucketUrl: 'examples/data/filesystem/orders', fileGlob: '*.csv*' })
      const info = await pipeline.run(orders.pipe(readCsv()).withName('orders'))
      console.log(JSON.stringify({ loaded: info.rowCounts }))`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(JSON.parse(out)).toMatchObject({ loaded: { orders: 5 } })
  })

  it('has a CLI that prints its version and help, and errors without stack traces', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'dist/cli.mjs'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, DLT_DATA_DIR: temp },
      })
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(cli('--version')).toMatchObject({ status: 0, stdout: `${version}\n` })
    expect(cli('--help').stdout).toMatch(/^Usage: dlt-ts \[options\] \[command\]/)
    expect(cli('pipeline', 'x', 'info', '--help').stdout).toMatch(/dlt-ts pipeline <name> info/)
    const missing = cli('pipeline', 'nonexistent', 'info')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/^error: Pipeline "nonexistent" not found in .*\n$/)
    const bad = cli('pipeline', '--bogus')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/^error: unknown option '--bogus'\nusage: dlt-ts pipeline/)
  })
})
