/**
 * `dlt-ts init <source> <destination>`: the scaffolds run as generated. The generator and
 * rest_api projects are run with tsx in their own folder, against DuckDB and (rest_api) a local
 * PokeAPI-like server; `dlt-ts` resolves from the project's node_modules to this repository's
 * sources. The sql_database and filesystem scaffolds are checked to parse (their sources are
 * being built), and every scaffold's TOML and package.json to be valid.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse as parseToml } from 'smol-toml'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { runCli } from '../../support/run-cli.js'
import {
  adminQuery,
  findPostgres,
  PG_CONNECTION_STRING,
  testDatasetName,
} from '../destinations/postgres-test-server.js'

const root = new URL('../../../', import.meta.url).pathname
const temp = mkdtempSync(join(tmpdir(), 'dlt-ts-init-'))
let api: Server
let apiUrl: string

beforeAll(async () => {
  api = await startPokeApi()
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/v2/`
})
afterAll(async () => {
  await new Promise((resolve) => api?.close(resolve))
  rmSync(temp, { recursive: true, force: true })
})

/** A PokeAPI-like server: `{ count, next, previous, results }` pages of `limit` items. */
async function startPokeApi(): Promise<Server> {
  const data: Record<string, number> = { pokemon: 130, berry: 7, location: 3 }
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const name = url.pathname.replace('/api/v2/', '').replace(/\/$/, '')
    const total = data[name]
    if (total === undefined) {
      response.writeHead(404).end()
      return
    }
    const limit = Number(url.searchParams.get('limit') ?? 20)
    const offset = Number(url.searchParams.get('offset') ?? 0)
    const next =
      offset + limit < total ? `${apiUrl}${name}?offset=${offset + limit}&limit=${limit}` : null
    const results = Array.from(
      { length: Math.max(Math.min(limit, total - offset), 0) },
      (_, i) => ({
        name: `${name}-${offset + i + 1}`,
        url: `${apiUrl}${name}/${offset + i + 1}/`,
      }),
    )
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ count: total, next, previous: null, results }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

/** `dlt-ts init` into a fresh folder; returns the folder. */
async function init(source: string, destination: string): Promise<string> {
  const dir = join(temp, `${source}-${destination}`)
  const result = await runCli('init', source, destination, '--dir', dir)
  expect(result.err).toBe('')
  expect(result.code).toBe(0)
  return dir
}

/** Makes `dlt-ts` resolve, in `dir`, to this repository's sources (run by tsx). */
function linkDltTs(dir: string): void {
  const pkg = join(dir, 'node_modules/dlt-ts')
  mkdirSync(pkg, { recursive: true })
  const entries = {
    '.': 'src/index.ts',
    './rest-api': 'src/sources/rest-api/index.ts',
    './filesystem': 'src/sources/filesystem/index.ts',
    './sql-database': 'src/sources/sql-database/index.ts',
  }
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'dlt-ts',
      type: 'module',
      exports: Object.fromEntries(
        Object.keys(entries).map((key) => [key, `./${key === '.' ? 'index' : key.slice(2)}.ts`]),
      ),
    }),
  )
  for (const [key, path] of Object.entries(entries)) {
    const file = `${key === '.' ? 'index' : key.slice(2)}.ts`
    writeFileSync(join(pkg, file), `export * from ${JSON.stringify(join(root, path))}\n`)
  }
  symlinkSync(join(root, 'node_modules/@duckdb'), join(dir, 'node_modules/@duckdb'), 'dir')
}

/** Runs the project's pipeline script as `npm start` would (tsx), in its folder. */
function runScript(dir: string, script: string, env: Record<string, string> = {}) {
  const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/esm/index.mjs')).href
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, script], {
      cwd: dir,
      env: { PATH: process.env['PATH'], HOME: dir, DLT_DATA_DIR: join(dir, '.global'), ...env },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

/** The pipeline the script ran, opened here to read its dataset. */
function scaffoldPipeline(dir: string, name: string, datasetName: string) {
  return dlt.pipeline({
    pipelineName: name,
    pipelinesDir: join(dir, '.global/pipelines'),
    datasetName,
    destination: dlt.destinations.duckdb({ credentials: join(dir, `${name}.duckdb`) }),
  })
}

function expectValidFiles(dir: string, script: string): string {
  for (const file of ['.dlt/config.toml', '.dlt/secrets.toml']) {
    expect(() => parseToml(readFileSync(join(dir, file), 'utf8')), file).not.toThrow()
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  expect(pkg.scripts.start).toBe(`tsx ${script}`)
  expect(pkg.dependencies['dlt-ts']).toMatch(/^\^\d+\.\d+\.\d+/)
  expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('.dlt/secrets.toml')
  const code = readFileSync(join(dir, script), 'utf8')
  const { diagnostics } = ts.transpileModule(code, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  })
  expect(diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([])
  return code
}

describe('dlt-ts init', () => {
  it('scaffolds a generator source that runs as generated', async () => {
    const dir = await init('my_players', 'duckdb')
    expectValidFiles(dir, 'my_players_pipeline.ts')
    linkDltTs(dir)
    const run = await runScript(dir, 'my_players_pipeline.ts')
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out).toMatch(/my_players_pipeline/)
    const pipeline = scaffoldPipeline(dir, 'my_players_pipeline', 'my_players_data')
    expect(await pipeline.dataset().query('select count(*) as n from players')).toEqual([{ n: 10 }])
    expect(await pipeline.dataset().query('select count(*) as n from players__scores')).toEqual([
      { n: 10 },
    ])
  })

  it('scaffolds a generator source into sqlite, the file named in .dlt/config.toml', async () => {
    const dir = await init('my_players', 'sqlite')
    expectValidFiles(dir, 'my_players_pipeline.ts')
    expect(readFileSync(join(dir, '.dlt/config.toml'), 'utf8')).toContain(
      'credentials = "sqlite:///my_players_pipeline.db"',
    )
    linkDltTs(dir)
    const run = await runScript(dir, 'my_players_pipeline.ts')
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    const pipeline = dlt.pipeline({
      pipelineName: 'my_players_pipeline',
      pipelinesDir: join(dir, '.global/pipelines'),
      datasetName: 'my_players_data',
      destination: dlt.destinations.sqlite({ credentials: join(dir, 'my_players_pipeline.db') }),
    })
    expect(await pipeline.dataset().query('select count(*) as n from players')).toEqual([{ n: 10 }])
  })

  it('scaffolds a generator source into postgres, credentials from .dlt/secrets.toml', async (context) => {
    const unavailable = await findPostgres()
    if (unavailable) return context.skip(unavailable)
    const source = testDatasetName('gen').replace('test_', 'players_')
    const dir = await init(source, 'postgres')
    expectValidFiles(dir, `${source}_pipeline.ts`)
    const secrets = join(dir, '.dlt/secrets.toml')
    writeFileSync(
      secrets,
      readFileSync(secrets, 'utf8').replace(
        '"postgresql://loader:<password>@localhost:5432/dlt_data"',
        JSON.stringify(PG_CONNECTION_STRING),
      ),
    )
    linkDltTs(dir)
    try {
      const run = await runScript(dir, `${source}_pipeline.ts`)
      expect(run.err).toBe('')
      expect(run.code).toBe(0)
      expect(await adminQuery(`select count(*)::int as n from ${source}_data.players`)).toEqual([
        { n: 10 },
      ])
    } finally {
      await adminQuery(`drop schema if exists ${source}_data cascade`)
      await adminQuery(`drop schema if exists ${source}_data_staging cascade`)
    }
  })

  it('scaffolds a rest_api source that loads a local API set in .dlt/config.toml', async () => {
    const dir = await init('rest_api', 'duckdb')
    expectValidFiles(dir, 'rest_api_pipeline.ts')
    const config = join(dir, '.dlt/config.toml')
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('https://pokeapi.co/api/v2/', apiUrl),
    )
    linkDltTs(dir)
    const run = await runScript(dir, 'rest_api_pipeline.ts')
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    const dataset = scaffoldPipeline(dir, 'rest_api_pipeline', 'rest_api_data').dataset()
    for (const [table, n] of [
      ['pokemon', 130],
      ['berry', 7],
      ['location', 3],
    ] as const) {
      expect(await dataset.query(`select count(distinct name) as n from ${table}`), table).toEqual([
        { n },
      ])
    }
  })

  it('scaffolds a filesystem source that loads the CSV files of its folder', async () => {
    const dir = await init('filesystem', 'duckdb')
    const code = expectValidFiles(dir, 'filesystem_pipeline.ts')
    expect(code).toContain("from 'dlt-ts/filesystem'")
    mkdirSync(join(dir, 'data/2024'), { recursive: true })
    writeFileSync(join(dir, 'data/a.csv'), 'id,name\n1,ann\n2,bob\n')
    writeFileSync(join(dir, 'data/2024/b.csv'), 'id,name\n3,cy\n')
    linkDltTs(dir)
    const run = await runScript(dir, 'filesystem_pipeline.ts')
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    const dataset = scaffoldPipeline(dir, 'filesystem_pipeline', 'filesystem_data').dataset()
    expect(await dataset.query('select id, name from records order by id')).toEqual([
      { id: 1, name: 'ann' },
      { id: 2, name: 'bob' },
      { id: 3, name: 'cy' },
    ])
  })

  it('scaffolds a sql_database source that copies the tables of a PostgreSQL schema', async (context) => {
    const unavailable = await findPostgres()
    if (unavailable) return context.skip(unavailable)
    const schema = testDatasetName('init')
    await adminQuery(`create schema ${schema}`)
    try {
      await adminQuery(
        `create table ${schema}.orders (id bigint primary key, amount numeric(10,2))`,
      )
      await adminQuery(`insert into ${schema}.orders values (1, 9.5), (2, 20)`)
      const dir = await init('sql_database', 'duckdb')
      expectValidFiles(dir, 'sql_database_pipeline.ts')
      const config = join(dir, '.dlt/config.toml')
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace('# schema = "public"', `schema = "${schema}"`),
      )
      const secrets = join(dir, '.dlt/secrets.toml')
      writeFileSync(
        secrets,
        readFileSync(secrets, 'utf8').replace(
          '"postgresql://loader:<password>@localhost:5432/production"',
          JSON.stringify(PG_CONNECTION_STRING),
        ),
      )
      linkDltTs(dir)
      const run = await runScript(dir, 'sql_database_pipeline.ts')
      expect(run.err).toBe('')
      expect(run.code).toBe(0)
      const dataset = scaffoldPipeline(dir, 'sql_database_pipeline', 'sql_database_data').dataset()
      expect(await dataset.query('select id, amount from orders order by id')).toEqual([
        { id: 1, amount: '9.50' },
        { id: 2, amount: '20.00' },
      ])
    } finally {
      await adminQuery(`drop schema ${schema} cascade`)
    }
  })

  it('scaffolds sql_database (postgres) and filesystem (filesystem) projects whose files parse', async () => {
    for (const [source, destination] of [
      ['sql_database', 'postgres'],
      ['filesystem', 'filesystem'],
    ] as const) {
      const dir = await init(source, destination)
      const code = expectValidFiles(dir, `${source}_pipeline.ts`)
      expect(code).toContain(`from 'dlt-ts/${source.replace('_', '-')}'`)
      const secrets = parseToml(readFileSync(join(dir, '.dlt/secrets.toml'), 'utf8'))
      if (source === 'sql_database') {
        expect(secrets).toMatchObject({
          sources: { sql_database: { credentials: expect.stringMatching(/^postgresql:\/\//) } },
          destination: { postgres: { credentials: expect.stringMatching(/^postgresql:\/\//) } },
        })
      } else {
        const config = parseToml(readFileSync(join(dir, '.dlt/config.toml'), 'utf8'))
        expect(config).toMatchObject({
          sources: { filesystem: { bucket_url: 'data' } },
          destination: { filesystem: { bucket_url: '_storage' } },
        })
      }
    }
  })

  it('refuses to overwrite a project, and rejects unknown destinations', async () => {
    const dir = await init('again', 'duckdb')
    const second = await runCli('init', 'again', 'duckdb', '--dir', dir)
    expect(second.code).toBe(1)
    expect(second.err).toMatch(
      /would overwrite package\.json, tsconfig\.json, again_pipeline\.ts.*--force/,
    )
    expect((await runCli('init', 'again', 'duckdb', '--dir', dir, '--force')).code).toBe(0)
    const bad = await runCli('init', 'x', 'snowflake', '--dir', dir)
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/choose one of duckdb, postgres, filesystem/)
    expect((await runCli('init', 'Bad-Name', 'duckdb', '--dir', dir)).code).toBe(2)
  })
})
