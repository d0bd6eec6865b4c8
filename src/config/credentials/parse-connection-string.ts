/**
 * @module Parses and renders connection strings in SQLAlchemy's URL format, which dlt uses:
 * `drivername://username:password@host:port/database?key=value`. Username and password are
 * percent-decoded; an IPv6 host is written in brackets.
 */
import { InvalidConnectionStringError } from '../config-errors.js'

/** The parts of a connection string; any may be absent but `drivername`. */
export interface ConnectionStringParts {
  readonly drivername: string
  readonly username?: string
  readonly password?: string
  readonly host?: string
  readonly port?: number
  readonly database?: string
  readonly query?: Readonly<Record<string, string | readonly string[]>>
}

const SCHEME = /^([A-Za-z][\w+.-]*):\/\//

/**
 * Parses a connection string. Throws `InvalidConnectionStringError` (which never quotes the
 * string) when it is not one.
 */
export function parseConnectionString(value: string, key?: string): ConnectionStringParts {
  const scheme = SCHEME.exec(value)
  if (scheme === null) throw new InvalidConnectionStringError('no "drivername://" prefix', key)
  const rest = value.slice(scheme[0].length)
  const queryAt = rest.indexOf('?')
  const head = queryAt === -1 ? rest : rest.slice(0, queryAt)
  // The last "@" ends the user info, so an unescaped "@" or "/" in a password still parses.
  const at = head.lastIndexOf('@')
  const userInfo = at === -1 ? undefined : head.slice(0, at)
  const location = head.slice(at + 1)
  const slash = location.indexOf('/')
  const hostPort = slash === -1 ? location : location.slice(0, slash)
  const database = slash === -1 ? '' : location.slice(slash + 1)
  const parts: Record<string, unknown> = { drivername: scheme[1] }
  if (userInfo !== undefined) Object.assign(parts, parseUserInfo(userInfo, key))
  Object.assign(parts, parseHostPort(hostPort, key))
  if (database !== '') parts['database'] = database
  if (queryAt !== -1) parts['query'] = parseQuery(rest.slice(queryAt + 1))
  return parts as unknown as ConnectionStringParts
}

/** Renders parts as a connection string; the password becomes `***` unless `showPassword`. */
export function renderConnectionString(
  parts: ConnectionStringParts,
  showPassword: boolean,
): string {
  let text = `${parts.drivername}://`
  if (parts.username !== undefined) {
    text += encodeURIComponent(parts.username)
    if (parts.password !== undefined) {
      text += `:${showPassword ? encodeURIComponent(parts.password) : '***'}`
    }
    text += '@'
  }
  if (parts.host !== undefined) text += parts.host.includes(':') ? `[${parts.host}]` : parts.host
  if (parts.port !== undefined) text += `:${parts.port}`
  if (parts.database !== undefined) text += `/${parts.database}`
  if (parts.query !== undefined && Object.keys(parts.query).length > 0) {
    const pairs = Object.keys(parts.query)
      .sort()
      .flatMap((name) => {
        const values = parts.query?.[name] ?? []
        return (typeof values === 'string' ? [values] : values).map(
          (v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`,
        )
      })
    text += `?${pairs.join('&')}`
  }
  return text
}

/** Reads a port from a string or number; `undefined` when it is not a valid TCP port. */
export function parsePort(value: unknown): number | undefined {
  const port = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  return typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535
    ? port
    : undefined
}

function parseUserInfo(userInfo: string, key: string | undefined): Record<string, string> {
  const colon = userInfo.indexOf(':')
  const username = decode(colon === -1 ? userInfo : userInfo.slice(0, colon), 'username', key)
  const parts: Record<string, string> = {}
  if (username !== '') parts['username'] = username
  if (colon !== -1) parts['password'] = decode(userInfo.slice(colon + 1), 'password', key)
  return parts
}

function parseHostPort(hostPort: string, key: string | undefined): Record<string, unknown> {
  let host = hostPort
  let port: string | undefined
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']')
    if (end === -1) throw new InvalidConnectionStringError('unclosed "[" in the host', key)
    host = hostPort.slice(1, end)
    const after = hostPort.slice(end + 1)
    if (after !== '') {
      if (!after.startsWith(':')) throw new InvalidConnectionStringError('bad host', key)
      port = after.slice(1)
    }
  } else {
    const colon = hostPort.lastIndexOf(':')
    if (colon !== -1) {
      host = hostPort.slice(0, colon)
      port = hostPort.slice(colon + 1)
    }
  }
  const parts: Record<string, unknown> = {}
  if (host !== '') parts['host'] = host
  if (port !== undefined && port !== '') {
    const parsed = parsePort(port)
    if (parsed === undefined)
      throw new InvalidConnectionStringError('the port is not a number', key)
    parts['port'] = parsed
  }
  return parts
}

function parseQuery(text: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const [name, value] of new URLSearchParams(text)) {
    const current = query[name]
    if (current === undefined) query[name] = value
    else query[name] = typeof current === 'string' ? [current, value] : [...current, value]
  }
  return query
}

function decode(text: string, part: string, key: string | undefined): string {
  try {
    return decodeURIComponent(text)
  } catch {
    // A malformed %-escape; the error names the part, never its text.
    throw new InvalidConnectionStringError(`malformed %-escape in the ${part}`, key)
  }
}
