/**
 * @module Configuration of the MySQL/MariaDB destination: credentials as a connection string
 * (`mysql://loader:secret@localhost:3306/shop`, also `mariadb://` and dlt's `mysql+pymysql://`),
 * its parts, or `ConnectionStringCredentials`, else `destination.mysql.credentials` from
 * configuration with dlt's keys (`host`, `port`, `database`, `username`, `password`, `query`),
 * resolved when a client first connects.
 */
import type { ConnectionStringCredentials } from '../../config/index.js'
import {
  type ConnectionCredentialsInput,
  connectionCredentials,
} from '../sql/connection-credentials.js'

/** What `dlt.destinations.mysql()` takes. */
export interface MysqlDestinationConfig {
  /**
   * Where to connect: `mysql://loader:secret@localhost:3306/shop`, the parts
   * (`{ host, port, username, password, database, query }`) or credentials from
   * `createConnectionStringCredentials`. The database is where the client connects; each dataset
   * is a database (schema) of its own. `query.connect_timeout` is in seconds (default 15).
   * @default `destination.mysql.credentials` from configuration
   * (`DESTINATION__MYSQL__CREDENTIALS`, `.dlt/secrets.toml`), looked up when a client connects
   */
  readonly credentials?: ConnectionCredentialsInput
  /**
   * Load files with `LOAD DATA LOCAL INFILE` (streamed from the loader file, no temp file). When
   * the server refuses it (`local_infile` is off, MySQL 8's default), the client falls back to
   * multi-row `INSERT`s by itself; `false` always uses the `INSERT`s.
   * @default true
   */
  readonly loadDataLocalInfile?: boolean
}

const DEFAULT_CONNECT_TIMEOUT = 15

// The password may be left out (e.g. root on a local server), as the server allows.
const CREDENTIALS = connectionCredentials({
  destination: 'mysql',
  schemes: ['mysql', 'mariadb'],
  required: ['host', 'database', 'username'],
  driverExample: 'mysql+pymysql://',
})

/** Checks `config` at the API boundary and returns a frozen copy. */
export function validateMysqlConfig(config: MysqlDestinationConfig = {}): MysqlDestinationConfig {
  if (config === null || typeof config !== 'object') {
    throw new TypeError(
      'The MySQL destination takes an options object, e.g. `mysql({ credentials: "mysql://…" })`',
    )
  }
  const { credentials } = config
  if (
    credentials !== undefined &&
    typeof credentials !== 'string' &&
    (credentials === null || typeof credentials !== 'object')
  ) {
    throw new TypeError(
      'The `credentials` option of the MySQL destination must be a connection string or an object of its parts',
    )
  }
  if (config.loadDataLocalInfile !== undefined && typeof config.loadDataLocalInfile !== 'boolean') {
    throw new TypeError(
      'The `loadDataLocalInfile` option of the MySQL destination must be a boolean',
    )
  }
  return Object.freeze({
    ...config,
    // Parsed now, so that a malformed string fails here; the password stays hidden in the result.
    ...(credentials === undefined ? {} : { credentials: CREDENTIALS.parse(credentials) }),
  })
}

/**
 * The credentials of `config`, else those configured for `pipelineName` (dlt's sections). Throws
 * `ConfigFieldMissingError` when parts are missing and `ConnectionStringSchemeError` for a
 * connection string of another database.
 */
export function resolveMysqlCredentials(
  config: MysqlDestinationConfig,
  pipelineName: string,
): ConnectionStringCredentials {
  return CREDENTIALS.resolve(config.credentials, pipelineName)
}

/** `mysql2` connection options for `credentials`. */
export function connectionOptions(credentials: ConnectionStringCredentials): {
  host: string
  port: number
  user: string | undefined
  password: string | undefined
  database: string | undefined
  connectTimeout: number
} {
  const timeout = Number(credentials.query?.['connect_timeout'] ?? DEFAULT_CONNECT_TIMEOUT)
  return {
    host: credentials.host ?? 'localhost',
    port: credentials.port ?? 3306,
    user: credentials.username,
    password: credentials.password,
    database: credentials.database,
    connectTimeout: (Number.isFinite(timeout) ? timeout : DEFAULT_CONNECT_TIMEOUT) * 1000,
  }
}
