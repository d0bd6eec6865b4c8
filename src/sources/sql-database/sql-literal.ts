/**
 * @module Identifiers and literal values written into the source's SELECT. Cursor values are
 * inlined as literals, not bound as parameters, because PostgreSQL's `COPY (SELECT …)` takes
 * none; every value is quoted and escaped here, so nothing the state or a user gives can end the
 * literal.
 */
import type { SqlDialectName } from './sql-dialect-name.js'

/** `name` quoted as an identifier: `"order"` (PostgreSQL), `` `order` `` (MySQL). */
export function quoteIdentifier(name: string, dialect: SqlDialectName): string {
  return dialect === 'mysql'
    ? `\`${name.replaceAll('`', '``')}\``
    : `"${name.replaceAll('"', '""')}"`
}

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * `value` as a SQL literal. Numbers and bigints are written as digits, booleans as TRUE/FALSE,
 * `Date`s and strings quoted (MySQL gets date-times in UTC as `YYYY-MM-DD HH:MM:SS.ffffff`, which
 * it compares with DATETIME and TIMESTAMP columns). Throws `TypeError` for other values.
 */
export function sqlLiteral(value: unknown, dialect: SqlDialectName): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as a SQL literal`)
    return String(value)
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) {
    return quoteString(
      dialect === 'mysql' ? mysqlDateTime(value.toISOString()) : value.toISOString(),
      dialect,
    )
  }
  if (typeof value === 'string') {
    return quoteString(dialect === 'mysql' ? mysqlDateTime(value) : value, dialect)
  }
  throw new TypeError(`cannot write a ${typeof value} as a SQL literal`)
}

function quoteString(text: string, dialect: SqlDialectName): string {
  if (text.includes('\0'))
    throw new TypeError('cannot write a string with a NUL character as a SQL literal')
  // PostgreSQL (standard_conforming_strings, on since 9.1) takes backslashes literally; MySQL
  // treats them as escapes unless NO_BACKSLASH_ESCAPES is set, so they are doubled there
  const escaped = dialect === 'mysql' ? text.replaceAll('\\', '\\\\') : text
  return `'${escaped.replaceAll("'", "''")}'`
}

/** An ISO date-time as MySQL compares it (UTC, space-separated); other strings as they are. */
function mysqlDateTime(text: string): string {
  const match = ISO_DATE_TIME.exec(text)
  if (!match) return text
  const [, date, time, zone] = match
  if (zone === undefined || /^(Z|[+-]00(:?00)?)$/.test(zone)) return `${date} ${time}`
  const instant = new Date(text)
  if (Number.isNaN(instant.getTime())) return text
  const fraction = /\.(\d+)/.exec(time ?? '')?.[1] ?? ''
  const utc = instant.toISOString().slice(0, 19).replace('T', ' ')
  return fraction.length > 3 ? `${utc}.${fraction}` : `${utc}${fraction ? `.${fraction}` : ''}`
}
