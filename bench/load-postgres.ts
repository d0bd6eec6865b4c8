/**
 * @module The PostgreSQL load benchmark: N generated GitHub-like issues (`generate-issues.ts`) go
 * through a full pipeline run into PostgreSQL (extract + normalize, then load, timed apart), read
 * by `dlt.readJsonl` (`BENCH_INPUT=objects`: parsed by the bench and extracted as objects). The
 * reference is a plain `COPY … FROM STDIN` of the same normalized rows: the run's own loader files,
 * turned into CSV beforehand (not timed), copied in one transaction into tables created `LIKE`
 * the loaded ones (indexes included). Prints one JSON line: rows, seconds and rows/s for the
 * pipeline, its load step and the plain COPY, and the ratios.
 *
 * usage: tsx bench/load-postgres.ts [rows=50000]
 * The server: `PG_CONNECTION_STRING`, else postgresql://postgres@127.0.0.1:5432/postgres.
 */
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { pipeline as streamPipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { postgres } from '../src/destinations/index.js'
import { createJsonlToCsv } from '../src/destinations/postgres/jsonl-to-csv.js'
import { completeColumns } from '../src/destinations/sql/column-hints.js'
import * as dlt from '../src/index.js'
import { parseJobFileName } from '../src/storage/job-file-name.js'
import { writeIssues } from './generate-issues.js'

const connectionString =
  process.env['PG_CONNECTION_STRING'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const count = Number(process.argv[2] ?? 50_000)
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-pg-'))
const dataset = `bench_${Math.random().toString(16).slice(2, 10)}`
const reference = `${dataset}_ref`
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
const seconds = (from: number) => (performance.now() - from) / 1000

async function* readJsonLines(path: string): AsyncGenerator<unknown> {
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  })) {
    if (line) yield JSON.parse(line)
  }
}

/** The loader files of every loaded package: `[table, path]`. */
function loaderFiles(pipelinesDir: string, pipelineName: string): [string, string][] {
  const loaded = join(pipelinesDir, pipelineName, 'load', 'loaded')
  const files: [string, string][] = []
  for (const loadId of readdirSync(loaded)) {
    for (const folder of ['new_jobs', 'completed_jobs']) {
      const dir = join(loaded, loadId, folder)
      let names: string[] = []
      try {
        names = readdirSync(dir)
      } catch {
        // the folder exists only for some clients (durable jobs)
      }
      for (const name of names) files.push([parseJobFileName(name).tableName, join(dir, name)])
    }
  }
  return files
}

const client = new pg.Client({ connectionString })
await client.connect()
try {
  const file = join(root, 'issues.jsonl')
  await writeIssues(count, file)
  const pipelinesDir = join(root, 'pipelines')
  // the reference COPY reads the loader files of the loaded package: keep them
  process.env['BENCH_POSTGRES__LOAD__DELETE_COMPLETED_JOBS'] = 'false'
  const pipeline = dlt.pipeline({
    pipelineName: 'bench_postgres',
    destination: postgres({ credentials: connectionString }),
    datasetName: dataset,
    pipelinesDir,
  })

  const started = performance.now()
  // as bench/load-duckdb.ts: the file through `dlt.readJsonl`, or objects the bench parses itself
  await pipeline.extract(
    process.env['BENCH_INPUT'] === 'objects' ? readJsonLines(file) : dlt.readJsonl(file),
    { tableName: 'issues' },
  )
  await pipeline.normalize()
  const loadStarted = performance.now()
  await pipeline.load()
  const loadSeconds = seconds(loadStarted)
  const pipelineSeconds = seconds(started)

  // The reference: the same rows, already normalized, as CSV files for a plain COPY.
  const schema = pipeline.schema!
  const jobs = loaderFiles(pipelinesDir, 'bench_postgres').filter(
    ([table]) => !table.startsWith('_dlt_'),
  )
  await client.query(`CREATE SCHEMA ${quote(reference)}`)
  const copies: { sql: string; csv: string }[] = []
  for (const [index, [table, path]] of jobs.entries()) {
    const columns = completeColumns(schema.tables[table]!)
    const target = `${quote(reference)}.${quote(table)}`
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${target} (LIKE ${quote(dataset)}.${quote(table)} INCLUDING ALL)`,
    )
    const csv = join(root, `${index}.csv`)
    await streamPipeline(
      createReadStream(path, { encoding: 'utf8' }),
      createJsonlToCsv(columns, path),
      createWriteStream(csv),
    )
    const names = columns.map((column) => quote(column.name)).join(', ')
    copies.push({ sql: `COPY ${target} (${names}) FROM STDIN WITH (FORMAT csv)`, csv })
  }
  const copyStarted = performance.now()
  let totalRows = 0
  await client.query('BEGIN')
  for (const { sql, csv } of copies) {
    const copy = client.query(copyFrom(sql))
    await streamPipeline(createReadStream(csv), copy)
    totalRows += copy.rowCount ?? 0
  }
  await client.query('COMMIT')
  const copySeconds = seconds(copyStarted)

  const rate = (rows: number, s: number) => Math.round(rows / s)
  process.stdout.write(
    `${JSON.stringify({
      issues: count,
      totalRows,
      tables: new Set(jobs.map(([table]) => table)).size,
      pipeline: { seconds: pipelineSeconds, rowsPerSecond: rate(totalRows, pipelineSeconds) },
      load: { seconds: loadSeconds, rowsPerSecond: rate(totalRows, loadSeconds) },
      copy: { seconds: copySeconds, rowsPerSecond: rate(totalRows, copySeconds) },
      ratioPipelineToCopy: Number((pipelineSeconds / copySeconds).toFixed(2)),
      ratioLoadToCopy: Number((loadSeconds / copySeconds).toFixed(2)),
    })}\n`,
  )
} finally {
  await client.query(
    `DROP SCHEMA IF EXISTS ${quote(dataset)}, ${quote(`${dataset}_staging`)}, ${quote(reference)} CASCADE`,
  )
  await client.end()
  rmSync(root, { recursive: true, force: true })
}
