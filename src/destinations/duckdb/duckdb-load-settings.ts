/**
 * @module `DuckDbLoadSettings`: DuckDB's `memory_limit`, `threads` and `preserve_insertion_order`
 * while the loader inserts one table's files (`loadMemoryLimit`, `loadThreads`,
 * `preserveInsertionOrder`), set before the insert and reset after it, and
 * the hint an out-of-memory error gets. With `loadMemoryLimit: 'auto'` the cap comes from
 * `autoLoadMemoryLimit`, so it keeps count of the columns the running transaction inserted.
 */
import { DestinationQueryError } from '../destination-errors.js'
import {
  AUTO_LOAD_MEMORY_LIMIT,
  autoLoadMemoryLimit,
  formatMemorySize,
  parseMemorySize,
} from './duckdb-load-memory.js'

/** How an insert's memory was capped: `loadMemoryLimit`, and the `memory_limit` it set. */
export interface MemoryCap {
  readonly option: string
  /** The `memory_limit` set; absent when `'auto'` kept DuckDB's own (`ownLimit`). */
  readonly limit?: string
  readonly ownLimit?: string
}

/** What `DuckDbLoadSettings` applies (from the destination's config). */
export interface DuckDbLoadSettingsConfig {
  readonly loadMemoryLimit: string | false
  readonly loadThreads: number | false
  /** False: `SET preserve_insertion_order = false` for the insert. @default true */
  readonly preserveInsertionOrder?: boolean
}

/** DuckDB's own settings, before the loader changes them. */
interface DuckDbOwnSettings {
  /** Bytes; `undefined` if DuckDB wrote it in a form `parseMemorySize` does not read. */
  readonly memoryLimit: number | undefined
  readonly memoryLimitText: string
  readonly threads: number
}

/** Runs one statement on the client's connection and returns its rows. */
type RunStatement = (sql: string) => Promise<readonly Record<string, unknown>[]>

/** The load settings of one `DuckDbClient`. */
export class DuckDbLoadSettings {
  readonly #config: DuckDbLoadSettingsConfig
  readonly #run: RunStatement
  // memory_limit / threads are set for the running INSERT
  #applied = false
  // columns of the tables inserted in the running transaction (see `autoLoadMemoryLimit`)
  #earlierColumns = 0
  #own: DuckDbOwnSettings | undefined
  // set by `relax` after an insert ran out of memory: no cap / fewer threads from then on
  #ownMemoryLimit = false
  #threads: number | false

  constructor(config: DuckDbLoadSettingsConfig, run: RunStatement) {
    this.#config = config
    this.#run = run
    this.#threads = config.loadThreads
  }

  /**
   * Sets `memory_limit` and `threads` for the insert of a table of `columns` columns, and says
   * how the memory was capped (`undefined`: not at all, DuckDB's own limit applies).
   */
  async apply(columns: number, inTransaction: boolean): Promise<MemoryCap | undefined> {
    if (!inTransaction) this.#earlierColumns = 0
    const cap = await this.#memoryCap(columns)
    if (cap?.limit !== undefined) {
      await this.#run(`SET memory_limit = '${cap.limit.replaceAll("'", "''")}'`)
      this.#applied = true
    }
    const threads = this.#threads
    if (threads !== false) {
      await this.#run(`SET threads = ${threads}`)
      this.#applied = true
    }
    if (this.#config.preserveInsertionOrder === false) {
      await this.#run('SET preserve_insertion_order = false')
      this.#applied = true
    }
    return cap
  }

  /** Records a finished insert of `columns` columns in the running transaction. */
  inserted(columns: number): void {
    this.#earlierColumns += columns
  }

  /** Restores DuckDB's own settings, if `apply` changed them. */
  async reset(): Promise<void> {
    if (!this.#applied) return
    await this.#run('RESET memory_limit')
    await this.#run('RESET threads')
    await this.#run('RESET preserve_insertion_order')
    this.#applied = false
  }

  /**
   * After an insert under `cap` ran out of memory, eases the settings of every later insert:
   * lifts the loader's cap (DuckDB's own `memory_limit` applies), or where DuckDB's own limit was
   * the cap, runs with one thread. Returns what changed, or `undefined` when nothing is left to
   * ease.
   */
  relax(cap: MemoryCap): string | undefined {
    if (cap.limit !== undefined && !this.#ownMemoryLimit) {
      this.#ownMemoryLimit = true
      return (
        `DuckDB ran out of memory under the load's memory_limit of ${cap.limit} ` +
        `(\`loadMemoryLimit\` ${cap.option}): loaded again with DuckDB's own memory_limit`
      )
    }
    const threads = this.#threads === false ? this.#own?.threads : this.#threads
    if (threads !== undefined && threads > 1) {
      this.#threads = 1
      return (
        `DuckDB ran out of memory under its own memory_limit (${cap.ownLimit ?? 'unknown'}) ` +
        `with ${threads} threads: loaded again with 1 thread`
      )
    }
    return undefined
  }

  /** The transaction committed or rolled back: its tables no longer hold memory. */
  transactionEnded(): void {
    this.#earlierColumns = 0
  }

  /** The connection closed, and with it the session's settings. */
  connectionClosed(): void {
    this.#applied = false
    this.#earlierColumns = 0
    this.#own = undefined
  }

  async #memoryCap(columns: number): Promise<MemoryCap | undefined> {
    const option = this.#config.loadMemoryLimit
    if (option === false) return undefined
    if (option !== AUTO_LOAD_MEMORY_LIMIT && !this.#ownMemoryLimit) return { option, limit: option }
    const own = await this.#ownSettings()
    if (this.#ownMemoryLimit) return { option, ownLimit: own.memoryLimitText }
    const loadThreads = this.#threads
    const demand = {
      columns,
      threads: loadThreads === false ? own.threads : loadThreads,
      earlierColumns: this.#earlierColumns,
    }
    const bytes = autoLoadMemoryLimit(demand, own.memoryLimit)
    if (bytes !== undefined) return { option, limit: formatMemorySize(bytes) }
    return { option, ...(own.memoryLimitText ? { ownLimit: own.memoryLimitText } : {}) }
  }

  /** DuckDB's `memory_limit` and `threads` as the database has them, read once per connection. */
  async #ownSettings(): Promise<DuckDbOwnSettings> {
    if (this.#own) return this.#own
    const [row] = await this.#run(
      "SELECT current_setting('memory_limit') AS memory_limit, current_setting('threads') AS threads",
    )
    const memoryLimitText = String(row?.['memory_limit'] ?? '')
    this.#own = {
      memoryLimit: parseMemorySize(memoryLimitText),
      memoryLimitText,
      threads: Number(row?.['threads'] ?? 1) || 1,
    }
    return this.#own
  }
}

/** True for DuckDB's "Out of Memory Error" (a query error of the destination). */
export function isOutOfMemory(error: unknown): error is DestinationQueryError {
  return error instanceof DestinationQueryError && /out of memory/i.test(error.message)
}

/** An out-of-memory failure under the load's cap, with what to change. */
export function withMemoryHint(error: unknown, cap: MemoryCap): unknown {
  if (!isOutOfMemory(error)) return error
  const { sql, params, destination, dataset, table } = error
  return new DestinationQueryError(
    sql,
    params,
    {
      destination,
      ...(dataset === undefined ? {} : { dataset }),
      ...(table === undefined ? {} : { table }),
      hint: memoryHint(cap),
    },
    { cause: error.cause as Error },
  )
}

function memoryHint(cap: MemoryCap): string {
  const raise = "raise the duckdb destination's `loadMemoryLimit` option"
  if (cap.option !== AUTO_LOAD_MEMORY_LIMIT) {
    return (
      `DuckDB's memory_limit is capped at ${cap.limit} while a table loads: ${raise}, or set it ` +
      "to false to keep DuckDB's own limit."
    )
  }
  if (cap.limit !== undefined) {
    return (
      `DuckDB's memory_limit was set to ${cap.limit} for this table (\`loadMemoryLimit\` 'auto', ` +
      `from its columns and the package's earlier tables): ${raise} to a larger size, or set it ` +
      "to false to keep DuckDB's own limit."
    )
  }
  return (
    `DuckDB's own memory_limit (${cap.ownLimit ?? 'unknown'}) was not enough for this table and ` +
    `the package's earlier tables: ${raise} to a size above it, or lower \`loadThreads\`.`
  )
}
