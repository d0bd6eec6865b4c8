import { describe, expect, it } from 'vitest'
import { applyLag } from './lag.js'

describe('applyLag', () => {
  it.each<[string, number, unknown, 'max' | 'min', unknown, unknown]>([
    ['int, max', 3, 10, 'max', undefined, 7],
    ['int, min', 3, 10, 'min', undefined, 13],
    ['int stays int (Python int() truncates)', 1.5, 10, 'max', undefined, 8],
    ['float', 0.5, 1.25, 'max', undefined, 0.75],
    ['bigint', 2, 100n, 'max', undefined, 98n],
    ['does not cross initial_value (max)', 10, 15, 'max', 10, 10],
    ['does not cross initial_value (min)', 10, 15, 'min', 20, 20],
    [
      'ISO date-time: seconds, keeps the Z form',
      3600,
      '2024-01-01T10:00:00Z',
      'max',
      undefined,
      '2024-01-01T09:00:00Z',
    ],
    [
      'ISO date-time: keeps the offset',
      90,
      '2024-01-01T00:00:30+02:00',
      'max',
      undefined,
      '2023-12-31T23:59:00+02:00',
    ],
    [
      'ISO date-time: keeps microseconds',
      1,
      '2024-01-01T10:00:00.123456Z',
      'min',
      undefined,
      '2024-01-01T10:00:01.123456Z',
    ],
    [
      'ISO date-time: a fractional lag adds digits',
      0.5,
      '2024-01-01T10:00:00Z',
      'max',
      undefined,
      '2024-01-01T09:59:59.5Z',
    ],
    ['date string: days', 2, '2024-03-01', 'max', undefined, '2024-02-28'],
    ['compact date string: days', 1, '20240301', 'min', undefined, '20240302'],
    [
      'date string: a fractional lag drops the part of a day',
      1.5,
      '2024-03-10',
      'max',
      undefined,
      '2024-03-08',
    ],
    [
      'date-time cursor declared as a date by initial_value: whole days',
      1,
      '2024-03-10T15:30:00Z',
      'max',
      '2024-01-01',
      '2024-03-09T00:00:00Z',
    ],
    [
      'same, min: the end of the day',
      1,
      '2024-03-10T15:30:00Z',
      'min',
      '2024-12-31',
      '2024-03-11T23:59:59.999999Z',
    ],
    [
      'Date: seconds',
      60,
      new Date('2024-01-01T10:00:00Z'),
      'max',
      undefined,
      new Date('2024-01-01T09:59:00Z'),
    ],
    [
      'Date vs string initial_value: not crossed',
      86_400,
      new Date('2024-01-01T10:00:00Z'),
      'max',
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:00:00Z',
    ],
  ])('%s', (_, lag, value, func, initial, expected) => {
    expect(applyLag(lag, value, func, initial)).toEqual(expected)
  })

  it.each<unknown>(['not a date', { a: 1 }, true])(
    'throws TypeError naming `lag` for %j',
    (value) => {
      expect(() => applyLag(1, value, 'max', undefined)).toThrow(/`lag`/)
    },
  )
})
