/**
 * @module The DuckDB load benchmark: generates N nested issues (`generate-issues.ts`), then runs
 * dlt-ts (a pipeline loading them into DuckDB, append) and the reference (DuckDB reading the same
 * file with `read_json_auto` and unnesting both lists) as separate processes, alternating, for
 * `rounds` rounds. Prints ONE JSON line: records, the median of each side's seconds, records/s,
 * peak RSS, dlt-ts's stage times, and the ratio dlt-ts time / reference time.
 *
 * usage: npm run bench -- [records=200000] [rounds=1]
 * `NORMALIZE__WORKERS` and other dlt settings in the environment reach the dlt-ts side;
 * `BENCH_INPUT=objects` makes it extract parsed objects instead of reading with `readJsonl`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeIssues } from './generate-issues.js'
import type { SideResult } from './load-duckdb-side.js'

/** Runs one side in a fresh process and work dir. */
export function runSide(mode: SideResult['mode'], file: string, root: string): SideResult {
  const dir = mkdtempSync(join(root, `${mode}-`))
  const script = new URL('./load-duckdb-side.ts', import.meta.url).pathname
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, mode, file, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    })
    return JSON.parse(out.trim().split('\n').pop()!) as SideResult
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The element in the middle (upper middle for an even count). */
export function median<T>(values: readonly T[], by: (value: T) => number): T {
  return [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [recordsArg = '200000', roundsArg = '1'] = process.argv.slice(2)
  const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-'))
  const file = join(root, 'issues.jsonl')
  try {
    await writeIssues(Number(recordsArg), file)
    const ours: SideResult[] = []
    const reference: SideResult[] = []
    for (let round = 0; round < Number(roundsArg); round++) {
      ours.push(runSide('dlt-ts', file, root))
      reference.push(runSide('duckdb', file, root))
    }
    const a = median(ours, (r) => r.seconds)
    const b = median(reference, (r) => r.seconds)
    const side = (r: SideResult) => ({
      seconds: r.seconds,
      recordsPerSecond: Math.round(r.records / r.seconds),
      peakRssMb: r.peakRssMb,
      ...(r.stages ? { stages: r.stages } : {}),
    })
    const line = {
      benchmark: 'load-duckdb',
      records: a.records,
      rounds: ours.length,
      dltTs: side(a),
      reference: side(b),
      ratio: Math.round((a.seconds / b.seconds) * 100) / 100,
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
