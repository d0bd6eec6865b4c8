/**
 * @module Configuration of the PostgreSQL destination: credentials (a connection string, its parts
 * or `ConnectionStringCredentials`, else `destination.postgres.credentials` from configuration) or
 * a pool of your own, and the *subset* of `pg` the destination calls — a shape, so that `pg` stays
 * an optional peer that is imported only when the destination opens its own pool.
 */
import {
  type ConnectionStringCredentials,
  type ConnectionStringCredentialsInit,
  ConnectionStringSchemeError,
  createConnectionStringCredentials,
  defineConfig,
  isConnectionStringCredentials,
  resolveConfig,
  secret,
} from '../../config/index.js'

/** One pooled connection, as `pg`'s `PoolClient` provides it. */
export interface PostgresPoolClientLike {
  query(
    text: string,
    values?: unknown[],
  ): Promise<{
    rows: Record<string, unknown>[]
    rowCount: number | null
    /** The result's columns, with their type's OID. */
    fields?: readonly { readonly name: string; readonly dataTypeID: number }[]
  }>
  /** Submits a streaming query (pg-copy-streams' `from(sql)`) and returns it. */
  query<S extends PostgresSubmittable>(stream: S): S
  release(error?: Error | boolean): void
  /** Errors of a checked-out connection (e.g. the server ended it) are emitted here. */
  on?(event: 'error', listener: (error: Error) => void): unknown
  removeListener?(event: 'error', listener: (error: Error) => void): unknown
}

/** A query object `pg` runs itself (a COPY stream). */
export interface PostgresSubmittable {
  submit(connection: unknown): void
}

/** A pool of connections, as `pg`'s `Pool` provides it. */
export interface PostgresPoolLike {
  connect(): Promise<PostgresPoolClientLike>
  end(): Promise<void>
}

/** What `dlt.destinations.postgres()` takes. */
export interface PostgresDestinationConfig {
  /**
   * Where to connect: `postgresql://loader:secret@localhost:5432/dlt_data`, the parts
   * (`{ host, port, username, password, database, query }`) or credentials from
   * `createConnectionStringCredentials`. `query.connect_timeout` is in seconds (dlt's default: 15).
   * @default `destination.postgres.credentials` from configuration
   * (`DESTINATION__POSTGRES__CREDENTIALS`, `.dlt/secrets.toml`), looked up when a client connects
   */
  readonly credentials?: string | ConnectionStringCredentialsInit | ConnectionStringCredentials
  /**
   * A `pg.Pool` of your own, or a function returning one (called once, on first use), used
   * instead of `credentials`. The destination releases the connections it takes but never ends
   * the pool: that is yours to do. Rows read through it are parsed by your pool's type parsers.
   * @default a one-connection pool per client, opened from `credentials` and ended on close
   */
  readonly pool?: PostgresPoolLike | (() => Promise<PostgresPoolLike>)
  /**
   * Write `UNIQUE` constraints for columns with the `unique` hint (e.g. `_dlt_id`).
   * @default true (dlt's `create_indexes`)
   */
  readonly createIndexes?: boolean
}

/** dlt's `PostgresCredentials.connect_timeout`, in seconds. */
const DEFAULT_CONNECT_TIMEOUT = 15

// dlt also requires `password`; dlt-ts leaves it optional for trust and peer authentication.
const POSTGRES_SETTINGS = defineConfig(
  {
    credentials: secret.connectionString({
      drivername: 'postgresql',
      required: ['host', 'database', 'username'],
    }),
  },
  { name: 'PostgresCredentials' },
)

/** Checks `config` at the API boundary and returns a frozen copy. */
export function validatePostgresConfig(
  config: PostgresDestinationConfig = {},
): PostgresDestinationConfig {
  if (config === null || typeof config !== 'object') {
    throw new TypeError(
      'The PostgreSQL destination takes an options object, e.g. `postgres({ credentials: "postgresql://…" })`',
    )
  }
  const { credentials, pool, createIndexes } = config
  if (credentials !== undefined && typeof credentials !== 'string' && !isObject(credentials)) {
    throw new TypeError(
      'The `credentials` option of the PostgreSQL destination must be a connection string or an object of its parts',
    )
  }
  if (pool !== undefined && typeof pool !== 'function' && !isObject(pool)) {
    throw new TypeError('The `pool` option must be a pg.Pool or a function returning one')
  }
  if (createIndexes !== undefined && typeof createIndexes !== 'boolean') {
    throw new TypeError('The `createIndexes` option must be a boolean')
  }
  return Object.freeze({
    ...config,
    // Parsed now, so that a malformed string fails here; the password stays hidden in the result.
    ...(credentials === undefined ? {} : { credentials: toCredentials(credentials) }),
  })
}

/** The schemes of a PostgreSQL connection string; `postgresql+<driver>` (dlt's) is taken too. */
export const POSTGRES_SCHEMES = ['postgresql', 'postgres'] as const

const CREDENTIALS_KEY = 'destination.postgres.credentials'

/**
 * The credentials of `config`, else those configured for `pipelineName` (dlt's sections). Throws
 * `ConfigFieldMissingError` when parts are missing and `ConnectionStringSchemeError` for a
 * connection string of another database (`mysql://…`).
 */
export function resolvePostgresCredentials(
  config: PostgresDestinationConfig,
  pipelineName: string,
): ConnectionStringCredentials {
  if (config.credentials !== undefined) return toCredentials(config.credentials)
  const { credentials } = resolveConfig(POSTGRES_SETTINGS, {
    sections: ['destination', 'postgres'],
    pipelineName,
  })
  return checkScheme(credentials)
}

/**
 * `pg` pool options for `credentials`: a `postgresql://` connection string (whatever driver name
 * was given, e.g. dlt's `postgresql+psycopg2`) and the connect timeout in milliseconds.
 */
export function poolOptions(credentials: ConnectionStringCredentials): {
  connectionString: string
  connectionTimeoutMillis: number
} {
  const timeout = Number(credentials.query?.['connect_timeout'] ?? DEFAULT_CONNECT_TIMEOUT)
  return {
    connectionString: credentials.toConnectionString().replace(/^[^:]*:\/\//, 'postgresql://'),
    connectionTimeoutMillis: (Number.isFinite(timeout) ? timeout : DEFAULT_CONNECT_TIMEOUT) * 1000,
  }
}

function toCredentials(
  value: string | ConnectionStringCredentialsInit | ConnectionStringCredentials,
): ConnectionStringCredentials {
  if (typeof value === 'string' || isConnectionStringCredentials(value)) {
    return checkScheme(createConnectionStringCredentials(value))
  }
  return checkScheme(createConnectionStringCredentials({ drivername: 'postgresql', ...value }))
}

/** Refuses credentials of another database: `mysql://…` would otherwise be sent to `pg`. */
function checkScheme(credentials: ConnectionStringCredentials): ConnectionStringCredentials {
  const [scheme = ''] = credentials.drivername.toLowerCase().split('+')
  if ((POSTGRES_SCHEMES as readonly string[]).includes(scheme)) return credentials
  throw new ConnectionStringSchemeError(
    'postgres',
    credentials.drivername,
    POSTGRES_SCHEMES,
    // toString() shows the password as ***
    credentials.toString(),
    { key: CREDENTIALS_KEY, note: '(also with a driver, as dlt writes postgresql+psycopg2://)' },
  )
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object'
}
