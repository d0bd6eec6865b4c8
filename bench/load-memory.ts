/**
 * @module The memory benchmark: the DuckDB load of `load-duckdb.ts` (dlt-ts side only) at 200k and
 * at 1M records, each in its own process. Prints ONE JSON line with both peak RSS values and their
 * ratio (the target: peak RSS <= 400 MB and RSS at 1M <= 1.3x RSS at 200k).
 *
 * usage: tsx bench/load-memory.ts [small=200000] [large=1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeIssues } from './generate-issues.js'
import { runSide } from './load-duckdb.js'

const sizes = process.argv.slice(2).map(Number)
const [small = 200_000, large = 1_000_000] = sizes
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-mem-'))
try {
  const results = []
  for (const records of [small, large]) {
    const file = join(root, `issues-${records}.jsonl`)
    await writeIssues(records, file)
    const result = runSide('dlt-ts', file, root)
    rmSync(file)
    results.push({ records, seconds: result.seconds, peakRssMb: result.peakRssMb })
  }
  const [a, b] = results as [(typeof results)[0], (typeof results)[0]]
  const line = {
    benchmark: 'load-memory',
    runs: results,
    rssRatio: Math.round((b.peakRssMb / a.peakRssMb) * 100) / 100,
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
} finally {
  rmSync(root, { recursive: true, force: true })
}
