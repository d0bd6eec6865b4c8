/**
 * @module The load benchmark: generates N nested issues, then runs dlt-ts and the reference
 * (DuckDB's own JSON reader on the same file) as separate processes, alternating, and prints
 * rows/s, peak RSS and the ratio dlt-ts / DuckDB for each round plus the median.
 *
 * usage: npm run bench -- [rows=50000] [rounds=3]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeIssues } from './generate-issues.js'

interface Result {
  mode: string
  rows: number
  seconds: number
  peakRssMb: number
}

const [rowsArg = '50000', roundsArg = '3'] = process.argv.slice(2)
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-'))
const file = join(root, 'issues.jsonl')
await writeIssues(Number(rowsArg), file)

function runSide(mode: 'dlt-ts' | 'duckdb', round: number): Result {
  const dir = mkdtempSync(join(root, `${mode}-${round}-`))
  const script = new URL('./load-issues.ts', import.meta.url).pathname
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, mode, file, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  rmSync(dir, { recursive: true, force: true })
  return JSON.parse(out.trim().split('\n').pop()!) as Result
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ratios: number[] = []
const format = (r: Result) =>
  `${r.mode.padEnd(7)} ${String(r.rows).padStart(8)} rows ${r.seconds.toFixed(2).padStart(7)} s ` +
  `${Math.round(r.rows / r.seconds)
    .toString()
    .padStart(9)} rows/s  peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB`
try {
  for (let round = 0; round < Number(roundsArg); round++) {
    const ours = runSide('dlt-ts', round)
    const reference = runSide('duckdb', round)
    ratios.push(ours.seconds / reference.seconds)
    console.log(`round ${round + 1}\n  ${format(ours)}\n  ${format(reference)}`)
    console.log(`  ratio dlt-ts / duckdb: ${(ours.seconds / reference.seconds).toFixed(2)}`)
  }
  console.log(
    `median ratio dlt-ts / duckdb over ${ratios.length} round(s): ${median(ratios).toFixed(2)}`,
  )
} finally {
  rmSync(root, { recursive: true, force: true })
}
