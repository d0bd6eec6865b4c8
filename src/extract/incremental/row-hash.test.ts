import { describe, expect, it } from 'vitest'
import { digest128 } from '../../util/digest128.js'
import { KeyMissing, rowHash } from './row-hash.js'

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
