/**
 * @module How `mysql2` turns MySQL values into item values for the source: date-times as
 * ISO-8601 text (`TIMESTAMP` with `+00:00`: the session's time zone is UTC) so that they keep
 * their microseconds and compare as cursors, dates as `YYYY-MM-DD`, `TINYINT(1)` as a boolean,
 * JSON parsed. Everything else is `mysql2`'s own conversion.
 */

/** The field `mysql2` hands a type cast. */
export interface MysqlField {
  readonly type: string
  readonly length: number
  string(): string | null
}

/** `mysql2`'s `typeCast` for the source's queries. */
export function mysqlTypeCast(field: MysqlField, next: () => unknown): unknown {
  switch (field.type) {
    case 'TINY': {
      if (field.length !== 1) return next()
      const text = field.string()
      return text === null ? null : text !== '0'
    }
    case 'DATETIME':
    case 'TIMESTAMP': {
      const text = field.string()
      if (text === null) return null
      const iso = text.replace(' ', 'T')
      return field.type === 'TIMESTAMP' ? `${iso}+00:00` : iso
    }
    case 'DATE':
    case 'NEWDATE':
      return field.string()
    case 'JSON': {
      const text = field.string()
      return text === null ? null : JSON.parse(text)
    }
    default:
      return next()
  }
}
