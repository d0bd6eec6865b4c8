/**
 * @module One side of the files benchmark, run as its own process so that its peak memory is its
 * own. `dlt-ts` loads `orders.csv` or `orders.parquet` into a fresh DuckDB file through
 * `filesystem().pipe(readCsv() | readParquet())` (append) with `pipeline.run()`, reporting the
 * seconds of its steps from the run's trace (`extract` with the destination check before it;
 * normalize may begin while extract runs); `duckdb` is the reference — DuckDB's own `read_csv` /
 * `read_parquet` of the same file into a table. Prints one JSON line.
 *
 * Plain JavaScript run by plain `node`, as a user's script that imports the built package is:
 * under tsx's loader hooks every module dlt-ts loads on first use, and each worker thread it
 * starts, costs more (1M Parquet rows: 2.07–2.13 s against 1.89–1.92 s). `BENCH_FROM=src` runs
 * the sources instead (`files.ts` adds `--import tsx` then).
 *
 * usage: node bench/files-side.mjs <dlt-ts|duckdb> <csv|parquet> <data dir> <work dir>
 * (after `npm run build`; `BENCH_DIST=/abs/dir/` another build)
 */
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'

const fromSrc = process.env.BENCH_FROM === 'src'
// BENCH_DIST: another build folder (the shared dist/ may be rebuilt while the benchmark runs)
const dist = new URL(process.env.BENCH_DIST ?? '../dist/', import.meta.url)
const dlt = await import(fromSrc ? '../src/index.ts' : new URL('index.mjs', dist).href)
const fs = await import(
  fromSrc ? '../src/sources/filesystem/index.ts' : new URL('filesystem.mjs', dist).href
)

const [mode = 'dlt-ts', format = 'csv', dataDir = 'bench/data', dir = '.'] = process.argv.slice(2)
const file = `orders.${format}`
const seconds = (ms) => Math.round(ms) / 1000

async function loadWithDltTs() {
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
  const info = await pipeline.run(orders)
  const stepMs = (...steps) =>
    info.steps.filter((s) => steps.includes(s.step)).reduce((sum, s) => sum + s.durationMs, 0)
  return {
    rows: info.rowCounts.orders ?? 0,
    stages: {
      extract: seconds(stepMs('sync', 'extract')),
      normalize: seconds(stepMs('normalize')),
      load: seconds(stepMs('load')),
    },
  }
}

async function loadWithDuckDb() {
  const instance = await DuckDBInstance.create(join(dir, 'reference.duckdb'))
  const connection = await instance.connect()
  const path = join(dataDir, file).replaceAll("'", "''")
  const source = format === 'csv' ? `read_csv('${path}')` : `read_parquet('${path}')`
  await connection.run('CREATE SCHEMA bench')
  await connection.run(`CREATE TABLE bench.orders AS SELECT * FROM ${source}`)
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM bench.orders')
  const rows = Number(reader.getRowObjects()[0]?.n)
  connection.closeSync()
  instance.closeSync()
  return rows
}

const started = performance.now()
const cpuStart = process.cpuUsage()
const outcome =
  mode === 'duckdb' ? { rows: await loadWithDuckDb(), stages: undefined } : await loadWithDltTs()
const cpu = process.cpuUsage(cpuStart)
const result = {
  mode: mode === 'duckdb' ? 'duckdb' : 'dlt-ts',
  format: format === 'parquet' ? 'parquet' : 'csv',
  rows: outcome.rows,
  seconds: seconds(performance.now() - started),
  cpuSeconds: seconds((cpu.user + cpu.system) / 1000),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  ...(outcome.stages ? { stages: outcome.stages } : {}),
}
process.stdout.write(`${JSON.stringify(result)}\n`)
