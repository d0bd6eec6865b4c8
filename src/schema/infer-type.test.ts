import { describe, expect, it } from 'vitest'
import {
  detectType,
  ISO_DATE,
  ISO_DATETIME,
  ISO_INVALID,
  ISO_TIME,
  isIsoDate,
  isIsoTimestamp,
  parsedIso,
  parseIsoLike,
  valueDataType,
} from './infer-type.js'

class Point {
  x = 1
}

describe('valueDataType', () => {
  it.each([
    ['text', 'a'],
    ['bigint', 3],
    ['bigint', -0],
    ['bigint', 2 ** 60],
    ['double', 12.75],
    ['double', Number.NaN],
    ['bigint', 12n],
    // integers beyond int64: doubles stay doubles, bigints are wei while 38 digits hold them
    ['bigint', 2 ** 63 - 1024], // the largest double below 2^63
    ['double', 2 ** 63],
    ['double', -(2 ** 63)], // JS prints it as -9223372036854776000, outside int64
    ['bigint', -(2 ** 63) + 1024],
    ['double', 1e20],
    ['double', -1e20],
    ['double', Number.MAX_VALUE],
    ['double', Number.POSITIVE_INFINITY],
    ['bigint', 2n ** 63n - 1n],
    ['bigint', -(2n ** 63n)],
    ['wei', 2n ** 63n],
    ['wei', -(2n ** 63n) - 1n],
    ['wei', 10n ** 38n - 1n],
    ['wei', -(10n ** 38n - 1n)],
    ['text', 10n ** 38n],
    ['text', -(10n ** 38n)],
    ['text', 10n ** 100n],
    ['bool', false],
    ['timestamp', new Date(0)],
    ['binary', new Uint8Array([1])],
    ['binary', Buffer.from('x')],
    ['json', [1]],
    ['json', { a: 1 }],
    ['json', Object.create(null)],
    [undefined, null],
    [undefined, undefined],
    [undefined, () => 1],
    [undefined, Symbol('s')],
    [undefined, new Point()],
    [undefined, new Map()],
  ])('is %s for %o', (type, value) => {
    expect(valueDataType(value)).toBe(type)
  })
})

describe('iso_timestamp detection (pendulum parser + common fallback, as dlt 1.26)', () => {
  it.each([
    // the timestamps vector
    ['2024-01-25T11:21:28Z', true],
    ['2024-01-25T11:21:28.123456Z', true],
    ['2024-01-25T11:21:28+05:30', true],
    ['2024-01-25 11:21:28', true],
    ['2024-01-25T11:21:28', true],
    ['2024-01-25', false],
    ['11:21:28', false],
    ['Thu, 25 Jan 2024 11:21:28 GMT', false],
    ['2024-W04-4', false],
    // more of pendulum's grammar
    ['2024-05-01T10:00:01.5+00:00', true],
    ['2024-01-25T11:21:28.123456789Z', true],
    ['2024-01-25T11:21', true],
    ['2024-01-25T11', true],
    ['2024-01T10:00', true],
    ['2024-W04-4T10:00', true],
    ['20240125T112128', true],
    ['20240125T1121', true],
    ['2024-01-25T1121', false], // extended date with basic time
    ['20240125 11:21:28', true], // basic date + extended time: only the common fallback takes it
    ['2024/01/25 10:00', true], // common fallback
    ['20241:0', true], // common fallback: year 2024, 01:00
    ['2024-01-25T11:21:28+0530', true],
    ['2024-01-25T11:21:28+05', true],
    ['2024-01-25T11:21:28+25:00', false],
    ['2024-02-30T10:00:00', false],
    ['2024-01-25T24:00:00', false],
    ['2024-01-25T10:60', false],
    ['0000-01-01T00:00:00', false],
    ['2024-025T10:00', true], // ordinal date
    ['2024-031T10:00', false], // pendulum yields day 0 for the last day of a month
    ['T10:00', false],
    ['P1D', false],
    ['2024-01-25T11:21:28Z/2024-01-26T00:00:00Z', false],
    ['2024-01-25T11:21:28 ', false],
    ['2024-01-25T11:21:28\n', false],
    ['', false],
    ['yesterday', false],
    ['1700000000.123', false],
  ])('%j → %s', (text, expected) => {
    expect(isIsoTimestamp(text)).toBe(expected)
  })
})

describe('parseIsoLike', () => {
  it.each([
    ['2024-01-25', ISO_DATE, { year: 2024, month: 1, day: 25 }],
    ['2024-W04-4', ISO_DATE, { year: 2024, month: 1, day: 25 }],
    ['2024-W01-1', ISO_DATE, { year: 2024, month: 1, day: 1 }],
    ['2024', ISO_DATE, { year: 2024, month: 1, day: 1 }],
    ['11:21:28', ISO_TIME, { hour: 11, minute: 21, second: 28 }],
    ['2024-12-31T23:59:59-08:00', ISO_DATETIME, { day: 31, hour: 23, offset: -8 * 3600 }],
    ['2024-01-25T11:21:28.5Z', ISO_DATETIME, { microsecond: 500_000, offset: 0 }],
    ['2024-01-25 11:21:28', ISO_DATETIME, { offset: undefined }],
    ['2024-13-01', ISO_INVALID, {}],
  ])('%j', (text, kind, fields) => {
    expect(parseIsoLike(text)).toBe(kind)
    expect(parsedIso).toMatchObject(fields)
  })

  it('detects dates only when they are not date-times', () => {
    expect(isIsoDate('2024-01-25')).toBe(true)
    expect(isIsoDate('2024-01-25T10:00')).toBe(false)
    expect(isIsoDate('10:00')).toBe(false)
  })
})

describe('detectType', () => {
  const now = Math.floor(Date.now() / 1000)
  it.each([
    [['iso_timestamp'], '2024-01-25T11:21:28Z', 'text', 'timestamp'],
    [['iso_timestamp'], 'abc', 'text', undefined],
    [['iso_date'], '2024-01-25', 'text', 'date'],
    [['timestamp'], now, 'bigint', 'timestamp'],
    [['timestamp'], 12, 'bigint', undefined],
    [['timestamp'], true, 'bool', undefined],
    [['large_integer'], 2n ** 63n, 'bigint', 'wei'],
    [['large_integer'], 2n ** 63n - 1n, 'bigint', undefined],
    [['large_integer'], 10n ** 40n, 'bigint', 'text'],
    // dlt's bound is BigQuery's (5.8e38); dlt-ts's wei holds 38 digits on every destination
    [['large_integer'], 10n ** 38n - 1n, 'bigint', 'wei'],
    [['large_integer'], 10n ** 38n, 'bigint', 'text'],
    [['large_integer'], -(2n ** 64n), 'bigint', 'wei'],
    // JSON integers beyond int64 reach JS as integral doubles
    [['large_integer'], 1e20, 'double', 'wei'],
    [['large_integer'], -1e20, 'double', 'wei'],
    [['large_integer'], 1e39, 'double', 'text'],
    [['large_integer'], 1.5, 'double', undefined],
    [['large_integer'], Number.POSITIVE_INFINITY, 'double', undefined],
    [['large_integer'], 12, 'bigint', undefined],
    [[], '2024-01-25T11:21:28Z', 'text', undefined],
    [['unknown'], 'x', 'text', undefined],
  ] as const)('%j on %o (%s) → %s', (detections, value, type, expected) => {
    expect(detectType(detections, value, type)).toBe(expected)
  })
})
