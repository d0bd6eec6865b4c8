import { describe, expect, it } from 'vitest'
import { canonicalJson, digest128, KeyMissing, rowHash } from './row-hash.js'

describe('digest128 (dlt common.utils.digest128)', () => {
  // Expected values computed with Python: base64(shake_128(v).digest(15)).rstrip('=')
  it.each([
    ['1', '669czW83KR00ut4bv/U5'],
    ['[1,"a"]', 'ndvRJS8rm8iAiHfET37I'],
    ['{"b":{"a":"é","z":1},"id":1}', 'd9y+yUcjMgi1u0I+C24y'],
  ])('digest128(%j) = %s', (text, expected) => {
    expect(digest128(text)).toBe(expected)
  })
})

describe('canonicalJson', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ z: { y: 1, x: 2 }, u: undefined }, '{"z":{"x":2,"y":1}}'],
    [12345678901234567890n, '12345678901234567890'],
    [new Date('2024-01-01T10:00:00Z'), '"2024-01-01T10:00:00+00:00"'],
    [new Date('2024-01-01T10:00:00.123Z'), '"2024-01-01T10:00:00.123000+00:00"'],
    [[undefined, Number.NaN], '[null,null]'],
  ])('%s → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected)
  })
})

describe('rowHash', () => {
  it.each<[string, unknown, readonly string[] | undefined, string]>([
    ['one key column: the value', { id: 1, x: 'a' }, ['id'], '669czW83KR00ut4bv/U5'],
    ['compound key: the list', { id: 1, k: 'a', x: 0 }, ['id', 'k'], 'ndvRJS8rm8iAiHfET37I'],
    ['no key: the whole row', { id: 1, b: { z: 1, a: 'é' } }, undefined, 'd9y+yUcjMgi1u0I+C24y'],
  ])('%s', (_, row, key, expected) => {
    expect(rowHash(row, key)).toBe(expected)
  })

  it('throws KeyMissing naming the absent key column', () => {
    expect(() => rowHash({ id: 1 }, ['id', 'k'])).toThrow(KeyMissing)
    expect(() => rowHash({ id: 1 }, ['k'])).toThrow(/column k/)
  })

  it('accepts a null key value', () => {
    expect(rowHash({ id: null }, ['id'])).toBe(digest128('null'))
  })
})
