/**
 * @module Which PostgreSQL driver errors a retry may fix: a connection the server or the network
 * dropped, a server that refuses connections for now, a transaction that lost a serialization
 * conflict, a deadlock or a lock wait. `SqlClientBase` raises those as `TransientQueryError`
 * and every other failure as the terminal `DestinationQueryError`.
 */

/**
 * SQLSTATE codes, besides class 08 (connection exception), after which a retry may succeed:
 * admin shutdown (`pg_terminate_backend`, a server stop), crash shutdown, cannot connect now
 * (starting up or in recovery), too many connections, serialization failure, deadlock detected
 * and lock not available (`lock_timeout`).
 */
export const TRANSIENT_SQLSTATES = [
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
  '55P03',
] as const

/** Node socket error codes of a dropped or unreachable connection. */
export const TRANSIENT_NODE_CODES = ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'] as const

/** Messages of `pg` and `pg-pool` errors that carry no code but mean the connection is gone. */
const TRANSIENT_MESSAGES: readonly string[] = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
]

/** How deep `cause` chains are followed (pg-pool wraps a connect timeout's socket error). */
const MAX_CAUSE_DEPTH = 5

/**
 * True when `error` (or an error in its `cause` chain) is a driver error a retry may fix: see
 * `TRANSIENT_SQLSTATES`, `TRANSIENT_NODE_CODES` and SQLSTATE class 08.
 */
export function isTransientPostgresError(error: unknown): boolean {
  let current = error
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isObject(current); depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && isTransientCode(code)) return true
    if (typeof message === 'string' && TRANSIENT_MESSAGES.includes(message)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

function isTransientCode(code: string): boolean {
  // Class 08: connection_exception, connection_failure, sqlclient_unable_to_establish_…
  if (code.length === 5 && code.startsWith('08')) return true
  return (
    (TRANSIENT_SQLSTATES as readonly string[]).includes(code) ||
    (TRANSIENT_NODE_CODES as readonly string[]).includes(code)
  )
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object'
}
