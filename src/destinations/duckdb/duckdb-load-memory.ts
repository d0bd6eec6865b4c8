/**
 * @module How much memory DuckDB gets while the loader inserts one table's files
 * (`loadMemoryLimit: 'auto'`, the default): at least `AUTO_LOAD_MEMORY_FLOOR`, more for wide tables
 * and for transactions that already inserted many columns, never more than DuckDB's own limit.
 *
 * The cap must be right before the insert: after an out-of-memory error DuckDB aborts the
 * package's transaction ("Current transaction is aborted (please ROLLBACK)") and has no
 * savepoints, so a failed insert cannot be retried with a higher cap (the loader can only load
 * the whole package again: `DuckDbClient.retryAfterFailure`). What DuckDB needs was
 * measured (2 vCPUs, `@duckdb/node-api` 1.5; `docs/performance.md`): the least `memory_limit` an
 * insert of text columns succeeds with, growing with the rows until it levels off at ~32k rows:
 *
 * | columns | 1 thread, 100 rows | 1 thread, ≥ 32k rows | 2+ threads, ≥ 32k rows |
 * | ---: | ---: | ---: | ---: |
 * | 100 | 45 MB | 114 MB | |
 * | 250 | 61 MB | 224 MB | 289 MB |
 * | 500 | 88 MB | 397 MB | 837 MB |
 * | 1,000 | 143 MB | 726 MB | 961 MB |
 *
 * Numbers and timestamps need about as much (1,000 mixed columns: 706 MB). After the
 * insert, each column of a table keeps ~34 KB that DuckDB does not spill until the commit (text;
 * integers ~18 KB), whatever the row count: 50 tables of 200 columns in one package need ~340 MB
 * more than the last table alone.
 */

/** `loadMemoryLimit` value that derives the cap from each table (the default). */
export const AUTO_LOAD_MEMORY_LIMIT = 'auto'

const MIB = 2 ** 20

/** The least cap of `'auto'`: 128 MB (DuckDB counts `MB` as 10^6 bytes). */
export const AUTO_LOAD_MEMORY_FLOOR = 128e6

/** `'auto'`: a fixed part of every insert (DuckDB's own buffers; measured 35–70 MB). */
const INSERT_BASE_BYTES = 64 * MIB
/** `'auto'`: per column and DuckDB thread of the insert (measured up to 0.67 MB with one thread). */
const COLUMN_BYTES_PER_THREAD = MIB
/** `'auto'`: per column of every table inserted before in the same transaction (measured ~34 KB). */
const EARLIER_COLUMN_BYTES = 48 * 1024

/** What `autoLoadMemoryLimit` derives the cap from. */
export interface LoadMemoryDemand {
  /** Columns of the table being inserted. */
  readonly columns: number
  /** DuckDB threads running the insert. */
  readonly threads: number
  /** Columns of the tables already inserted in the same transaction. */
  readonly earlierColumns: number
}

/**
 * The `memory_limit` in bytes for one insert with `loadMemoryLimit: 'auto'`: what the insert may
 * need, at least `AUTO_LOAD_MEMORY_FLOOR`; `undefined` when that reaches DuckDB's own limit
 * (`ceiling`), which then stays.
 */
export function autoLoadMemoryLimit(
  demand: LoadMemoryDemand,
  ceiling: number | undefined,
): number | undefined {
  const threads = Math.max(1, demand.threads)
  const need =
    INSERT_BASE_BYTES +
    demand.columns * threads * COLUMN_BYTES_PER_THREAD +
    demand.earlierColumns * EARLIER_COLUMN_BYTES
  const limit = Math.max(AUTO_LOAD_MEMORY_FLOOR, need)
  return ceiling !== undefined && limit >= ceiling ? undefined : limit
}

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
}

/**
 * Bytes of a size as DuckDB writes and reads them (`'18.8 GiB'`, `'128MB'`); `undefined` if it is
 * not one.
 */
export function parseMemorySize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text)
  if (!match) return undefined
  const unit = UNITS[match[2]!.toLowerCase()]
  return unit === undefined ? undefined : Number(match[1]) * unit
}

/**
 * `bytes` as a `memory_limit` value DuckDB reads back exactly: whole MB (10^6, so the floor is
 * `'128MB'` as before `'auto'`) or else whole MiB, rounded up.
 */
export function formatMemorySize(bytes: number): string {
  return bytes % 1e6 === 0 ? `${bytes / 1e6}MB` : `${Math.ceil(bytes / MIB)}MiB`
}
