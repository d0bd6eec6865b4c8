/**
 * @module Credentials given as a connection string or as their parts, as dlt's
 * `ConnectionStringCredentials`: `drivername, username, password, host, port, database, query`.
 * The password is kept out of enumeration, `toString()`, `toJSON()` and `console.log`, which all
 * show it masked; only `password` and `toConnectionString()` reveal it.
 */
import { inspect } from 'node:util'
import { InvalidConnectionStringError } from '../config-errors.js'
import { maskSecret } from '../mask-secret.js'
import { isPlainObject } from '../parse-value.js'
import {
  type ConnectionStringParts,
  parseConnectionString,
  parsePort,
  renderConnectionString,
} from './parse-connection-string.js'

/** The fields of connection-string credentials, in dlt's order. */
export const CONNECTION_STRING_FIELDS = [
  'drivername',
  'database',
  'password',
  'username',
  'host',
  'port',
  'query',
] as const
/** A field of connection-string credentials. */
export type ConnectionStringField = (typeof CONNECTION_STRING_FIELDS)[number]

/** Credentials as parts, e.g. from a `[destination.postgres.credentials]` TOML table. */
export interface ConnectionStringCredentialsInit {
  /** The scheme: `postgresql`, `postgresql+psycopg2`, `mysql`, `duckdb`. Required. */
  readonly drivername?: string
  readonly database?: string
  readonly password?: string
  readonly username?: string
  readonly host?: string
  /** A number, or a string of digits. */
  readonly port?: number | string
  /** Driver options, the connection string's `?key=value` part. */
  readonly query?: Readonly<Record<string, unknown>>
}

/** Parsed connection credentials. Immutable; the password never shows in its displayable forms. */
export interface ConnectionStringCredentials extends Omit<ConnectionStringParts, 'password'> {
  /** The password, trimmed of surrounding whitespace. Not enumerable; never log it. */
  readonly password: string | undefined
  /** The credentials with the password, for handing to a driver. Never log it. */
  toConnectionString(): string
  /** The displayable form, password as `***`: `postgresql://loader:***@localhost:5432/dlt_data`. */
  toString(): string
  /** The parts with the password masked (`po****es`), for traces and logs. */
  toJSON(): Record<string, unknown>
}

class ConnectionStringCredentialsImpl implements ConnectionStringCredentials {
  readonly drivername: string
  readonly database?: string
  readonly username?: string
  readonly host?: string
  readonly port?: number
  readonly query?: Readonly<Record<string, string | readonly string[]>>
  // A #field behind a getter: not enumerable, so spreading, `Object.entries` and the default
  // `console.log` never carry it.
  readonly #password: string | undefined

  constructor(parts: ConnectionStringParts) {
    this.drivername = parts.drivername
    if (parts.database !== undefined) this.database = parts.database
    if (parts.username !== undefined) this.username = parts.username
    if (parts.host !== undefined) this.host = parts.host
    if (parts.port !== undefined) this.port = parts.port
    if (parts.query !== undefined) this.query = Object.freeze({ ...parts.query })
    // dlt strips whitespace around passwords (a trailing newline from a secrets file).
    this.#password = parts.password?.trim()
    Object.freeze(this)
  }

  get password(): string | undefined {
    return this.#password
  }

  toConnectionString(): string {
    return renderConnectionString(this.#parts(), true)
  }

  toString(): string {
    return renderConnectionString(this.#parts(), false)
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { ...(this as object) }
    if (this.#password !== undefined) json['password'] = maskSecret(this.#password)
    return json
  }

  [inspect.custom](): string {
    return `ConnectionStringCredentials(${this.toString()})`
  }

  /** The parts with the password, for `connectionStringParts`. */
  static partsOf(credentials: ConnectionStringCredentialsImpl): ConnectionStringParts {
    return credentials.#parts()
  }

  #parts(): ConnectionStringParts {
    const { drivername, database, username, host, port, query } = this
    return {
      drivername,
      ...(database === undefined ? {} : { database }),
      ...(username === undefined ? {} : { username }),
      ...(this.#password === undefined ? {} : { password: this.#password }),
      ...(host === undefined ? {} : { host }),
      ...(port === undefined ? {} : { port }),
      ...(query === undefined ? {} : { query }),
    }
  }
}

/**
 * Creates credentials from a connection string, from parts, or from existing credentials (returned
 * as they are). Throws `InvalidConnectionStringError` for an unparsable string or a bad part and
 * `TypeError` when `drivername` is missing.
 *
 * ```ts
 * const credentials = createConnectionStringCredentials('postgresql://loader:secret@localhost:5432/dlt_data')
 * credentials.port       // 5432
 * String(credentials)    // 'postgresql://loader:***@localhost:5432/dlt_data'
 * ```
 */
export function createConnectionStringCredentials(
  value: string | ConnectionStringCredentialsInit | ConnectionStringCredentials,
): ConnectionStringCredentials {
  if (value instanceof ConnectionStringCredentialsImpl) return value
  const parts =
    typeof value === 'string' || isConnectionStringCredentials(value)
      ? connectionStringParts(value)
      : credentialParts(value)
  if (parts.drivername === undefined || parts.drivername === '') {
    throw new TypeError('`drivername` is required in connection-string credentials')
  }
  return new ConnectionStringCredentialsImpl(parts as ConnectionStringParts)
}

/**
 * Validates and normalizes parts from a TOML table, JSON or code: strings stay strings, the port
 * becomes a number, query values become strings. Unknown keys are ignored, as dlt does.
 */
export function credentialParts(
  init: ConnectionStringCredentialsInit,
  key?: string,
): Partial<ConnectionStringParts> {
  const parts: Record<string, unknown> = {}
  for (const field of ['drivername', 'database', 'password', 'username', 'host'] as const) {
    const value = init[field]
    if (value === undefined) continue
    if (typeof value !== 'string')
      throw new InvalidConnectionStringError(`${field} is not a string`, key)
    parts[field] = value
  }
  if (init.port !== undefined) {
    const port = parsePort(init.port)
    if (port === undefined) throw new InvalidConnectionStringError('the port is not a number', key)
    parts['port'] = port
  }
  if (init.query !== undefined) {
    if (!isPlainObject(init.query))
      throw new InvalidConnectionStringError('query is not a table', key)
    parts['query'] = Object.fromEntries(
      Object.entries(init.query).map(([name, v]) => [
        name,
        Array.isArray(v) ? v.map(String) : String(v),
      ]),
    )
  }
  return parts as Partial<ConnectionStringParts>
}

/**
 * True for credentials created by `createConnectionStringCredentials`, also by another copy of
 * this package.
 */
export function isConnectionStringCredentials(
  value: unknown,
): value is ConnectionStringCredentials {
  return (
    value instanceof ConnectionStringCredentialsImpl ||
    typeof (value as { toConnectionString?: unknown } | null)?.toConnectionString === 'function'
  )
}

/** The parts of a connection string or of credentials, password included. */
export function connectionStringParts(
  value: string | ConnectionStringCredentials,
  key?: string,
): ConnectionStringParts {
  if (value instanceof ConnectionStringCredentialsImpl) {
    return ConnectionStringCredentialsImpl.partsOf(value)
  }
  // A string, or credentials from another copy of the package: go through the native form.
  return parseConnectionString(typeof value === 'string' ? value : value.toConnectionString(), key)
}
