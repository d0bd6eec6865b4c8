import { describe, expect, it } from 'vitest'
import { jsonDumpsSorted } from './json-dumps-sorted.js'

describe('jsonDumpsSorted', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ z: { y: 1, x: 2 }, u: undefined }, '{"z":{"x":2,"y":1}}'],
    [12345678901234567890n, '12345678901234567890'],
    [new Date('2024-01-01T10:00:00Z'), '"2024-01-01T10:00:00+00:00"'],
    [new Date('2024-01-01T10:00:00.123Z'), '"2024-01-01T10:00:00.123000+00:00"'],
    [[undefined, Number.NaN], '[null,null]'],
  ])('%s → %s', (value, expected) => {
    expect(jsonDumpsSorted(value)).toBe(expected)
  })
})
