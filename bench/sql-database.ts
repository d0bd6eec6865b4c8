/**
 * @module The SQL database source benchmark: generates a PostgreSQL table of N rows with 12 mixed
 * columns (bigint, numeric(20,4), text, varchar, bool, timestamptz, timestamp, date, jsonb, bytea,
 * uuid, a half-null text), then runs dlt-ts (`sqlTable` → pipeline → DuckDB) and the floor (`COPY
 * … TO` a CSV file + DuckDB `read_csv` into a table) as separate processes, alternating, for
 * `rounds` rounds. Prints ONE JSON line per size: rows, the median of each side's seconds, rows/s,
 * peak RSS, dlt-ts's stage times and the ratio dlt-ts time / floor time.
 *
 * usage: npm run bench:sql -- [rows=1000000, or a list: 200000,1000000] [rounds=1]
 * The server: `PG_CONNECTION_STRING`, else postgresql://postgres@127.0.0.1:5432/postgres.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { SqlSideResult } from './sql-database-side.js'

const url = process.env['PG_CONNECTION_STRING'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const [rowsArg = '1000000', roundsArg = '1'] = process.argv.slice(2)
const schema = `bench_sql_${Math.random().toString(16).slice(2, 10)}`

function runSide(mode: SqlSideResult['mode'], root: string): SqlSideResult {
  const dir = mkdtempSync(join(root, `${mode}-`))
  const script = new URL('./sql-database-side.ts', import.meta.url).pathname
  try {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', script, mode, url, schema, dir],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    )
    return JSON.parse(out.trim().split('\n').pop()!) as SqlSideResult
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function median<T>(values: readonly T[], by: (value: T) => number): T {
  return [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!
}

async function createTable(client: pg.Client, rows: number): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS "${schema}".bench`)
  await client.query(`CREATE TABLE "${schema}".bench (
    id bigint PRIMARY KEY, amount numeric(20,4), name text, code varchar(32), active boolean,
    created_at timestamptz, local_at timestamp, day date, doc jsonb, raw bytea, uid uuid, note text)`)
  await client.query(
    `INSERT INTO "${schema}".bench SELECT g, g * 1.2345, 'customer ' || g, md5(g::text), g % 3 = 0,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second',
       timestamp '2024-01-01 00:00:00' + g * interval '1 minute', date '2020-01-01' + g % 3650,
       jsonb_build_object('id', g, 'tags', jsonb_build_array('a', 'b'), 'score', g % 100),
       decode(md5(g::text), 'hex'), md5(g::text)::uuid,
       CASE WHEN g % 2 = 0 THEN NULL ELSE 'note ' || g END
     FROM generate_series(1, $1::int) g`,
    [rows],
  )
  await client.query(`VACUUM ANALYZE "${schema}".bench`)
}

const client = new pg.Client({ connectionString: url })
await client.connect()
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-bench-sql-'))
try {
  await client.query(`CREATE SCHEMA "${schema}"`)
  for (const rows of rowsArg.split(',').map(Number)) {
    await createTable(client, rows)
    const ours: SqlSideResult[] = []
    const floors: SqlSideResult[] = []
    for (let round = 0; round < Number(roundsArg); round++) {
      ours.push(runSide('dlt-ts', root))
      floors.push(runSide('floor', root))
    }
    const a = median(ours, (r) => r.seconds)
    const b = median(floors, (r) => r.seconds)
    const side = (r: SqlSideResult) => ({
      seconds: r.seconds,
      rowsPerSecond: Math.round(r.rows / r.seconds),
      peakRssMb: r.peakRssMb,
      stages: r.stages,
    })
    if (a.rows !== rows || b.rows !== rows) {
      throw new Error(`expected ${rows} rows on both sides, got dlt-ts ${a.rows}, floor ${b.rows}`)
    }
    const line = {
      benchmark: 'sql-database',
      rows,
      columns: 12,
      rounds: Number(roundsArg),
      dltTs: side(a),
      floor: side(b),
      ratio: Number((a.seconds / b.seconds).toFixed(2)),
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
  }
} finally {
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await client.end()
  rmSync(root, { recursive: true, force: true })
}
