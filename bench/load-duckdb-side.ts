/**
 * @module One side of the DuckDB load benchmark, run as its own process so that its peak memory is
 * its own. `dlt-ts` loads a JSON Lines file of nested GitHub-like issues into a fresh DuckDB file
 * through the pipeline (append), timing extract, normalize and load apart; `duckdb` is the
 * reference — DuckDB itself reads the same file with `read_json_auto` and unnests both lists
 * (`labels`, `assignees`) into tables of their own. Prints one JSON line.
 *
 * usage: tsx bench/load-duckdb-side.ts <dlt-ts|duckdb> <issues.jsonl> <work dir>
 * (after `npm run build`; `BENCH_FROM=src` uses the sources)
 */
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { DuckDBInstance } from '@duckdb/node-api'
import { peakRssMb, since, timeStages } from './stage-timer.js'

// The built package, as users run it (`npm run bench` builds first; worker threads start from
// dist/ without tsx's loader); `BENCH_FROM=src` runs the sources through tsx instead.
const dlt: typeof import('../src/index.js') = await import(
  process.env['BENCH_FROM'] === 'src'
    ? '../src/index.js'
    : new URL('../dist/index.mjs', import.meta.url).href
)

/** What one side reports. */
export interface SideResult {
  readonly mode: 'dlt-ts' | 'duckdb'
  readonly records: number
  readonly seconds: number
  readonly peakRssMb: number
  /** dlt-ts: seconds per stage, and the peak RSS (MB) when each stage ended. */
  readonly stages?: Record<string, number>
}

const [mode = 'dlt-ts', file = 'issues.jsonl', dir = '.'] = process.argv.slice(2)

async function* readJsonLines(path: string): AsyncGenerator<unknown> {
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  })) {
    if (line) yield JSON.parse(line)
  }
}

async function loadWithDltTs(): Promise<{ records: number; stages: Record<string, number> }> {
  const pipeline = dlt.pipeline({
    pipelineName: 'bench_issues',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'dlt-ts.duckdb') }),
    datasetName: 'bench',
    pipelinesDir: join(dir, 'pipelines'),
  })
  // BENCH_INPUT=objects: the records as parsed objects (each line read and parsed by the caller)
  const data =
    process.env['BENCH_INPUT'] === 'objects'
      ? dlt.resource(() => readJsonLines(file), { name: 'issues' })
      : dlt.readJsonl(file, { name: 'issues' })
  const { extracted, normalized, stages } = await timeStages(pipeline, data)
  const records = normalized.rowCounts['issues'] ?? extracted.itemCounts['issues'] ?? 0
  return { records, stages }
}

async function loadWithDuckDb(): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, 'reference.duckdb'))
  const connection = await instance.connect()
  const source = `read_json_auto('${file.replaceAll("'", "''")}', format = 'newline_delimited')`
  await connection.run('CREATE SCHEMA bench')
  await connection.run('BEGIN TRANSACTION')
  await connection.run(`CREATE TEMP TABLE raw AS SELECT * FROM ${source}`)
  await connection.run('CREATE TABLE bench.issues AS SELECT * EXCLUDE (labels, assignees) FROM raw')
  for (const list of ['labels', 'assignees']) {
    await connection.run(
      `CREATE TABLE bench.issues__${list} AS SELECT id AS issue_id, unnest(${list}, recursive := true) FROM raw`,
    )
  }
  await connection.run('COMMIT')
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM bench.issues')
  const records = Number(reader.getRowObjects()[0]?.['n'])
  connection.closeSync()
  instance.closeSync()
  return records
}

const started = performance.now()
const outcome =
  mode === 'duckdb' ? { records: await loadWithDuckDb(), stages: undefined } : await loadWithDltTs()
const result: SideResult = {
  mode: mode === 'duckdb' ? 'duckdb' : 'dlt-ts',
  records: outcome.records,
  seconds: since(started),
  peakRssMb: peakRssMb(),
  ...(outcome.stages ? { stages: outcome.stages } : {}),
}
process.stdout.write(`${JSON.stringify(result)}\n`)
