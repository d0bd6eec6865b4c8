/**
 * @module The DuckDB destination.
 */
export { DuckDbDestination } from './duckdb-destination.js'
export type { DuckDbDestinationConfig } from './duckdb-destination-config.js'
