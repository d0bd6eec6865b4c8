import { describe, expect, it } from 'vitest'
import { quoteIdentifier, sqlLiteral } from './sql-literal.js'

describe('sqlLiteral', () => {
  it.each([
    [42, 'postgresql', '42'],
    [-1.5, 'mysql', '-1.5'],
    [12345678901234567890n, 'postgresql', '12345678901234567890'],
    [true, 'postgresql', 'TRUE'],
    ["it's", 'postgresql', "'it''s'"],
    ['a\\b', 'postgresql', "'a\\b'"],
    ['a\\b', 'mysql', "'a\\\\b'"],
    ["x' OR '1'='1", 'mysql', "'x'' OR ''1''=''1'"],
    [new Date('2024-03-01T10:11:12.123Z'), 'postgresql', "'2024-03-01T10:11:12.123Z'"],
    [new Date('2024-03-01T10:11:12.123Z'), 'mysql', "'2024-03-01 10:11:12.123'"],
    ['2024-03-01T10:11:12.123456+00:00', 'mysql', "'2024-03-01 10:11:12.123456'"],
    ['2024-03-01T12:11:12.123456+02:00', 'mysql', "'2024-03-01 10:11:12.123456'"],
    ['2024-03-01T10:11:12', 'mysql', "'2024-03-01 10:11:12'"],
    ['2024-03-01', 'mysql', "'2024-03-01'"],
    ['a\\b', 'sqlite', "'a\\b'"],
    [new Date('2024-03-01T10:11:12.123Z'), 'sqlite', "'2024-03-01 10:11:12.123'"],
  ] as const)('%s on %s is %s', (value, dialect, expected) => {
    expect(sqlLiteral(value, dialect)).toBe(expected)
  })

  it('refuses values that are not literals', () => {
    expect(() => sqlLiteral(Number.NaN, 'postgresql')).toThrow(TypeError)
    expect(() => sqlLiteral({}, 'postgresql')).toThrow(TypeError)
    expect(() => sqlLiteral('a\0b', 'mysql')).toThrow(/NUL/)
  })

  it('quotes identifiers per dialect, doubling the quote character', () => {
    expect(quoteIdentifier('we"ird', 'postgresql')).toBe('"we""ird"')
    expect(quoteIdentifier('we`ird', 'mysql')).toBe('`we``ird`')
  })
})
