import { describe, expect, it } from 'vitest'
import {
  COERCE_FAILED,
  canCoerceType,
  coerceValue,
  jsonDumps,
  naiveTimestamp,
  pyFloatRepr,
} from './coerce-value.js'
import type { DataType } from './data-types.js'

const F = COERCE_FAILED

describe('coerceValue (dlt coerce_value)', () => {
  it.each<[DataType, DataType, unknown, unknown]>([
    // same type
    ['text', 'text', 'a', 'a'],
    ['bigint', 'bigint', 3, 3],
    ['json', 'json', { a: [1] }, { a: [1] }],
    [
      'timestamp',
      'timestamp',
      new Date('2024-01-25T11:21:28.123Z'),
      '2024-01-25T11:21:28.123000+00:00',
    ],
    ['timestamp', 'timestamp', new Date('2024-01-25T11:21:28Z'), '2024-01-25T11:21:28+00:00'],
    // to text: Python str()
    ['text', 'bigint', 3, '3'],
    ['text', 'bigint', 12345678901234567890n, '12345678901234567890'],
    ['text', 'double', 12.75, '12.75'],
    ['text', 'double', 1e-5, '1e-05'],
    ['text', 'bool', true, 'True'],
    ['text', 'json', { a: 1, b: [true, null, 'x'] }, '{"a":1,"b":[true,null,"x"]}'],
    ['text', 'binary', new Uint8Array([1, 2, 3]), 'AQID'],
    ['text', 'timestamp', new Date('2024-01-25T11:21:28Z'), '2024-01-25T11:21:28+00:00'],
    // to bigint
    ['bigint', 'double', 12.75, F],
    ['bigint', 'double', Number.NaN, F],
    ['bigint', 'text', 'n/a', F],
    ['bigint', 'text', ' 007 ', 7],
    ['bigint', 'text', '-1_000', -1000],
    ['bigint', 'text', '1__0', F],
    ['bigint', 'text', '0xff', 255],
    // dlt's int() takes any size and the load fails; dlt-ts keeps bigint columns to int64
    ['bigint', 'text', '9223372036854775807', 9223372036854775807n],
    ['bigint', 'text', '-9223372036854775808', -9223372036854775808n],
    ['bigint', 'text', '9223372036854775808', F],
    ['bigint', 'text', '12345678901234567890', F],
    ['bigint', 'text', '0x8000000000000000', F],
    ['bigint', 'text', '-9223372036854775809', F],
    ['bigint', 'double', 1e20, F],
    ['bigint', 'double', 2 ** 63, F],
    ['bigint', 'wei', 2n ** 64n, F],
    ['bigint', 'text', '1.0', F],
    ['bigint', 'bool', true, F],
    // to double
    ['double', 'bigint', 85, 85],
    ['double', 'bigint', 2n ** 70n, 2 ** 70],
    ['double', 'text', ' .5 ', 0.5],
    ['double', 'text', '1_0.5', 10.5],
    ['double', 'text', '5.', 5],
    ['double', 'text', '-inf', Number.NEGATIVE_INFINITY],
    ['double', 'text', 'NaN', Number.NaN],
    ['double', 'text', '1e5', 100000],
    ['double', 'text', 'abc', F],
    ['double', 'text', '0x10', 16],
    ['double', 'wei', 2n ** 64n, 2 ** 64],
    ['double', 'wei', -(10n ** 37n), -1e37],
    // to bool: str2bool, numbers by truthiness
    ['bool', 'text', 'unknown', F],
    ['bool', 'text', 'TRUE', true],
    ['bool', 'text', 'n', false],
    ['bool', 'text', ' true', F],
    ['bool', 'bigint', 0, false],
    ['bool', 'bigint', 5n, true],
    ['bool', 'double', 0.5, true],
    ['bool', 'wei', 2n ** 64n, true],
    // to timestamp: ISO strings, dates at midnight, epoch seconds (also as text)
    ['timestamp', 'text', '2024-05-01T10:00:01.5+00:00', '2024-05-01T10:00:01.500000+00:00'],
    // JavaScript's toISOString() shape (fast path) and its edge cases
    ['timestamp', 'text', '2024-08-07T09:40:07.920Z', '2024-08-07T09:40:07.920000+00:00'],
    ['timestamp', 'text', '2024-08-07T09:40:07.000Z', '2024-08-07T09:40:07+00:00'],
    ['timestamp', 'text', '2024-08-07T09:40:07.001Z', '2024-08-07T09:40:07.001000+00:00'],
    ['timestamp', 'text', '2024-02-30T09:40:07.920Z', F],
    ['timestamp', 'text', '2024-08-07T24:40:07.920Z', F],
    ['timestamp', 'text', '2024-08-07T09:40:07.9a0Z', F],
    ['timestamp', 'text', '2024-08-07T09:40:07,920Z', '2024-08-07T09:40:07.920000+00:00'],
    ['timestamp', 'text', '2024-01-25T11:21:28+05:30', '2024-01-25T05:51:28+00:00'],
    ['timestamp', 'text', '2024-12-31T23:59:59-08:00', '2025-01-01T07:59:59+00:00'],
    ['timestamp', 'text', '2024-01-25 11:21:28', '2024-01-25T11:21:28+00:00'],
    ['timestamp', 'text', '2024-01-25', '2024-01-25T00:00:00+00:00'],
    ['timestamp', 'text', '1700000000', '2023-11-14T22:13:20+00:00'],
    ['timestamp', 'text', '11:21:28', F],
    ['timestamp', 'text', 'yesterday', F],
    ['timestamp', 'text', 'inf', F],
    // the fast path's shapes (UTC, naive, 1–6 fraction digits) and what it leaves to the parser
    ['timestamp', 'text', '2024-01-25T11:21:28', '2024-01-25T11:21:28+00:00'],
    ['timestamp', 'text', '2024-01-25T11:21:28.25', '2024-01-25T11:21:28.250000+00:00'],
    ['timestamp', 'text', '2024-01-25T11:21:28.123456Z', '2024-01-25T11:21:28.123456+00:00'],
    ['timestamp', 'text', '2024-01-25T11:21:28.000000+00:00', '2024-01-25T11:21:28+00:00'],
    ['timestamp', 'text', '2024-01-25T11:21:28.1234567Z', '2024-01-25T11:21:28.123456+00:00'],
    ['timestamp', 'text', '2024-01-25T11:21:28.Z', F],
    ['timestamp', 'text', '2024-01-25T11:21:28+00:00x', F],
    ['timestamp', 'text', '2024-01-25T11:21:60Z', F],
    ['timestamp', 'bigint', 1700000000, '2023-11-14T22:13:20+00:00'],
    ['timestamp', 'double', 1700000000.1234565, '2023-11-14T22:13:20.123456+00:00'],
    ['timestamp', 'double', -1.5, '1969-12-31T23:59:58.500000+00:00'],
    ['timestamp', 'double', 1e20, F],
    ['timestamp', 'bool', true, F],
    // to date / time
    ['date', 'text', '2024-01-25T23:30:00-02:00', '2024-01-26'],
    ['date', 'text', '2024-W04-4', '2024-01-25'],
    ['date', 'text', '2024-02-29', '2024-02-29'],
    ['date', 'text', '2023-02-29', F],
    ['date', 'text', '0000-01-01', F],
    ['date', 'timestamp', new Date('2024-01-25T11:21:28Z'), '2024-01-25'],
    ['date', 'bigint', 86400, '1970-01-02'],
    ['time', 'text', '11:21:28', '11:21:28'],
    ['time', 'text', '11:21:28.5+02:00', '09:21:28.500000'],
    ['time', 'text', '2024-01-25T11:21:28', F],
    // to decimal / wei: Python str(Decimal(...))
    ['decimal', 'text', '1.50', '1.50'],
    ['decimal', 'text', '1e5', '1E+5'],
    ['decimal', 'text', '0.0000001', '1E-7'],
    ['decimal', 'text', '-0', '-0'],
    ['decimal', 'text', '1_000.5', '1000.5'],
    ['decimal', 'text', 'abc', F],
    ['decimal', 'text', '-12.3400', '-12.3400'],
    ['decimal', 'text', '0.000001', '0.000001'],
    ['decimal', 'text', '-0.0000001', '-1E-7'],
    ['decimal', 'text', '0.0000000', '0E-7'],
    ['decimal', 'text', '007.5', '7.5'],
    ['decimal', 'bigint', 12345678901234567890n, '12345678901234567890'],
    ['decimal', 'double', 0.1, '0.1000000000000000055511151231257827021181583404541015625'],
    ['decimal', 'double', 2.5, '2.5'],
    [
      'decimal',
      'double',
      1e-10,
      '1.0000000000000000364321973154977415791655470655996396089904010295867919921875E-10',
    ],
    ['wei', 'text', '0x10', '16'],
    // wei holds 38 digits (DECIMAL(38,0)); more goes to a variant, not to a failing load
    [
      'wei',
      'text',
      '99999999999999999999999999999999999999',
      '99999999999999999999999999999999999999',
    ],
    [
      'wei',
      'text',
      '-99999999999999999999999999999999999999.4',
      '-99999999999999999999999999999999999999.4',
    ],
    ['wei', 'text', '100000000000000000000000000000000000000', F],
    ['wei', 'text', '-100000000000000000000000000000000000000', F],
    ['wei', 'text', '1e37', '1E+37'],
    ['wei', 'text', '1e38', F],
    ['wei', 'text', `0x${'f'.repeat(31)}`, String(2n ** 124n - 1n)],
    ['wei', 'text', `0x${'f'.repeat(32)}`, F], // 2^128 - 1 has 39 digits
    ['wei', 'text', 'NaN', F],
    ['wei', 'text', '-Infinity', F],
    ['wei', 'bigint', 2 ** 53, '9007199254740992'],
    ['wei', 'bigint', -(2n ** 63n), '-9223372036854775808'],
    ['wei', 'double', 1e20, '100000000000000000000'],
    ['wei', 'double', 1e38, '99999999999999997748809823456034029568'], // the double below 1e38
    ['wei', 'double', 1e39, F],
    ['wei', 'double', Number.NaN, F],
    ['wei', 'wei', 10n ** 38n - 1n, 10n ** 38n - 1n],
    ['text', 'wei', 2n ** 64n, '18446744073709551616'],
    ['text', 'double', 1e20, '1e+20'],
    // to binary
    ['binary', 'text', '0xdead beef', new Uint8Array([0xde, 0xad, 0xbe, 0xef])],
    ['binary', 'text', 'AQID', new Uint8Array([1, 2, 3])],
    ['binary', 'text', '0xDEADbeef', new Uint8Array([0xde, 0xad, 0xbe, 0xef])],
    ['binary', 'text', '0x', new Uint8Array([])],
    ['binary', 'text', '0xabc', F],
    ['binary', 'text', '0xzz', F],
    ['binary', 'text', '0x0g', F],
    ['binary', 'text', '0x0\u0130', F], // a character whose low byte is a digit
    [
      'binary',
      'text',
      `0x${'0aF9'.repeat(300)}`,
      Uint8Array.from({ length: 600 }, (_, i) => (i % 2 ? 0xf9 : 0x0a)),
    ],
    ['binary', 'text', `0x${'0aF9'.repeat(300)}zz`, F],
    ['binary', 'text', 'AQI', F],
    ['binary', 'text', 'not base64!', F],
    ['binary', 'bigint', 1234, new Uint8Array([0xd2, 0x04])],
    ['binary', 'bigint', -1, F],
    // to json
    ['json', 'text', '{"a": [1, 2]}', { a: [1, 2] }],
    ['json', 'text', '{bad', F],
    ['json', 'bigint', 1, F],
  ])('%s ← %s %o', (to, from, value, expected) => {
    const result = coerceValue(to, from, value)
    if (typeof expected === 'number' && Number.isNaN(expected)) expect(result).toBeNaN()
    else expect(result).toEqual(expected)
  })

  it('knows which pairs dlt converts', () => {
    expect(canCoerceType('text', 'bigint')).toBe(true)
    expect(canCoerceType('bigint', 'double')).toBe(true)
    expect(canCoerceType('bigint', 'bool')).toBe(false)
    expect(canCoerceType('json', 'json')).toBe(true)
    expect(canCoerceType('timestamp', 'bool')).toBe(false)
  })
})

describe('Python formatting', () => {
  it.each([
    [12.75, '12.75'],
    [1e-5, '1e-05'],
    [1e16, '1e+16'],
    [1.5e300, '1.5e+300'],
    [0.0001, '0.0001'],
    [123456789.123, '123456789.123'],
    [-0, '-0.0'],
    [100, '100.0'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NaN, 'nan'],
  ])('repr(%s) is %s', (n, text) => {
    expect(pyFloatRepr(n)).toBe(text)
  })

  it('dumps nested values as dlt’s json does', () => {
    const value = {
      d: new Date('2024-01-25T11:21:28Z'),
      b: 2n ** 64n,
      u: undefined,
      x: [new Uint8Array([1])],
    }
    expect(jsonDumps(value)).toBe(
      '{"d":"2024-01-25T11:21:28+00:00","b":18446744073709551616,"x":["AQ=="]}',
    )
  })

  it('makes naive timestamps for timezone: false columns', () => {
    expect(naiveTimestamp('2024-01-25T11:21:28.5+00:00')).toBe('2024-01-25T11:21:28.5')
  })
})
