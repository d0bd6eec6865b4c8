/**
 * @module One side of the files benchmark, run as its own process so that its peak memory is its
 * own. `dlt-ts` loads `orders.csv` or `orders.parquet` into a fresh DuckDB file through
 * `filesystem().pipe(readCsv() | readParquet())` (append) with `pipeline.run()`, reporting the
 * seconds of its extract, normalize and load steps (normalize may begin during extract); `duckdb` is the reference — DuckDB's own `read_csv` / `read_parquet` of the same file
 * into a table. Prints one JSON line.
 *
 * usage: tsx bench/files-side.ts <dlt-ts|duckdb> <csv|parquet> <data dir> <work dir>
 * (after `npm run build`; `BENCH_FROM=src` uses the sources, `BENCH_DIST=/abs/dir/` another build)
 */
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { peakRssMb, since, timeRun } from './stage-timer.js'

const fromSrc = process.env['BENCH_FROM'] === 'src'
// BENCH_DIST: another build folder (the shared dist/ may be rebuilt while the benchmark runs)
const dist = new URL(process.env['BENCH_DIST'] ?? '../dist/', import.meta.url)
const dlt: typeof import('../src/index.js') = await import(
  fromSrc ? '../src/index.js' : new URL('index.mjs', dist).href
)
const fs: typeof import('../src/sources/filesystem/index.js') = await import(
  fromSrc ? '../src/sources/filesystem/index.js' : new URL('filesystem.mjs', dist).href
)

/** What one side reports. */
export interface FilesSideResult {
  readonly mode: 'dlt-ts' | 'duckdb'
  readonly format: 'csv' | 'parquet'
  readonly rows: number
  readonly seconds: number
  /** CPU seconds of the process (all threads, DuckDB's included): steadier than wall time on a busy machine. */
  readonly cpuSeconds: number
  readonly peakRssMb: number
  /** dlt-ts: seconds per stage, and the peak RSS (MB) when each stage ended. */
  readonly stages?: Record<string, number>
}

const [mode = 'dlt-ts', format = 'csv', dataDir = 'bench/data', dir = '.'] = process.argv.slice(2)
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start)
  return Math.round((used.user + used.system) / 1000) / 1000
}
const file = `orders.${format}`

async function loadWithDltTs(): Promise<{ rows: number; stages: Record<string, number> }> {
  const pipeline = dlt.pipeline({
    pipelineName: 'bench_files',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'dlt-ts.duckdb') }),
    datasetName: 'bench',
    pipelinesDir: join(dir, 'pipelines'),
  })
  const reader = format === 'csv' ? fs.readCsv() : fs.readParquet({ chunkSize: 10_000 })
  const orders = fs
    .filesystem({ bucketUrl: dataDir, fileGlob: file })
    .pipe(reader)
    .withName('orders')
  const { info, stages } = await timeRun(pipeline, orders)
  return { rows: info.rowCounts['orders'] ?? 0, stages }
}

async function loadWithDuckDb(): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, 'reference.duckdb'))
  const connection = await instance.connect()
  const path = join(dataDir, file).replaceAll("'", "''")
  const source = format === 'csv' ? `read_csv('${path}')` : `read_parquet('${path}')`
  await connection.run('CREATE SCHEMA bench')
  await connection.run(`CREATE TABLE bench.orders AS SELECT * FROM ${source}`)
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM bench.orders')
  const rows = Number(reader.getRowObjects()[0]?.['n'])
  connection.closeSync()
  instance.closeSync()
  return rows
}

const started = performance.now()
const cpuStart = process.cpuUsage()
const outcome =
  mode === 'duckdb' ? { rows: await loadWithDuckDb(), stages: undefined } : await loadWithDltTs()
const result: FilesSideResult = {
  mode: mode === 'duckdb' ? 'duckdb' : 'dlt-ts',
  format: format === 'parquet' ? 'parquet' : 'csv',
  rows: outcome.rows,
  seconds: since(started),
  cpuSeconds: cpuSince(cpuStart),
  peakRssMb: peakRssMb(),
  ...(outcome.stages ? { stages: outcome.stages } : {}),
}
process.stdout.write(`${JSON.stringify(result)}\n`)
