/**
 * @module The text form of an instant in UTC without a time zone, `YYYY-MM-DD HH:MM:SS.ffffff`,
 * for databases whose timestamp columns have no time zone (MySQL's `DATETIME`, SQLite's text
 * timestamps): dlt stores timestamps there as UTC. Microseconds are kept as written (a JS `Date`
 * would cut them to milliseconds); an offset moves the instant to UTC.
 */

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * `value` (an ISO-8601 date-time, a date, or a `Date`) as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC;
 * undefined when it is not one.
 */
export function utcDateTimeText(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined
    const iso = value.toISOString()
    return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`
  }
  if (typeof value !== 'string') return undefined
  const match = ISO_DATE_TIME.exec(value.trim())
  if (!match) return undefined
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone] = match
  const micros = fraction.padEnd(6, '0').slice(0, 6)
  const local = `${year}-${month}-${day} ${hour}:${minute}:${second}.${micros}`
  const offset = offsetMinutes(zone)
  if (offset === 0) return local
  const utc = new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute)) -
      offset * 60_000,
  )
  if (Number.isNaN(utc.getTime())) return undefined
  const iso = utc.toISOString() // whole minutes moved: seconds and fraction stay as written
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}:${second}.${micros}`
}

/** Minutes east of UTC of an ISO offset (`Z`, `+02:00`, `-0530`, `+05`); 0 when absent. */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
  return zone.startsWith('-') ? -minutes : minutes
}

/**
 * A date (`YYYY-MM-DD`) or date-time (`YYYY-MM-DD HH:MM:SS[.ffffff]`) text that a database without
 * time zones stores as UTC, as a `Date` (milliseconds); the text itself when it is not one.
 */
export function utcDateFromText(text: string): Date | string {
  const iso = text.length === 10 ? `${text}T00:00:00Z` : `${text.replace(' ', 'T')}Z`
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? text : date
}
