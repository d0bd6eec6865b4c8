/**
 * @module Driver errors of `pg` and `mysql2` turned into the source's errors: a refused privilege or
 * login becomes `SqlPermissionError`, a server that cannot be reached the transient
 * `SqlConnectError`, a connection lost mid-read the transient `SqlConnectionLostError`, anything
 * else `SqlSourceQueryError` with the SQL kept as a property. Passwords are removed from driver
 * messages first.
 */

import { redactSecrets } from '../../config/index.js'
import { DltError, toError } from '../../errors/dlt-error.js'
import {
  SqlConnectError,
  SqlConnectionLostError,
  SqlPermissionError,
  type SqlSourceErrorContext,
  SqlSourceQueryError,
} from './sql-database-errors.js'

/** PostgreSQL SQLSTATEs and MySQL error codes of a refused privilege or login. */
const PERMISSION_CODES = new Set([
  '42501', // insufficient_privilege
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_COLUMNACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'ER_SPECIFIC_ACCESS_DENIED_ERROR',
])

/** Codes of a connection that was lost, refused for now, or reset. */
const LOST_CODES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02',
  '57P03',
  '53300',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
])

const LOST_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection lost',
  'Client has encountered a connection error',
]

/** Pass as `sql` for errors of opening the connection. */
export const CONNECT = 'connect'

/**
 * The source's error for a driver error (`sql`: the statement, or `CONNECT`); errors of dlt-ts
 * pass through unchanged.
 */
export function classifyDriverError(
  error: unknown,
  context: SqlSourceErrorContext,
  sql: string,
  secrets: readonly string[],
): Error {
  if (error instanceof DltError) return error
  const raw = toError(error)
  const safe = new Error(redactSecrets(raw.message, secrets))
  safe.name = raw.name
  const code = driverCode(raw)
  const connecting = sql === CONNECT
  if (code !== undefined && PERMISSION_CODES.has(code)) {
    return new SqlPermissionError(context, safe.message, { cause: safe, login: connecting })
  }
  if (connecting) return new SqlConnectError(context.database, code, { cause: safe })
  const lost =
    (code !== undefined && (LOST_CODES.has(code) || /^08...$/.test(code))) ||
    LOST_MESSAGES.some((message) => raw.message.startsWith(message))
  if (lost) return new SqlConnectionLostError(context, code, { cause: safe })
  return new SqlSourceQueryError(context, sql, { cause: safe })
}

function driverCode(error: Error): string | undefined {
  const { code } = error as { code?: unknown }
  return typeof code === 'string' ? code : undefined
}
