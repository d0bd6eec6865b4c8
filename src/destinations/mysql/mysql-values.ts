/**
 * @module Values as the MySQL destination binds and reads them through `mysql2`: query parameters
 * (BigInt as text, bytes as a Buffer) and the `typeCast` of results — `BIGINT` as BigInt
 * (converted by the read path's integer rule), `BOOL` (`TINYINT(1)`) as boolean, `DATETIME` as a
 * UTC `Date`, `DATE` as a `Date` at UTC midnight, JSON parsed; decimals stay exact strings.
 */
import { utcDateFromText } from '../sql/utc-datetime-text.js'

/** A result column as `mysql2`'s `typeCast` sees it. */
export interface MysqlField {
  readonly type: string
  readonly length: number
  string(): string | null
}

/**
 * Values as this client reads them: `BIGINT` as BigInt (converted by the read path's integer
 * rule), `BOOL` (`TINYINT(1)`) as boolean, `DATETIME` as a UTC `Date`, `DATE` as a `Date` at UTC
 * midnight, JSON parsed. Decimals stay exact strings.
 */
export function typeCast(field: MysqlField, next: () => unknown): unknown {
  switch (field.type) {
    case 'LONGLONG': {
      const text = field.string()
      return text === null ? null : BigInt(text)
    }
    case 'TINY': {
      if (field.length !== 1) return next()
      const text = field.string()
      return text === null ? null : text !== '0'
    }
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'DATE':
    case 'NEWDATE': {
      const text = field.string()
      return text === null ? null : utcDateFromText(text)
    }
    case 'JSON': {
      const text = field.string()
      return text === null ? null : JSON.parse(text)
    }
    default:
      return next()
  }
}

/** A query parameter as `mysql2` binds it. */
export function toMysqlValue(value: unknown): unknown {
  if (value === undefined) return null
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
  return value
}
