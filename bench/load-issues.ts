/**
 * @module One side of the load benchmark, run as its own process so that its peak memory is its
 * own: `dlt-ts` loads a JSON Lines file of nested GitHub-like issues into a fresh DuckDB file
 * through a full pipeline run; `duckdb` is the reference — DuckDB itself reads the same file and
 * unnests the labels into a child table. Prints one JSON line: rows, seconds, peak RSS.
 *
 * usage: tsx bench/load-issues.ts <dlt-ts|duckdb> <issues.jsonl> <work dir>
 */
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { DuckDBInstance } from '@duckdb/node-api'
import * as dlt from '../src/index.js'

const [mode = 'dlt-ts', file = 'issues.jsonl', dir = '.'] = process.argv.slice(2)

async function* readJsonLines(path: string): AsyncGenerator<unknown> {
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  })) {
    if (line) yield JSON.parse(line)
  }
}

async function loadWithDltTs(): Promise<number> {
  const pipeline = dlt.pipeline({
    pipelineName: 'bench_issues',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'dlt-ts.duckdb') }),
    datasetName: 'bench',
    pipelinesDir: join(dir, 'pipelines'),
  })
  const info = await pipeline.run(readJsonLines(file), { tableName: 'issues' })
  return info.rowCounts['issues'] ?? 0
}

async function loadWithDuckDb(): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, 'reference.duckdb'))
  const connection = await instance.connect()
  const source = `read_json('${file.replaceAll("'", "''")}', format = 'newline_delimited')`
  await connection.run('CREATE SCHEMA bench')
  await connection.run(
    `CREATE TABLE bench.issues AS SELECT * EXCLUDE (labels, assignees) FROM ${source}`,
  )
  await connection.run(
    `CREATE TABLE bench.issues__labels AS SELECT id AS issue_id, unnest(labels, recursive := true) FROM ${source}`,
  )
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM bench.issues')
  const rows = Number(reader.getRowObjects()[0]?.['n'])
  connection.closeSync()
  instance.closeSync()
  return rows
}

const started = performance.now()
const rows = mode === 'duckdb' ? await loadWithDuckDb() : await loadWithDltTs()
const seconds = (performance.now() - started) / 1000
const peakRssMb = process.resourceUsage().maxRSS / 1024
process.stdout.write(`${JSON.stringify({ mode, rows, seconds, peakRssMb })}\n`)
