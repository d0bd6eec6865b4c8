/**
 * @module The MySQL/MariaDB load benchmark: N generated GitHub-like issues (`generate-issues.ts`)
 * through a full dlt-ts pipeline run into MySQL (extract, normalize and load timed apart), against
 * the database's own bulk load of the same rows: the run's loader files turned into CSV beforehand
 * (not timed) and loaded with `LOAD DATA LOCAL INFILE` in one transaction into tables created
 * `LIKE` the loaded ones. Each side runs as its own process, so its peak RSS is its own. Prints
 * one JSON line: rows, seconds, rows/s and peak RSS per side, and the ratios.
 *
 * usage: npm run bench:mysql -- [issues=50000]
 * `BENCH_MYSQL_LOAD_DATA=false` makes dlt-ts load with multi-row INSERTs (`loadDataLocalInfile`).
 * The server: `MYSQL_URL`, else mysql://root@127.0.0.1:3306/test (needs `local_infile=ON`).
 */
import { execFileSync } from 'node:child_process'
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import mysqlDriver from 'mysql2/promise'
import { mysql } from '../src/destinations/index.js'
import { completeColumns } from '../src/destinations/sql/column-hints.js'
import { readJsonlRows } from '../src/destinations/sql/jsonl-rows.js'
import { utcDateTimeText } from '../src/destinations/sql/utc-datetime-text.js'
import * as dlt from '../src/index.js'
import type { ColumnSchema } from '../src/schema/schema-types.js'
import { parseJobFileName } from '../src/storage/job-file-name.js'
import { writeIssues } from './generate-issues.js'

const url = process.env['MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test'
const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``
const since = (start: number) => (performance.now() - start) / 1000
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

/** What one side prints. */
interface SideResult {
  readonly rows: number
  readonly seconds: number
  readonly peakRssMb: number
  readonly stages: Record<string, number>
}

async function* readJsonLines(path: string): AsyncGenerator<unknown> {
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  })) {
    if (line) yield JSON.parse(line)
  }
}

/** dlt-ts: the whole pipeline from the generated JSON lines. */
async function dltSide(root: string, dataset: string): Promise<SideResult> {
  // the reference reads the loader files of the loaded package: keep them
  process.env['BENCH_MYSQL__LOAD__DELETE_COMPLETED_JOBS'] = 'false'
  const pipeline = dlt.pipeline({
    pipelineName: 'bench_mysql',
    destination: mysql({
      credentials: url,
      loadDataLocalInfile: process.env['BENCH_MYSQL_LOAD_DATA'] !== 'false',
    }),
    datasetName: dataset,
    pipelinesDir: join(root, 'pipelines'),
  })
  const started = performance.now()
  await pipeline.extract(readJsonLines(join(root, 'issues.jsonl')), { tableName: 'issues' })
  const extract = since(started)
  await pipeline.normalize()
  const normalize = since(started) - extract
  const info = await pipeline.load()
  const seconds = since(started)
  const rows = Object.entries(info.rowCounts)
    .filter(([table]) => !table.startsWith('_dlt_'))
    .reduce((sum, [, count]) => sum + count, 0)
  const stages = { extract, normalize, load: seconds - extract - normalize }
  return { rows, seconds, peakRssMb: peakRssMb(), stages }
}

/** The database's own bulk load: `LOAD DATA LOCAL INFILE` of each CSV, one transaction. */
async function floorSide(root: string, reference: string): Promise<SideResult> {
  const plan = JSON.parse(
    await import('node:fs/promises').then((fs) => fs.readFile(join(root, 'plan.json'), 'utf8')),
  ) as { table: string; csv: string; columns: string[] }[]
  const started = performance.now()
  const connection = await mysqlDriver.createConnection({
    uri: url,
    infileStreamFactory: (path: string) => createReadStream(path),
  })
  let rows = 0
  await connection.query('START TRANSACTION')
  for (const { table, csv, columns } of plan) {
    const [result] = await connection.query(
      `LOAD DATA LOCAL INFILE ${connection.escape(csv)} INTO TABLE ${quote(reference)}.${quote(table)} ` +
        `CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\\\' ` +
        `LINES TERMINATED BY '\\n' (${columns.map(quote).join(', ')})`,
    )
    rows += (result as { affectedRows: number }).affectedRows
  }
  await connection.query('COMMIT')
  await connection.end()
  const seconds = since(started)
  return { rows, seconds, peakRssMb: peakRssMb(), stages: { loadData: seconds } }
}

/** A loader-file value as a field of the CSV that `LOAD DATA … ESCAPED BY '\\'` reads. */
function csvField(value: unknown, column: ColumnSchema): string {
  if (value === null || value === undefined) return '\\N'
  switch (column.data_type) {
    case 'bool':
      return value ? '1' : '0'
    case 'bigint':
    case 'double':
    case 'decimal':
    case 'wei':
      return String(value)
    case 'timestamp':
      return utcDateTimeText(value) ?? String(value)
    case 'binary':
      throw new Error(`binary column ${column.name}: not in the generated issues`)
    default: {
      const text = typeof value === 'string' ? value : JSON.stringify(value)
      const escaped = text.replace(/[\\"\n\r\0]/g, (c) =>
        c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\0' ? '\\0' : `\\${c}`,
      )
      return `"${escaped}"`
    }
  }
}

/** The loader files of the loaded package: `[table, path]`. */
function loaderFiles(pipelinesDir: string): [string, string][] {
  const loaded = join(pipelinesDir, 'bench_mysql', 'load', 'loaded')
  const files: [string, string][] = []
  for (const loadId of readdirSync(loaded)) {
    for (const folder of ['new_jobs', 'completed_jobs']) {
      let names: string[] = []
      try {
        names = readdirSync(join(loaded, loadId, folder))
      } catch {
        // the folder exists only for some clients (durable jobs)
      }
      for (const name of names) {
        files.push([parseJobFileName(name).tableName, join(loaded, loadId, folder, name)])
      }
    }
  }
  return files.filter(([table]) => !table.startsWith('_dlt_'))
}

function runSide(side: 'dlt-ts' | 'floor', root: string, name: string): SideResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', new URL(import.meta.url).pathname, side, root, name],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  )
  return JSON.parse(out.trim().split('\n').pop()!) as SideResult
}

const [first = '50000', root = '', name = ''] = process.argv.slice(2)
if (first === 'dlt-ts' || first === 'floor') {
  const result = first === 'dlt-ts' ? await dltSide(root, name) : await floorSide(root, name)
  process.stdout.write(`${JSON.stringify(result)}\n`)
} else {
  const issues = Number(first)
  const work = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-mysql-'))
  const dataset = `bench_${Math.random().toString(16).slice(2, 10)}`
  const reference = `${dataset}_ref`
  const admin = await mysqlDriver.createConnection({ uri: url })
  try {
    await writeIssues(issues, join(work, 'issues.jsonl'))
    const ours = runSide('dlt-ts', work, dataset)
    // the same normalized rows as CSV for the reference (not timed)
    const schema = dlt.pipeline({
      pipelineName: 'bench_mysql',
      destination: mysql({ credentials: url }),
      datasetName: dataset,
      pipelinesDir: join(work, 'pipelines'),
    }).schema!
    await admin.query(`CREATE DATABASE ${quote(reference)}`)
    const plan: { table: string; csv: string; columns: string[] }[] = []
    for (const [index, [table, path]] of loaderFiles(join(work, 'pipelines')).entries()) {
      const columns = completeColumns(schema.tables[table]!)
      await admin.query(
        `CREATE TABLE IF NOT EXISTS ${quote(reference)}.${quote(table)} LIKE ${quote(dataset)}.${quote(table)}`,
      )
      const csv = join(work, `${index}.csv`)
      const out = createWriteStream(csv)
      for await (const row of readJsonlRows(path, path)) {
        out.write(`${columns.map((column) => csvField(row[column.name], column)).join(',')}\n`)
      }
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      )
      plan.push({ table, csv, columns: columns.map((column) => column.name) })
    }
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(join(work, 'plan.json'), JSON.stringify(plan)),
    )
    const floor = runSide('floor', work, reference)
    const [[check]] = (await admin.query(
      `SELECT (SELECT COUNT(*) FROM ${quote(dataset)}.issues) AS ours, (SELECT COUNT(*) FROM ${quote(reference)}.issues) AS floor`,
    )) as unknown as [[{ ours: number; floor: number }]]
    const rate = (r: SideResult) => Math.round(r.rows / r.seconds)
    process.stdout.write(
      `${JSON.stringify({
        issues,
        rows: ours.rows,
        tables: plan.length,
        sameIssueRows: check.ours === check.floor,
        dltTs: { ...ours, rowsPerSecond: rate(ours) },
        loadData: { ...floor, rowsPerSecond: rate(floor) },
        ratioPipelineToLoadData: Number((ours.seconds / floor.seconds).toFixed(2)),
        ratioLoadToLoadData: Number((ours.stages['load']! / floor.seconds).toFixed(2)),
      })}\n`,
    )
  } finally {
    for (const name of [dataset, `${dataset}_staging`, reference]) {
      await admin.query(`DROP DATABASE IF EXISTS ${quote(name)}`)
    }
    await admin.end()
    rmSync(work, { recursive: true, force: true })
  }
}
