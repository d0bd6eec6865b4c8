/**
 * @module The DuckDB load benchmark (issues #8, #22): generates N nested issues
 * (`generate-issues.ts`), then runs dlt-ts on each input path — `readJsonl` (the file through
 * `dlt.readJsonl`) and `objects` (records the benchmark parses itself, yielded by a generator) —
 * loading them into DuckDB (append), and the reference (DuckDB reading the same file with
 * `read_json_auto` and unnesting both lists) as separate processes, alternating, for `rounds`
 * rounds; then, when a PostgreSQL server answers, both paths into PostgreSQL against a plain
 * `COPY` of the same rows (`load-postgres.ts`, one run each). Prints ONE JSON line: records, the
 * median of each side's seconds, records/s, peak RSS and stage times, and per path the ratio to
 * its reference and issue #22's target (`paths`, `postgres`); the top-level `dltTs` and `ratio`
 * are the first path's.
 *
 * usage: npm run bench -- [records=200000] [rounds=1]
 * `BENCH_INPUT=objects` (or `readJsonl`) runs that DuckDB path alone; `BENCH_POSTGRES=false`
 * skips PostgreSQL (`PG_CONNECTION_STRING` names the server). `NORMALIZE__WORKERS` and other dlt
 * settings in the environment reach the dlt-ts side.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeIssues } from './generate-issues.js'
import type { SideResult } from './load-duckdb-side.js'

/** The ways records come into dlt-ts (`BENCH_INPUT`), and issue #22's targets for them. */
const PATHS = { readJsonl: 1.5, objects: 2 } as const
export type InputPath = keyof typeof PATHS
/** Issue #22: PostgreSQL end to end within 2x a plain COPY, the load step within 1.2x. */
const POSTGRES_TARGETS = { pipeline: 2, load: 1.2 } as const

/** Runs one side in a fresh process and work dir (`input`: the dlt-ts side's input path). */
export function runSide(
  mode: SideResult['mode'],
  file: string,
  root: string,
  input?: InputPath,
): SideResult {
  const dir = mkdtempSync(join(root, `${mode}-`))
  const script = new URL('./load-duckdb-side.ts', import.meta.url).pathname
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, mode, file, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      ...(input ? { env: { ...process.env, BENCH_INPUT: input } } : {}),
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

/** Both paths into PostgreSQL (`load-postgres.ts`), or why not. */
function runPostgres(records: number, paths: readonly InputPath[]): Record<string, unknown> {
  const script = new URL('./load-postgres.ts', import.meta.url).pathname
  const out: Record<string, unknown> = {}
  for (const input of paths) {
    try {
      const text = execFileSync(process.execPath, ['--import', 'tsx', script, String(records)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        env: { ...process.env, BENCH_INPUT: input },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const result = JSON.parse(text.trim().split('\n').pop()!) as {
        pipeline: { seconds: number }
        load: { seconds: number }
        copy: { seconds: number }
        ratioPipelineToCopy: number
        ratioLoadToCopy: number
      }
      out[input] = {
        seconds: Math.round(result.pipeline.seconds * 1000) / 1000,
        loadSeconds: Math.round(result.load.seconds * 1000) / 1000,
        copySeconds: Math.round(result.copy.seconds * 1000) / 1000,
        ratio: result.ratioPipelineToCopy,
        target: POSTGRES_TARGETS.pipeline,
        loadRatio: result.ratioLoadToCopy,
        loadTarget: POSTGRES_TARGETS.load,
      }
    } catch (error) {
      // no server here (say): the DuckDB paths and the other path still count
      const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      const reason = stderr.split('\n').find((line) => /Error/.test(line)) ?? String(error)
      out[input] = { skipped: reason.trim().slice(0, 200) }
    }
  }
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [recordsArg = '200000', roundsArg = '1'] = process.argv.slice(2)
  const only = process.env['BENCH_INPUT']
  const paths: InputPath[] =
    only === 'objects' || only === 'readJsonl' ? [only] : (Object.keys(PATHS) as InputPath[])
  const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-'))
  const file = join(root, 'issues.jsonl')
  try {
    await writeIssues(Number(recordsArg), file)
    const ours = new Map<InputPath, SideResult[]>(paths.map((path) => [path, []]))
    const reference: SideResult[] = []
    for (let round = 0; round < Number(roundsArg); round++) {
      for (const path of paths) ours.get(path)!.push(runSide('dlt-ts', file, root, path))
      reference.push(runSide('duckdb', file, root))
    }
    const b = median(reference, (r) => r.seconds)
    const side = (r: SideResult) => ({
      seconds: r.seconds,
      recordsPerSecond: Math.round(r.records / r.seconds),
      peakRssMb: r.peakRssMb,
      ...(r.stages ? { stages: r.stages } : {}),
    })
    const ratio = (r: SideResult) => Math.round((r.seconds / b.seconds) * 100) / 100
    const results = paths.map((path) => [path, median(ours.get(path)!, (r) => r.seconds)] as const)
    const [, first] = results[0]!
    const line = {
      benchmark: 'load-duckdb',
      records: first.records,
      rounds: Number(roundsArg),
      dltTs: side(first),
      reference: side(b),
      ratio: ratio(first),
      paths: Object.fromEntries(
        results.map(([path, r]) => [path, { ...side(r), ratio: ratio(r), target: PATHS[path] }]),
      ),
      ...(process.env['BENCH_POSTGRES'] === 'false'
        ? {}
        : { postgres: runPostgres(Number(recordsArg), paths) }),
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
