/**
 * @module The destination factories, exported from the package as `dlt.destinations.*`.
 */
import type { Destination } from './destination.js'
import { DuckDbDestination } from './duckdb/duckdb-destination.js'
import type { DuckDbDestinationConfig } from './duckdb/duckdb-destination-config.js'

export type { DuckDbDestinationConfig } from './duckdb/duckdb-destination-config.js'

/**
 * The DuckDB destination: loads into a DuckDB database file, one schema per dataset.
 * Needs the optional peer dependency `@duckdb/node-api`.
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 *
 * const pipeline = dlt.pipeline({
 *   pipelineName: 'github',
 *   destination: dlt.destinations.duckdb({ credentials: 'data/github.duckdb' }),
 *   datasetName: 'github_data',
 * })
 * await pipeline.run([{ id: 1, title: 'bug' }], { tableName: 'issues' })
 * ```
 *
 * @param config `credentials`: the database file (relative paths resolve against the working
 * directory; `':memory:'` for an in-memory database). Default: `<pipelineName>.duckdb`.
 */
export function duckdb(config: DuckDbDestinationConfig = {}): Destination {
  return new DuckDbDestination(config)
}
