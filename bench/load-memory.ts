/**
 * @module The memory benchmark: the DuckDB load of `load-duckdb.ts` (dlt-ts side only) on both
 * input paths (`readJsonl`, `objects`) at 200k and at 1M records, each in its own process. Prints
 * ONE JSON line with the peak RSS values and, per path, their ratio (the targets: peak RSS
 * <= 400 MB and RSS at 1M <= 1.3x RSS at 200k, on every path).
 *
 * usage: tsx bench/load-memory.ts [small=200000] [large=1000000]
 * `BENCH_INPUT=objects` (or `readJsonl`) measures that path alone.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeIssues } from './generate-issues.js'
import { type InputPath, runSide } from './load-duckdb.js'

const sizes = process.argv.slice(2).map(Number)
const [small = 200_000, large = 1_000_000] = sizes
const only = process.env['BENCH_INPUT']
const paths: InputPath[] =
  only === 'objects' || only === 'readJsonl' ? [only] : ['readJsonl', 'objects']
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-mem-'))
try {
  const runs: { path: InputPath; records: number; seconds: number; peakRssMb: number }[] = []
  for (const records of [small, large]) {
    const file = join(root, `issues-${records}.jsonl`)
    await writeIssues(records, file)
    for (const path of paths) {
      const result = runSide('dlt-ts', file, root, path)
      runs.push({ path, records, seconds: result.seconds, peakRssMb: result.peakRssMb })
    }
    rmSync(file)
  }
  const peak = (path: InputPath, records: number) =>
    runs.find((run) => run.path === path && run.records === records)!.peakRssMb
  const line = {
    benchmark: 'load-memory',
    runs,
    rssRatio: Object.fromEntries(
      paths.map((path) => [path, Math.round((peak(path, large) / peak(path, small)) * 100) / 100]),
    ),
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
} finally {
  rmSync(root, { recursive: true, force: true })
}
