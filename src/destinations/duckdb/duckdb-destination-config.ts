/**
 * @module Configuration of the DuckDB destination and where its database file lives.
 */
import { isAbsolute, resolve } from 'node:path'
import type { DestinationClientConfig } from '../destination.js'

/** DuckDB's in-memory database; each client gets its own, gone when the client closes. */
export const DUCKDB_MEMORY = ':memory:'

/** What `dlt.destinations.duckdb()` takes. */
export interface DuckDbDestinationConfig {
  /**
   * The database file. A relative path resolves against the pipeline's working directory
   * (`process.cwd()` unless the pipeline says otherwise); `':memory:'` is an in-memory database.
   * @default `<pipelineName>.duckdb`, as dlt names it
   */
  readonly credentials?: string
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
