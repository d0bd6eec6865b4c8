import { describe, expect, it } from 'vitest'
import { digest128 } from './digest128.js'

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
