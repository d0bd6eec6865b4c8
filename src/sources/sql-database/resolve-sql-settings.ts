/**
 * @module The source's credentials: given in code, or resolved from configuration as dlt resolves
 * `sql_database`'s — `sources.sql_database.<name>.credentials`, then
 * `sources.sql_database.credentials`, `sources.credentials`, `credentials` (a connection string, or
 * its parts under the key) — the same `defineConfig` / `resolveConfig` the PostgreSQL destination
 * uses. The scheme picks the driver; an unknown one is refused with the password masked.
 */
import {
  type ConfigProvider,
  type ConnectionStringCredentials,
  type ConnectionStringCredentialsInit,
  createConnectionStringCredentials,
  defineConfig,
  isConnectionStringCredentials,
  resolveConfig,
  secret,
} from '../../config/index.js'
import { UnsupportedSqlDatabaseError } from './sql-database-errors.js'
import { dialectOf, type SqlDialectName } from './sql-dialect-name.js'

const SQL_DATABASE_SETTINGS = defineConfig(
  { credentials: secret.connectionString({ required: ['host'] }) },
  { name: 'SqlDatabaseCredentials' },
)

/** Resolved credentials and the dialect their scheme names. */
export interface SqlCredentials {
  readonly credentials: ConnectionStringCredentials
  readonly dialect: SqlDialectName
}

/**
 * The credentials of `given`, else those configured under `sources.sql_database.<section>`.
 * Throws `ConfigFieldMissingError` (saying what to set) when none are found, and
 * `UnsupportedSqlDatabaseError` for a database the source cannot read.
 */
export function resolveSqlCredentials(
  given: string | ConnectionStringCredentialsInit | ConnectionStringCredentials | undefined,
  section: string,
  providers: readonly ConfigProvider[] | undefined,
): SqlCredentials {
  let credentials: ConnectionStringCredentials
  if (given === undefined) {
    credentials = resolveConfig(SQL_DATABASE_SETTINGS, {
      sections: ['sources', 'sql_database', section],
      ...(providers === undefined ? {} : { providers }),
    }).credentials
  } else if (typeof given === 'string' || isConnectionStringCredentials(given)) {
    credentials = createConnectionStringCredentials(given)
  } else if (given !== null && typeof given === 'object') {
    credentials = createConnectionStringCredentials(given)
  } else {
    throw new TypeError(
      'The `credentials` option of the sql_database source must be a connection string or an object of its parts',
    )
  }
  const dialect = dialectOf(credentials.drivername)
  // toString() shows the password as ***
  if (dialect === undefined) {
    throw new UnsupportedSqlDatabaseError(credentials.drivername, credentials.toString())
  }
  return { credentials, dialect }
}
