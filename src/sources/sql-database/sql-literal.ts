/**
 * @module Identifiers and literal values written into the source's SELECT. Cursor values are
 * inlined as literals, not bound as parameters, because PostgreSQL's `COPY (SELECT …)` takes
 * none; every value is quoted and escaped here, so nothing the state or a user gives can end the
 * literal.
 */
import type { SqlDialectName } from './sql-dialect-name.js'

/** `name` quoted as an identifier: `"order"` (PostgreSQL, SQLite), `` `order` `` (MySQL). */
export function quoteIdentifier(name: string, dialect: SqlDialectName): string {
  return dialect === 'mysql'
    ? `\`${name.replaceAll('`', '``')}\``
    : `"${name.replaceAll('"', '""')}"`
}

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * `value` as a SQL literal. Numbers and bigints are written as digits, booleans as TRUE/FALSE,
 * `Date`s and strings quoted. MySQL and SQLite get ISO date-times in UTC as
 * `YYYY-MM-DD HH:MM:SS[.ffffff]`: MySQL compares that with DATETIME and TIMESTAMP columns, and it
 * is how SQLAlchemy (so dlt) stores SQLite date-times as text. Throws `TypeError` for others.
 */
export function sqlLiteral(value: unknown, dialect: SqlDialectName): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as a SQL literal`)
    return String(value)
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) {
    const iso = value.toISOString()
    return quoteString(dialect === 'postgresql' ? iso : spacedDateTime(iso), dialect)
  }
  if (typeof value === 'string') {
    return quoteString(dialect === 'postgresql' ? value : spacedDateTime(value), dialect)
  }
  throw new TypeError(`cannot write a ${typeof value} as a SQL literal`)
}

function quoteString(text: string, dialect: SqlDialectName): string {
  if (text.includes('\0'))
    throw new TypeError('cannot write a string with a NUL character as a SQL literal')
  // PostgreSQL (standard_conforming_strings, on since 9.1) and SQLite take backslashes
  // literally; MySQL treats them as escapes unless NO_BACKSLASH_ESCAPES is set: doubled there
  const escaped = dialect === 'mysql' ? text.replaceAll('\\', '\\\\') : text
  return `'${escaped.replaceAll("'", "''")}'`
}

/** An ISO date-time in UTC, space-separated (MySQL, SQLite); other strings as they are. */
function spacedDateTime(text: string): string {
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
