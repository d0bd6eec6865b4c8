/**
 * @module The files benchmark (issue #17): generates N order rows as `bench/data/orders.csv`
 * (6 columns: integers, text with quoted commas, decimals, ISO timestamps) and the same data as
 * `orders.parquet` (written by DuckDB), then, per format, runs dlt-ts (`filesystem()` piped into
 * `readCsv()` / `readParquet()`, loaded into DuckDB) and the reference (DuckDB's own `read_csv` /
 * `read_parquet` of the same file into a table) as separate processes, alternating, for `rounds`
 * rounds. Prints ONE JSON line: per format the median seconds of each side, rows/s, peak RSS,
 * dlt-ts's stage times, the ratio dlt-ts time / reference time, and the same ratio of CPU time
 * (steadier when other processes share the cores).
 *
 * usage: npm run bench:files -- [rows=1000000] [rounds=1]
 * The data files are kept in bench/data/ (git-ignored) and regenerated when the row count changes.
 */
import { execFileSync } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { median } from './load-duckdb.js'

const DATA_DIR = new URL('./data/', import.meta.url).pathname

/** Writes `rows` deterministic order rows as CSV, and the same data as Parquet. */
async function generate(rows: number): Promise<void> {
  const marker = join(DATA_DIR, 'orders.rows')
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(rows)) return
  mkdirSync(DATA_DIR, { recursive: true })
  const csv = join(DATA_DIR, 'orders.csv')
  const out = createWriteStream(csv)
  out.write('order_id,customer,amount,created_at,status,note\n')
  const statuses = ['paid', 'open', 'refunded']
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0')
    const second = String(i % 60).padStart(2, '0')
    const amount = ((i * 37) % 100_000) / 100
    const line = `${i},cust_${i % 5000},${amount.toFixed(2)},2024-01-${day}T10:00:${second}Z,${statuses[i % 3]},"note, with comma ${i}"\n`
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject)
    out.end(() => resolve())
  })
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const parquet = join(DATA_DIR, 'orders.parquet')
  await connection.run(
    `COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 100000)`,
  )
  connection.closeSync()
  instance.closeSync()
  writeFileSync(marker, String(rows))
}

/** What one side (`files-side.mjs`) reports. */
interface FilesSideResult {
  readonly mode: 'dlt-ts' | 'duckdb'
  readonly format: 'csv' | 'parquet'
  readonly rows: number
  readonly seconds: number
  /** CPU seconds of the process (all threads, DuckDB's included): steadier than wall time on a busy machine. */
  readonly cpuSeconds: number
  readonly peakRssMb: number
  /** dlt-ts: seconds of the run's extract (with the destination check), normalize and load. */
  readonly stages?: Record<string, number>
}

/** Runs one side in a fresh process and work dir (plain `node`; tsx for `BENCH_FROM=src`). */
function runSide(mode: FilesSideResult['mode'], format: string, root: string): FilesSideResult {
  const dir = mkdtempSync(join(root, `${mode}-${format}-`))
  const script = new URL('./files-side.mjs', import.meta.url).pathname
  const loader = process.env['BENCH_FROM'] === 'src' ? ['--import', 'tsx'] : []
  try {
    const out = execFileSync(process.execPath, [...loader, script, mode, format, DATA_DIR, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    })
    return JSON.parse(out.trim().split('\n').pop()!) as FilesSideResult
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const [rowsArg = '1000000', roundsArg = '1'] = process.argv.slice(2)
await generate(Number(rowsArg))
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-files-'))
try {
  const line: Record<string, unknown> = {
    benchmark: 'files',
    rows: Number(rowsArg),
    rounds: Number(roundsArg),
  }
  for (const format of ['csv', 'parquet']) {
    const ours: FilesSideResult[] = []
    const reference: FilesSideResult[] = []
    for (let round = 0; round < Number(roundsArg); round++) {
      ours.push(runSide('dlt-ts', format, root))
      reference.push(runSide('duckdb', format, root))
    }
    const a = median(ours, (r) => r.seconds)
    const b = median(reference, (r) => r.seconds)
    const side = (r: FilesSideResult) => ({
      seconds: r.seconds,
      cpuSeconds: r.cpuSeconds,
      rowsPerSecond: Math.round(r.rows / r.seconds),
      peakRssMb: r.peakRssMb,
      ...(r.stages ? { stages: r.stages } : {}),
    })
    line[format] = {
      loadedRows: a.rows,
      dltTs: side(a),
      reference: side(b),
      ratio: Math.round((a.seconds / b.seconds) * 100) / 100,
      cpuRatio: Math.round((a.cpuSeconds / b.cpuSeconds) * 100) / 100,
    }
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
} finally {
  rmSync(root, { recursive: true, force: true })
}
