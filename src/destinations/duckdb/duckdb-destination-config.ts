/**
 * @module Configuration of the DuckDB destination and where its database file lives.
 */
import { availableParallelism } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import type { DestinationClientConfig } from '../destination.js'
import { AUTO_LOAD_MEMORY_LIMIT } from './duckdb-load-memory.js'

/** DuckDB's in-memory database; each client gets its own, gone when the client closes. */
export const DUCKDB_MEMORY = ':memory:'

/** DuckDB's buffer pool while a table's files are loaded (see `loadMemoryLimit`). */
export const DEFAULT_LOAD_MEMORY_LIMIT = AUTO_LOAD_MEMORY_LIMIT

/** What `dlt.destinations.duckdb()` takes. */
export interface DuckDbDestinationConfig {
  /**
   * The database file. A relative path resolves against the pipeline's working directory
   * (`process.cwd()` unless the pipeline says otherwise); `':memory:'` is an in-memory database.
   * @default `<pipelineName>.duckdb`, as dlt names it
   */
  readonly credentials?: string
  /**
   * DuckDB's `memory_limit` while the loader inserts a table's files (reset afterwards). A load
   * package commits in one transaction, so its rows stay transaction-local until the end; a capped
   * buffer pool spills them to the database's temp directory (`<file>.tmp`) instead of keeping
   * them in memory, which keeps the peak memory flat however big the package is.
   *
   * - `'auto'`: 128MB, raised for what a table needs — about 1 MB per column and DuckDB thread of
   *   the insert, plus 48 KB per column of the tables inserted before in the same package — and
   *   never above DuckDB's own limit (80 % of RAM). A package of narrow tables loads under 128MB
   *   however many rows it has; a 1,000-column table or a package of many tables gets what it
   *   needs.
   * - a size such as `'512MB'` or `'1GiB'`: exactly that, for every table.
   *
   * A package whose insert runs out of memory anyway is rolled back and loaded once more without
   * the cap (or, under DuckDB's own limit, on one thread), noted in `LoadInfo.notes`; only if
   * that fails too does the load fail, with an error naming this option.
   * - `false`: DuckDB's own limit.
   *
   * Not applied to `':memory:'` databases, which have no file to spill next to.
   * @default 'auto'
   */
  readonly loadMemoryLimit?: string | false
  /**
   * Let DuckDB compress the row-id columns (`_dlt_id`, `_dlt_parent_id`, `_dlt_root_id`: the
   * columns with a `row_key`, `parent_key` or `root_key` hint) as it chooses. By default dlt-ts
   * creates them `USING COMPRESSION uncompressed`: they are random, unique strings, which DuckDB's
   * compression analysis spends much time on for little gain — uncompressed, a load runs ~20 %
   * faster (nested tables ~40 %) and the database file is ~15 % bigger (`docs/performance.md`).
   * Only the storage differs: names, types and values are dlt's. Applies to tables and columns
   * created from then on.
   * @default false
   */
  readonly compressRowIds?: boolean
  /**
   * DuckDB's `threads` while the loader inserts a table's files (reset afterwards); `false`
   * keeps DuckDB's own (one per core). With `preserveInsertionOrder: true` on machines with 2
   * cores or fewer the default is 1: there DuckDB's order-keeping parallel insert costs more than
   * it gains (measured on 2 vCPUs: 0.86 → 0.69 s per 200k records, `docs/performance.md`).
   * @default false (1 with `preserveInsertionOrder: true` on 2 cores or fewer)
   */
  readonly loadThreads?: number | false
  /**
   * DuckDB's `preserve_insertion_order` while the loader inserts a table's files (reset
   * afterwards). dlt gives no order to the rows of a load: it loads a table's files as parallel
   * jobs (20 workers by default), so rows of different files land in any order. `false` lets
   * DuckDB insert the files on all its threads without keeping their order (1M rows on 2 vCPUs:
   * 1.0 s instead of 1.7 s, `docs/performance.md`); `true` keeps the rows in the order of the
   * loader files, as a single `INSERT` reads them. Read in a defined order with `ORDER BY`.
   * @default false
   */
  readonly preserveInsertionOrder?: boolean
}

/**
 * `loadThreads` when not given: DuckDB's own, except 1 on machines with 2 cores or fewer when
 * the insert keeps the rows' order (`preserveInsertionOrder`).
 */
export function defaultLoadThreads(
  cores = availableParallelism(),
  preserveInsertionOrder = false,
): number | false {
  return preserveInsertionOrder && cores <= 2 ? 1 : false
}

/** Checks `config` at the API boundary and returns a frozen copy. */
export function validateDuckDbConfig(
  config: DuckDbDestinationConfig = {},
): DuckDbDestinationConfig {
  if (config === null || typeof config !== 'object') {
    throw new TypeError(
      'The DuckDB destination takes an options object, e.g. `duckdb({ credentials: "data.duckdb" })`',
    )
  }
  const { credentials } = config
  if (credentials !== undefined && (typeof credentials !== 'string' || credentials === '')) {
    throw new TypeError(
      'The `credentials` option of the DuckDB destination must be a non-empty file path or ":memory:"',
    )
  }
  const { loadMemoryLimit } = config
  if (
    loadMemoryLimit !== undefined &&
    loadMemoryLimit !== false &&
    loadMemoryLimit !== AUTO_LOAD_MEMORY_LIMIT &&
    (typeof loadMemoryLimit !== 'string' || !/^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(loadMemoryLimit))
  ) {
    throw new TypeError(
      'The `loadMemoryLimit` option of the DuckDB destination must be "auto", a size such as ' +
        '"128MB" or "1GiB", or false to keep DuckDB\'s own limit',
    )
  }
  const { loadThreads } = config
  if (
    loadThreads !== undefined &&
    loadThreads !== false &&
    !(Number.isInteger(loadThreads) && loadThreads >= 1)
  ) {
    throw new TypeError(
      'The `loadThreads` option of the DuckDB destination must be a whole number of at least 1, ' +
        "or false to keep DuckDB's own",
    )
  }
  const { preserveInsertionOrder } = config
  if (preserveInsertionOrder !== undefined && typeof preserveInsertionOrder !== 'boolean') {
    throw new TypeError(
      'The `preserveInsertionOrder` option of the DuckDB destination must be a boolean',
    )
  }
  const { compressRowIds } = config
  if (compressRowIds !== undefined && typeof compressRowIds !== 'boolean') {
    throw new TypeError('The `compressRowIds` option of the DuckDB destination must be a boolean')
  }
  return Object.freeze({ ...config })
}

/** The absolute database path (or `':memory:'`) for a client of `clientConfig`. */
export function resolveDuckDbPath(
  config: DuckDbDestinationConfig,
  clientConfig: DestinationClientConfig,
): string {
  const credentials = config.credentials ?? `${clientConfig.pipelineName}.duckdb`
  if (credentials === DUCKDB_MEMORY) return credentials
  if (isAbsolute(credentials)) return credentials
  return resolve(clientConfig.workingDirectory ?? process.cwd(), credentials)
}
