import { describe, expect, it } from 'vitest'
import { columnHints } from './column-hints.js'
import type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'

function table(...columns: SqlColumn[]): SqlTableSchema {
  return { schema: 's', name: 't', columns, primaryKey: [] }
}
const col = (name: string, dbType: string, extra: Partial<SqlColumn> = {}): SqlColumn => ({
  name,
  dbType,
  columnType: dbType,
  nullable: true,
  ...extra,
})

describe('columnHints', () => {
  it('maps MySQL types, with TINYINT(1) as bool and the JSON check as json', () => {
    const hints = columnHints(
      table(
        col('flag', 'tinyint', { columnType: 'tinyint(1)' }),
        col('tiny', 'tinyint', { columnType: 'tinyint(4)' }),
        col('doc', 'longtext', { isJson: true }),
        col('at', 'datetime'),
        col('ts', 'timestamp'),
        col('amount', 'decimal', { precision: 10, scale: 2 }),
        col('bits', 'geometry'),
      ),
      'mysql',
      'full',
      undefined,
    )
    expect(hints).toEqual({
      flag: { nullable: true, dataType: 'bool' },
      tiny: { nullable: true, dataType: 'bigint' },
      doc: { nullable: true, dataType: 'json' },
      at: { nullable: true, dataType: 'timestamp', timezone: false },
      ts: { nullable: true, dataType: 'timestamp', timezone: true },
      amount: { nullable: true, dataType: 'decimal', precision: 10, scale: 2 },
      bits: { nullable: true },
    })
  })

  it('adds lengths and 32-bit smallints only with full_with_precision', () => {
    const columns = table(col('code', 'character varying', { length: 8 }), col('n', 'smallint'))
    expect(columnHints(columns, 'postgresql', 'full', undefined)).toEqual({
      code: { nullable: true, dataType: 'text' },
      n: { nullable: true, dataType: 'bigint' },
    })
    expect(columnHints(columns, 'postgresql', 'full_with_precision', undefined)).toEqual({
      code: { nullable: true, dataType: 'text', precision: 8 },
      n: { nullable: true, dataType: 'bigint', precision: 32 },
    })
  })

  it('keeps only nullability on minimal and drops json and array columns (they nest)', () => {
    const columns = table(
      col('id', 'integer', { nullable: false }),
      col('doc', 'jsonb'),
      col('tags', 'array'),
    )
    expect(columnHints(columns, 'postgresql', 'minimal', undefined)).toEqual({
      id: { nullable: false },
    })
  })

  it('lets the type adapter override, clear or keep a type', () => {
    const columns = table(col('a', 'uuid'), col('b', 'integer'), col('c', 'text'))
    const hints = columnHints(columns, 'postgresql', 'full', (column) =>
      column.name === 'a' ? 'binary' : column.name === 'b' ? null : undefined,
    )
    expect(hints).toEqual({
      a: { nullable: true, dataType: 'binary' },
      b: { nullable: true },
      c: { nullable: true, dataType: 'text' },
    })
  })

  it('maps SQLite declared types by name, then by affinity, as SQLAlchemy does', () => {
    const hints = columnHints(
      table(
        col('a', 'mediumint'),
        col('b', 'clob'),
        col('c', 'double precision'),
        col('d', 'money'),
        col('e', ''),
        col('f', 'datetime'),
        col('g', 'numeric', { precision: 10, scale: 2 }),
        col('h', 'boolean'),
      ),
      'sqlite',
      'full',
      undefined,
    )
    expect(hints).toEqual({
      a: { nullable: true, dataType: 'bigint' },
      b: { nullable: true, dataType: 'text' },
      c: { nullable: true, dataType: 'double' },
      d: { nullable: true, dataType: 'decimal' },
      e: { nullable: true },
      f: { nullable: true, dataType: 'timestamp', timezone: false },
      g: { nullable: true, dataType: 'decimal', precision: 10, scale: 2 },
      h: { nullable: true, dataType: 'bool' },
    })
  })
})
