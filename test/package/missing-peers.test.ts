/**
 * The built package installed without its optional peers: every entry point imports, and a
 * destination whose peer is missing fails when it is created (or, given by name, when the first
 * run starts), before anything is extracted, naming the packages to install.
 *
 * Nothing is mocked or installed: `dist/` is built into `<temp>/node_modules/dlt-ts` next to its
 * dependencies (linked), so `pg`, `@duckdb/node-api` and `hyparquet-writer` cannot be
 * resolved from it, exactly as in a project that did not install them.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url).pathname
const temp = mkdtempSync(join(tmpdir(), 'dlt-ts-no-peers-'))
const app = join(temp, 'app')
const installed = join(app, 'node_modules/dlt-ts')
const PEERS = [
  'pg',
  'pg-copy-streams',
  '@duckdb/node-api',
  'hyparquet-writer',
  'hyparquet',
  '@aws-sdk/client-s3',
  'mysql2',
  'better-sqlite3',
]

beforeAll(() => {
  mkdirSync(installed, { recursive: true })
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/tsdown/dist/run.mjs'), '--silent', '-d', join(installed, 'dist')],
    { cwd: root, stdio: 'pipe' },
  )
  cpSync(join(root, 'package.json'), join(installed, 'package.json'))
  // the runtime dependencies, installed with dlt-ts (smol-toml, csv-parse, commander, …)
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
  for (const name of Object.keys(pkg.dependencies)) {
    symlinkSync(join(root, 'node_modules', name), join(app, 'node_modules', name), 'dir')
  }
}, 120_000)
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** Runs an ES module script in the app folder; returns its JSON output. */
function run(script: string): Record<string, unknown> {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: app,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], DLT_PROJECT_DIR: app, DLT_DATA_DIR: join(temp, 'global') },
  })
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout) as Record<string, unknown>
}

const CATCH = `const caught = (e) => ({ name: e.name, message: e.message, packages: e.packages })`

describe('the package without its optional peers', () => {
  it('really has none of them to resolve', () => {
    const require = createRequire(join(installed, 'dist/index.mjs'))
    for (const peer of PEERS) expect(() => require.resolve(peer), peer).toThrow(/Cannot find/)
  })

  it('imports every entry point', () => {
    const out = run(`
      const all = await Promise.all(['dlt-ts', 'dlt-ts/rest-client', 'dlt-ts/rest-api'].map((m) => import(m)))
      console.log(JSON.stringify({ exports: all.map((m) => Object.keys(m).length > 0) }))`)
    expect(out).toEqual({ exports: [true, true, true] })
  })

  it('refuses dlt.destinations.postgres() when it is created, naming pg and pg-copy-streams', () => {
    const out = run(`
      import * as dlt from 'dlt-ts'
      ${CATCH}
      try { dlt.destinations.postgres({ credentials: 'postgresql://u@localhost/db' }); console.log('{}') }
      catch (e) { console.log(JSON.stringify(caught(e))) }`)
    expect(out).toEqual({
      name: 'MissingPeerDependencyError',
      message:
        'The postgres destination needs the optional peer dependencies pg and pg-copy-streams, ' +
        'which are not installed: run `npm install pg pg-copy-streams`',
      packages: ['pg', 'pg-copy-streams'],
    })
  })

  it("refuses dlt.pipeline({ destination: 'postgres' }) when it is created", () => {
    const out = run(`
      import * as dlt from 'dlt-ts'
      ${CATCH}
      try { dlt.pipeline({ pipelineName: 'no_pg', destination: 'postgres', pipelinesDir: 'pipelines' }); console.log('{}') }
      catch (e) { console.log(JSON.stringify(caught(e))) }`)
    expect(out).toMatchObject({
      name: 'MissingPeerDependencyError',
      message: expect.stringContaining('run `npm install pg pg-copy-streams`'),
      packages: ['pg', 'pg-copy-streams'],
    })
  })

  it('refuses dlt.destinations.mysql() and sqlite(), and by name, when they are created', () => {
    const out = run(`
      import * as dlt from 'dlt-ts'
      ${CATCH}
      const errors = []
      try { dlt.destinations.mysql({ credentials: 'mysql://u:secret@localhost/db' }) } catch (e) { errors.push(caught(e)) }
      try { dlt.destinations.sqlite({ credentials: 'data.db' }) } catch (e) { errors.push(caught(e)) }
      try { dlt.pipeline({ pipelineName: 'no_mysql', destination: 'mysql', pipelinesDir: 'pipelines' }) } catch (e) { errors.push(caught(e)) }
      try { dlt.pipeline({ pipelineName: 'no_sqlite', destination: 'sqlite', pipelinesDir: 'pipelines' }) } catch (e) { errors.push(caught(e)) }
      console.log(JSON.stringify({ errors }))`)
    const mysql = {
      name: 'MissingPeerDependencyError',
      message:
        'The mysql destination needs the optional peer dependency mysql2, which is not installed: run `npm install mysql2`',
      packages: ['mysql2'],
    }
    const sqlite = {
      name: 'MissingPeerDependencyError',
      message:
        'The sqlite destination needs the optional peer dependency better-sqlite3, which is not installed: run `npm install better-sqlite3`',
      packages: ['better-sqlite3'],
    }
    expect(out).toEqual({ errors: [mysql, sqlite, mysql, sqlite] })
  })

  it('creates a pipeline with the default duckdb destination (the CLI does) but fails its first run before extract', () => {
    const out = run(`
      import * as dlt from 'dlt-ts'
      ${CATCH}
      const pipeline = dlt.pipeline({ pipelineName: 'no_duckdb', pipelinesDir: 'pipelines' })
      let extracted = false
      const data = function* () { extracted = true; yield { id: 1 } }
      const error = await pipeline.run(data, { tableName: 'items' }).catch((e) => caught(e.cause ?? e))
      console.log(JSON.stringify({ error, extracted, pending: pipeline.pendingPackages() }))`)
    expect(out).toMatchObject({
      error: {
        name: 'MissingPeerDependencyError',
        message: expect.stringContaining('run `npm install @duckdb/node-api`'),
      },
      extracted: false,
      pending: { extracted: [], normalized: [] },
    })
  })

  it('loads files with the filesystem destination, and refuses parquet naming hyparquet-writer', () => {
    const out = run(`
      import * as dlt from 'dlt-ts'
      import { readdirSync } from 'node:fs'
      ${CATCH}
      const pipeline = dlt.pipeline({ pipelineName: 'files', pipelinesDir: 'pipelines',
        destination: dlt.destinations.filesystem({ bucketUrl: 'bucket' }) })
      const info = await pipeline.run([{ id: 1 }], { tableName: 'items' })
      let parquet
      try { dlt.destinations.filesystem({ bucketUrl: 'bucket', loaderFileFormat: 'parquet' }) }
      catch (e) { parquet = caught(e) }
      console.log(JSON.stringify({ rows: info.rowCounts, files: readdirSync('bucket/files_dataset/items').length, parquet }))`)
    expect(out).toMatchObject({
      rows: { items: 1 },
      files: 1,
      parquet: { name: 'MissingPeerDependencyError', packages: ['hyparquet-writer'] },
    })
  })

  it('imports dlt-ts/sql-database and refuses a source whose driver is missing, naming it', () => {
    const out = run(`
      import { sqlDatabase, sqlTable } from 'dlt-ts/sql-database'
      ${CATCH}
      const errors = []
      try { sqlDatabase({ credentials: 'mysql://u:secret@localhost/db' }) } catch (e) { errors.push(caught(e)) }
      try { sqlTable({ credentials: 'postgresql://u@localhost/db', table: 'orders' }) } catch (e) { errors.push(caught(e)) }
      try { sqlTable({ credentials: 'sqlite:///shop.db', table: 'orders' }) } catch (e) { errors.push(caught(e)) }
      console.log(JSON.stringify({ errors }))`)
    expect(out).toEqual({
      errors: [
        {
          name: 'MissingPeerDependencyError',
          message:
            'The sql_database source needs the optional peer dependency mysql2, which is not installed: run `npm install mysql2`',
          packages: ['mysql2'],
        },
        {
          name: 'MissingPeerDependencyError',
          message: expect.stringContaining('run `npm install pg pg-copy-streams`'),
          packages: ['pg', 'pg-copy-streams'],
        },
        {
          name: 'MissingPeerDependencyError',
          message: expect.stringContaining('run `npm install better-sqlite3`'),
          packages: ['better-sqlite3'],
        },
      ],
    })
  })

  it('imports dlt-ts/distributed; a run or a worker names bullmq and ioredis to install', () => {
    const out = run(`
      import * as dlt from 'dlt-ts'
      import { distributedRun, startWorker } from 'dlt-ts/distributed'
      ${CATCH}
      const errors = []
      const pipeline = dlt.pipeline({ pipelineName: 'no_queue', destination: 'filesystem' })
      const source = dlt.source(() => [dlt.resource(() => [{ id: 1 }], { name: 'items' })], { name: 'src' })
      try { await distributedRun({ pipeline, source, sharedDir: 'shared' }) } catch (e) { errors.push(caught(e)) }
      try { await startWorker({ module: './sources.js', sharedDir: 'shared' }) } catch (e) { errors.push(caught(e)) }
      console.log(JSON.stringify({ errors }))`)
    const error = {
      name: 'MissingPeerDependencyError',
      message:
        'A distributed run (dlt-ts/distributed) needs the optional peer dependencies bullmq and ioredis, which are not installed: run `npm install bullmq ioredis`',
      packages: ['bullmq', 'ioredis'],
    }
    expect(out).toEqual({ errors: [error, error] })
  })

  it('imports dlt-ts/filesystem; S3 buckets and readParquet name the peer to install', () => {
    const out = run(`
      import * as dlt from 'dlt-ts'
      import { filesystem, readCsv, readParquet } from 'dlt-ts/filesystem'
      ${CATCH}
      const errors = []
      try { filesystem({ bucketUrl: 's3://exports/orders' }) } catch (e) { errors.push(caught(e)) }
      try { readParquet() } catch (e) { errors.push(caught(e)) }
      try { dlt.destinations.filesystem({ bucketUrl: 's3://lake/x' }) } catch (e) { errors.push(caught(e)) }
      console.log(JSON.stringify({ csv: typeof readCsv(), errors }))`)
    expect(out).toEqual({
      csv: 'object',
      errors: [
        {
          name: 'MissingPeerDependencyError',
          message:
            'Reading and writing s3://exports/orders needs the optional peer dependency @aws-sdk/client-s3, which is not installed: run `npm install @aws-sdk/client-s3`',
          packages: ['@aws-sdk/client-s3'],
        },
        {
          name: 'MissingPeerDependencyError',
          message:
            'readParquet needs the optional peer dependency hyparquet, which is not installed: run `npm install hyparquet`',
          packages: ['hyparquet'],
        },
        {
          name: 'MissingPeerDependencyError',
          message: expect.stringContaining('run `npm install @aws-sdk/client-s3`'),
          packages: ['@aws-sdk/client-s3'],
        },
      ],
    })
  })
})
