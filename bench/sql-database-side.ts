/**
 * @module One side of the SQL database source benchmark, run as its own process so that its peak
 * memory is its own. `dlt-ts` loads the PostgreSQL table into a fresh DuckDB file through
 * `sqlTable` and a pipeline (extract, normalize and load timed apart); `floor` is what the job
 * takes without dlt-ts: `COPY (SELECT * FROM table) TO STDOUT` into a CSV file, as psql's `\copy`
 * writes it, and DuckDB's `read_csv` of that file into a table. Prints one JSON line.
 *
 * usage: tsx bench/sql-database-side.ts <dlt-ts|floor> <postgres url> <schema> <work dir>
 * (after `npm run build`; `BENCH_DIST=<dir>` uses another build, `BENCH_FROM=src` the sources;
 * `BENCH_SQL_CONNECTIONS=<n>` reads the table over n connections, `BENCH_SQL_CHUNK_SIZE=<rows>`
 * in pages of that many rows, instead of the defaults)
 */
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { pipeline as streamPipeline } from 'node:stream/promises'
import { DuckDBInstance } from '@duckdb/node-api'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { peakRssMb, since, timeStages } from './stage-timer.js'

// The built package, as users run it; `BENCH_DIST=<dir>` takes another build (a private one, while
// others rebuild dist/), `BENCH_FROM=src` the sources through tsx.
const fromSrc = process.env['BENCH_FROM'] === 'src'
const dist = new URL(`${process.env['BENCH_DIST'] ?? '../dist'}/`, import.meta.url)
const dlt: typeof import('../src/index.js') = await import(
  fromSrc ? '../src/index.js' : new URL('index.mjs', dist).href
)
const sqlSource: typeof import('../src/sources/sql-database/index.js') = await import(
  fromSrc ? '../src/sources/sql-database/index.js' : new URL('sql-database.mjs', dist).href
)

/** What one side reports. */
export interface SqlSideResult {
  readonly mode: 'dlt-ts' | 'floor'
  readonly rows: number
  readonly seconds: number
  readonly peakRssMb: number
  /** dlt-ts: seconds per stage; floor: the COPY and the read_csv. */
  readonly stages: Record<string, number>
}

const [mode = 'dlt-ts', url = '', schema = 'public', dir = '.'] = process.argv.slice(2)

async function loadWithDltTs(): Promise<{ rows: number; stages: Record<string, number> }> {
  const pipeline = dlt.pipeline({
    pipelineName: 'bench_sql',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'dlt-ts.duckdb') }),
    datasetName: 'bench',
    pipelinesDir: join(dir, 'pipelines'),
  })
  // the table's reflection counts as extract, as in a run
  const start = performance.now()
  const connections = process.env['BENCH_SQL_CONNECTIONS']
  const chunkSize = process.env['BENCH_SQL_CHUNK_SIZE']
  const table = await sqlSource.sqlTable({
    credentials: url,
    schema,
    table: 'bench',
    ...(connections ? { connections: Number(connections) } : {}),
    ...(chunkSize ? { chunkSize: Number(chunkSize) } : {}),
  })
  const reflect = since(start)
  const { normalized, stages } = await timeStages(pipeline, table)
  return {
    rows: normalized.rowCounts['bench'] ?? 0,
    stages: { ...stages, extract: Math.round((stages.extract + reflect) * 1000) / 1000 },
  }
}

async function floor(): Promise<{ rows: number; stages: Record<string, number> }> {
  const csv = join(dir, 'bench.csv')
  let start = performance.now()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const copy = client.query(
      copyTo(`COPY (SELECT * FROM "${schema}".bench) TO STDOUT WITH (FORMAT csv, HEADER)`),
    )
    await streamPipeline(copy, createWriteStream(csv))
  } finally {
    await client.end()
  }
  const copySeconds = since(start)
  start = performance.now()
  const instance = await DuckDBInstance.create(join(dir, 'floor.duckdb'))
  const connection = await instance.connect()
  await connection.run('CREATE SCHEMA bench')
  await connection.run(
    `CREATE TABLE bench.bench AS SELECT * FROM read_csv('${csv}', header = true)`,
  )
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM bench.bench')
  const rows = Number(reader.getRowObjects()[0]?.['n'])
  connection.closeSync()
  instance.closeSync()
  return { rows, stages: { copy: copySeconds, readCsv: since(start) } }
}

const started = performance.now()
const outcome = mode === 'floor' ? await floor() : await loadWithDltTs()
const result: SqlSideResult = {
  mode: mode === 'floor' ? 'floor' : 'dlt-ts',
  rows: outcome.rows,
  seconds: since(started),
  peakRssMb: peakRssMb(),
  stages: outcome.stages,
}
process.stdout.write(`${JSON.stringify(result)}\n`)
