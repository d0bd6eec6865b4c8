import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { digest128 } from './digest128.js'

/** node:crypto's shake128, as digest128 computed it before WebAssembly */
function expected(text: string, length: number): string {
  const base64 = createHash('shake128', { outputLength: length }).update(text, 'utf8')
  return base64.digest('base64').slice(0, Math.ceil((length * 4) / 3))
}

/** printable ASCII, varied, `size` characters */
function ascii(size: number): string {
  return Array.from({ length: size }, (_, i) =>
    String.fromCharCode(32 + ((i * 7 + size) % 95)),
  ).join('')
}

const LENGTHS = [1, 2, 10, 15, 16, 32, 64, 167, 168]

describe('digest128 (dlt common.utils.digest128)', () => {
  // Expected values computed with Python: base64(shake_128(v).digest(15)).rstrip('=')
  it.each([
    ['1', '669czW83KR00ut4bv/U5'],
    ['[1,"a"]', 'ndvRJS8rm8iAiHfET37I'],
    ['{"b":{"a":"é","z":1},"id":1}', 'd9y+yUcjMgi1u0I+C24y'],
  ])('digest128(%j) = %s', (text, expected) => {
    expect(digest128(text)).toBe(expected)
  })

  // the row id length: 10 bytes, 14 characters
  it('digest128("1", 10) is the 10-byte prefix of the 15-byte digest', () => {
    const short = digest128('1', 10)
    expect(short).toHaveLength(14)
    expect(Buffer.from(digest128('1'), 'base64').subarray(0, 10)).toEqual(
      Buffer.from(`${short}==`, 'base64'),
    )
  })
})

describe('digest128 equals node:crypto shake128', () => {
  it.each(LENGTHS)('%i-byte digests of the empty text and ASCII of 1..400 characters', (length) => {
    const differing: number[] = []
    for (let size = 0; size <= 400; size++) {
      if (digest128(ascii(size), length) !== expected(ascii(size), length)) differing.push(size)
    }
    expect(differing).toEqual([])
  })

  // the rate is 168 bytes: one block, padding in a block of its own, two blocks
  it.each([167, 168, 169, 335, 336, 337])('ASCII of %i characters, 10 and 15 bytes', (size) => {
    for (const length of [10, 15])
      expect(digest128(ascii(size), length)).toBe(expected(ascii(size), length))
  })

  it.each([
    ['é', 'é'],
    ['emoji', '😀 rocket 🚀'],
    ['CJK', '漢字かなカナ한국어'],
    ['mixed row id', 'Zm9vYmFyYmF6cXV4_issues__labels_é_2'],
    ['é ×84: 168 bytes', 'é'.repeat(84)],
    ['é ×85: 170 bytes', 'é'.repeat(85)],
    ['emoji across a block boundary', `${'a'.repeat(166)}😀${'b'.repeat(200)}`],
    ['a lone surrogate (UTF-8 of U+FFFD)', 'a\ud800b'],
  ])('non-ASCII: %s', (_, text) => {
    for (const length of LENGTHS) expect(digest128(text, length)).toBe(expected(text, length))
  })

  it.each([
    ['ASCII longer than the wasm buffer', 'x'.repeat(70_000), 15],
    ['UTF-8 longer than the wasm buffer', 'é'.repeat(40_000), 10],
    ['a digest longer than one block', 'abc', 200],
  ])('falls back to node:crypto: %s', (_, text, length) => {
    expect(digest128(text, length)).toBe(expected(text, length))
  })

  it('row-id-like texts, called in a mix of lengths', () => {
    for (let i = 0; i < 1000; i++) {
      const text = `${expected(String(i), 10)}_issues__labels_${i % 17}`
      const length = i % 3 === 0 ? 15 : 10
      expect(digest128(text, length)).toBe(expected(text, length))
    }
  })
})
