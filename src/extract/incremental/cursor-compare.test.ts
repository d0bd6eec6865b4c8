import { describe, expect, it } from 'vitest'
import {
  compareCursorValues,
  cursorValuesEqual,
  resolveLastValueFunc,
  reviveCursorValue,
  toStateValue,
} from './cursor-compare.js'

const sign = (n: number) => Math.sign(n)

describe('compareCursorValues', () => {
  it.each<[string, unknown, unknown, number]>([
    ['numbers', 1, 2, -1],
    ['number and bigint', 3, 2n, 1],
    ['bigints', 2n ** 64n, 2n ** 64n, 0],
    ['Dates', new Date('2024-01-02'), new Date('2024-01-01'), 1],
    ['Date vs ISO string', new Date('2024-01-01T10:00:00Z'), '2024-01-01T12:00:00+02:00', 0],
    ['ISO string vs Date', '2024-01-01T09:59:59.999Z', new Date('2024-01-01T10:00:00Z'), -1],
    ['ISO strings by instant', '2024-01-01T12:00:00+02:00', '2024-01-01T11:00:00Z', -1],
    ['microsecond ISO strings', '2024-01-01T00:00:00.000002Z', '2024-01-01T00:00:00.000001Z', 1],
    ['date-only strings', '2024-01-02', '2024-01-10', -1],
    ['other strings lexicographically', 'b', 'ab', 1],
    ['code point order (astral above U+FFFF)', '\u{1F600}', '\uFFFF', 1],
    ['bigint vs decimal text from state', 12345678901234567890n, '12345678901234567889', 1],
  ])('%s', (_, a, b, expected) => {
    expect(sign(compareCursorValues(a, b))).toBe(expected)
  })

  it.each<[unknown, unknown]>([
    [1, 'a'],
    [{}, 1],
    [new Date('x'), new Date()],
    [new Date(), 'yesterday'],
  ])('throws TypeError for %j vs %j', (a, b) => {
    expect(() => compareCursorValues(a, b)).toThrow(TypeError)
  })
})

describe('resolveLastValueFunc', () => {
  it.each<['max' | 'min', unknown[], unknown]>([
    ['max', [1, 3, 2], 3],
    ['min', [1, 3, 2], 1],
    ['max', ['2024-01-01T00:00:00Z', new Date('2024-06-01')], new Date('2024-06-01')],
    ['min', ['b', 'a'], 'a'],
  ])('%s(%j) = %j', (name, values, expected) => {
    expect(resolveLastValueFunc(name)(values)).toEqual(expected)
  })

  it('returns the first of equal values, as Python', () => {
    const first = '2024-01-01T00:00:00Z'
    expect(resolveLastValueFunc('max')([first, new Date(first)])).toBe(first)
  })

  it('passes a custom function through', () => {
    const f = (values: readonly unknown[]) => values.length
    expect(resolveLastValueFunc(f)).toBe(f)
  })
})

describe('state values', () => {
  it.each<[unknown, unknown]>([
    [new Date('2024-01-01T10:00:00Z'), '2024-01-01T10:00:00.000Z'],
    [5n, 5],
    [2n ** 64n, '18446744073709551616'],
    ['x', 'x'],
    [1.5, 1.5],
  ])('toStateValue(%s) = %s', (value, expected) => {
    expect(toStateValue(value)).toEqual(expected)
  })

  it.each<[unknown, unknown, unknown]>([
    ['2024-01-01T10:00:00.000Z', new Date(0), new Date('2024-01-01T10:00:00Z')],
    [5, 1n, 5n],
    ['18446744073709551616', 1n, 2n ** 64n],
    ['2024-01-01T10:00:00Z', 'a string', '2024-01-01T10:00:00Z'],
    ['not a date', new Date(0), 'not a date'],
  ])('reviveCursorValue(%s, like %s) = %s', (value, like, expected) => {
    expect(reviveCursorValue(value, like)).toEqual(expected)
  })

  it('cursorValuesEqual compares by instant and falls back to identity', () => {
    expect(cursorValuesEqual('2024-01-01T10:00:00Z', new Date('2024-01-01T10:00:00Z'))).toBe(true)
    expect(cursorValuesEqual(undefined, undefined)).toBe(true)
    expect(cursorValuesEqual(1, undefined)).toBe(false)
    const o = {}
    expect(cursorValuesEqual(o, o)).toBe(true)
    expect(cursorValuesEqual({}, {})).toBe(false)
  })
})
