/**
 * @module The part of `@duckdb/node-api` dlt-ts calls, as shapes (not the package's types), and
 * its lazy import: the DuckDB destination and the filesystem destination's reader share them, and
 * users who use neither never load the driver.
 */
import { TerminalError, toError } from '../../errors/dlt-error.js'

/** The subset of `@duckdb/node-api` dlt-ts calls. */
export interface DuckDbModule {
  DuckDBInstance: { create(path: string): Promise<DuckDbInstanceLike> }
  blobValue(bytes: Uint8Array): unknown
  /** The driver's ids of its types (`DuckDBTypeId.BIGINT`, …). */
  DuckDBTypeId: Readonly<Record<string, number>>
  /** The converter behind `getRowObjectsJS()`. */
  JSDuckDBValueConverter: DuckDbValueConverter
}

/** A column type of a result (of a value, for nested types): its id and alias (`JSON`). */
export interface DuckDbTypeLike {
  readonly typeId: number
  readonly alias?: string | undefined
}

/** Converts one value of a result; `converter` converts the items of nested values. */
export type DuckDbValueConverter = (
  value: unknown,
  type: DuckDbTypeLike,
  converter: DuckDbValueConverter,
) => unknown

/** A DuckDB database. */
export interface DuckDbInstanceLike {
  connect(): Promise<DuckDbConnectionLike>
  closeSync(): void
}

/** A connection to a DuckDB database. */
export interface DuckDbConnectionLike {
  runAndReadAll(sql: string, values?: unknown[]): Promise<DuckDbReaderLike>
  closeSync(): void
}

/** The result of a statement. */
export interface DuckDbReaderLike {
  readonly rowsChanged: number
  getRowObjectsJS(): Record<string, unknown>[]
  convertRowObjects(converter: DuckDbValueConverter): Record<string, unknown>[]
  /** The keys of `convertRowObjects`' rows, in column order. */
  deduplicatedColumnNames(): string[]
  /** The column types, with their alias (`JSON`), which the values' types do not carry. */
  columnTypes(): DuckDbTypeLike[]
}

/**
 * Imports `@duckdb/node-api`, or throws a `TerminalError` saying how to install it; `purpose`
 * starts the message, e.g. `'The duckdb destination'`.
 */
export async function loadDuckDb(purpose: string): Promise<DuckDbModule> {
  try {
    return (await import('@duckdb/node-api')) as unknown as DuckDbModule
  } catch (error) {
    throw new TerminalError(
      `${purpose} needs the optional peer dependency @duckdb/node-api: run \`npm install @duckdb/node-api\``,
      { cause: toError(error) },
    )
  }
}

/** Converts a query parameter to a value the driver binds. */
export function toDuckDbValue(module: DuckDbModule, value: unknown): unknown {
  if (value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return module.blobValue(value)
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return value
}
