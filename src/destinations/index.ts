/**
 * @module The destination factories, exported from the package as `dlt.destinations.*`.
 */
import type { Destination } from './destination.js'
import { DuckDbDestination } from './duckdb/duckdb-destination.js'
import type { DuckDbDestinationConfig } from './duckdb/duckdb-destination-config.js'
import { MysqlDestination } from './mysql/mysql-destination.js'
import type { MysqlDestinationConfig } from './mysql/mysql-destination-config.js'
import { PostgresDestination } from './postgres/postgres-destination.js'
import type { PostgresDestinationConfig } from './postgres/postgres-destination-config.js'
import { SqliteDestination } from './sqlite/sqlite-destination.js'
import type { SqliteDestinationConfig } from './sqlite/sqlite-destination-config.js'

export type { DuckDbDestinationConfig } from './duckdb/duckdb-destination-config.js'
export type {
  FilesystemDestinationConfig,
  FilesystemFileFormat,
  FileTransport,
  PlaceholderValue,
} from './filesystem/index.js'
export { filesystem } from './filesystem/index.js'
export type { MysqlDestinationConfig } from './mysql/mysql-destination-config.js'
export type {
  PostgresDestinationConfig,
  PostgresPoolClientLike,
  PostgresPoolLike,
} from './postgres/postgres-destination-config.js'
export type { SqliteDestinationConfig } from './sqlite/sqlite-destination-config.js'

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

/**
 * The PostgreSQL destination: loads into a PostgreSQL database, one schema per dataset, with
 * `COPY … FROM STDIN`. Needs the optional peer dependencies `pg` and `pg-copy-streams`.
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 *
 * const pipeline = dlt.pipeline({
 *   pipelineName: 'github',
 *   destination: dlt.destinations.postgres({
 *     credentials: 'postgresql://loader:secret@localhost:5432/dlt_data',
 *   }),
 *   datasetName: 'github_data',
 * })
 * await pipeline.run([{ id: 1, title: 'bug' }], { tableName: 'issues' })
 * ```
 *
 * @param config `credentials`: a connection string or its parts (default: from configuration,
 * `DESTINATION__POSTGRES__CREDENTIALS` or `[destination.postgres.credentials]`); `pool`: a `pg.Pool`
 * of your own instead; `createIndexes`: `UNIQUE` constraints for `unique` columns (default true).
 */
export function postgres(config: PostgresDestinationConfig = {}): Destination {
  return new PostgresDestination(config)
}

/**
 * The MySQL / MariaDB destination: loads into MySQL 8 or MariaDB 10.11+, one database per
 * dataset, with `LOAD DATA LOCAL INFILE` (multi-row `INSERT`s where the server refuses it);
 * timestamps are stored as UTC in `DATETIME(6)`. Needs the optional peer dependency `mysql2`.
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 *
 * const pipeline = dlt.pipeline({
 *   pipelineName: 'shop',
 *   destination: dlt.destinations.mysql({ credentials: 'mysql://loader:secret@localhost:3306/shop' }),
 *   datasetName: 'shop_data',
 * })
 * await pipeline.run([{ id: 1, title: 'bug' }], { tableName: 'issues' })
 * ```
 *
 * @param config `credentials`: a connection string or its parts (default: from configuration,
 * `DESTINATION__MYSQL__CREDENTIALS` or `[destination.mysql.credentials]`);
 * `loadDataLocalInfile`: `false` loads with `INSERT`s only (default true).
 */
export function mysql(config: MysqlDestinationConfig = {}): Destination {
  return new MysqlDestination(config)
}

/**
 * The SQLite destination: loads into SQLite files through `better-sqlite3`, one database file per
 * dataset next to the main file (`shop.db` → `shop__shop_data.db`, attached as `shop_data`), with
 * a prepared `INSERT` in the load's transaction. Needs the optional peer dependency
 * `better-sqlite3`.
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 *
 * const pipeline = dlt.pipeline({
 *   pipelineName: 'shop',
 *   destination: dlt.destinations.sqlite({ credentials: 'sqlite:///data/shop.db' }),
 *   datasetName: 'shop_data',
 * })
 * await pipeline.run([{ id: 1, title: 'bug' }], { tableName: 'issues' })
 * ```
 *
 * @param config `credentials`: the main file, a path or `sqlite:///relative.db` /
 * `sqlite:////absolute.db` or `':memory:'` (default: `destination.sqlite.credentials`, else
 * `<pipelineName>.db`).
 */
export function sqlite(config: SqliteDestinationConfig = {}): Destination {
  return new SqliteDestination(config)
}
