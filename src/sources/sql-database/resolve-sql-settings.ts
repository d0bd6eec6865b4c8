/**
 * @module The source's settings, from code or from configuration, resolved as dlt resolves the
 * arguments of `sql_database` / `sql_table` (`dlt.secrets.value` / `dlt.config.value`):
 * `credentials`, `schema`, `chunk_size`, `reflection_level` (and `table_names` for the database)
 * under `sources.sql_database.<name>`, then `sources.sql_database`, `sources`, the top level —
 * with the same `defineConfig` / `resolveConfig` the PostgreSQL destination uses for its own.
 * The connection string's scheme picks the driver; an unknown one is refused, password masked.
 */
import {
  type ConnectionStringCredentials,
  config,
  createConnectionStringCredentials,
  defineConfig,
  isConnectionStringCredentials,
  resolveConfig,
  secret,
} from '../../config/index.js'
import { REFLECTION_LEVELS, type ReflectionLevel } from './column-hints.js'
import { UnsupportedSqlDatabaseError } from './sql-database-errors.js'
import { DEFAULT_CHUNK_SIZE, type SqlReadOptions } from './sql-database-options.js'
import { dialectOf, type SqlDialectName } from './sql-dialect-name.js'

const SQL_TABLE_SETTINGS = defineConfig(
  {
    // no part but the scheme is required: a SQLite URL has only a database (the file)
    credentials: secret.connectionString(),
    schema: config.string({ optional: true }),
    chunkSize: config.integer({ default: DEFAULT_CHUNK_SIZE }),
    reflectionLevel: config.string({ default: 'full' }),
  },
  { name: 'SqlTableConfiguration' },
)

const SQL_DATABASE_SETTINGS = defineConfig(
  { ...SQL_TABLE_SETTINGS.fields, tableNames: config.array({ optional: true }) },
  { name: 'SqlDatabaseConfiguration' },
)

/** Resolved credentials and the dialect their scheme names. */
export interface SqlCredentials {
  readonly credentials: ConnectionStringCredentials
  readonly dialect: SqlDialectName
}

/** The settings a source or table reads with. */
export interface SqlSettings extends SqlCredentials {
  readonly schema: string | undefined
  readonly chunkSize: number
  readonly reflectionLevel: ReflectionLevel
  /** `sqlDatabase` only: the tables to read; `undefined` means every table. */
  readonly tableNames: readonly string[] | undefined
}

/**
 * The settings of `options`, the missing ones from configuration under
 * `sources.sql_database.<section>` (`section` is `sql_database` for the source, the table's name
 * for `sqlTable`). Throws `ConfigFieldMissingError` (saying what to set) when no credentials are
 * found, `UnsupportedSqlDatabaseError` for a database the source cannot read, `RangeError` for a
 * bad `chunkSize` or `reflectionLevel`.
 */
export function resolveSqlSettings(
  where: 'sqlDatabase' | 'sqlTable',
  options: SqlReadOptions & { readonly tableNames?: readonly string[] | undefined },
  section: string,
): SqlSettings {
  const { credentials: given, providers } = options
  if (
    given !== undefined &&
    typeof given !== 'string' &&
    (given === null || typeof given !== 'object')
  ) {
    throw new TypeError(
      `${where}: \`credentials\` must be a connection string or an object of its parts`,
    )
  }
  const spec = where === 'sqlDatabase' ? SQL_DATABASE_SETTINGS : SQL_TABLE_SETTINGS
  const resolved = resolveConfig(spec, {
    sections: ['sources', 'sql_database', section],
    explicit: {
      credentials: given,
      schema: options.schema,
      chunkSize: options.chunkSize,
      reflectionLevel: options.reflectionLevel,
      ...(where === 'sqlDatabase' ? { tableNames: options.tableNames } : {}),
    },
    ...(providers === undefined ? {} : { providers }),
  }) as ReturnType<typeof resolveConfig<typeof SQL_DATABASE_SETTINGS.fields>>
  const credentials = isConnectionStringCredentials(resolved.credentials)
    ? resolved.credentials
    : createConnectionStringCredentials(resolved.credentials)
  const dialect = dialectOf(credentials.drivername)
  // toString() shows the password as ***
  if (dialect === undefined) {
    throw new UnsupportedSqlDatabaseError(credentials.drivername, credentials.toString())
  }
  const { chunkSize, reflectionLevel } = resolved
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`${where}: \`chunkSize\` must be an integer >= 1, got ${chunkSize}`)
  }
  if (!(REFLECTION_LEVELS as readonly string[]).includes(reflectionLevel)) {
    throw new RangeError(
      `${where}: \`reflectionLevel\` must be one of ${REFLECTION_LEVELS.map((l) => `'${l}'`).join(', ')}, got ${JSON.stringify(reflectionLevel)}`,
    )
  }
  const tableNames = resolved.tableNames as unknown
  if (
    tableNames !== undefined &&
    (!Array.isArray(tableNames) || tableNames.some((n) => typeof n !== 'string' || n === ''))
  ) {
    throw new TypeError(`${where}: \`tableNames\` must be a list of table names`)
  }
  return {
    credentials,
    dialect,
    schema: resolved.schema,
    chunkSize,
    reflectionLevel: reflectionLevel as ReflectionLevel,
    tableNames: tableNames as readonly string[] | undefined,
  }
}
