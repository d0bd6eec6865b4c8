import { describe, expect, it } from 'vitest'
import { COERCE_FAILED, coerceValue } from './coerce-value.js'
import { utcTimestampLength, writeUtcTimestamp } from './utc-timestamp-bytes.js'

/** The canonical text by the byte functions, undefined when they leave it to `coerceValue`. */
function viaBytes(text: string): string | undefined {
  const bytes = Buffer.from(`"${text}"`)
  const length = utcTimestampLength(bytes, 1, bytes.length - 1)
  if (length < 0) return undefined
  const out = Buffer.alloc(length + 2, 0x7c)
  const end = writeUtcTimestamp(bytes, 1, bytes.length - 1, length, out, 1)
  expect(end).toBe(length + 1)
  expect([out[0], out[length + 1]]).toEqual([0x7c, 0x7c])
  return out.toString('utf8', 1, end)
}

describe('utcTimestampLength / writeUtcTimestamp', () => {
  it.each([
    ['2024-01-02T10:00:01', '2024-01-02T10:00:01+00:00'],
    ['2024-01-02T10:00:01Z', '2024-01-02T10:00:01+00:00'],
    ['2024-01-02T10:00:01+00:00', '2024-01-02T10:00:01+00:00'],
    ['2024-01-02T10:00:01.5Z', '2024-01-02T10:00:01.500000+00:00'],
    ['2024-01-02T10:00:01.5+00:00', '2024-01-02T10:00:01.500000+00:00'],
    ['2024-01-02T10:00:01.000Z', '2024-01-02T10:00:01+00:00'],
    ['2024-01-02T10:00:01.123456', '2024-01-02T10:00:01.123456+00:00'],
    ['2024-02-29T23:59:59.000001Z', '2024-02-29T23:59:59.000001+00:00'],
    ['0001-01-01T00:00:00', '0001-01-01T00:00:00+00:00'],
    ['9999-12-31T23:59:59.999999+00:00', '9999-12-31T23:59:59.999999+00:00'],
  ])('%s is %s, as coerceValue makes it', (text, canonical) => {
    expect(viaBytes(text)).toBe(canonical)
    expect(coerceValue('timestamp', 'text', text)).toBe(canonical)
  })

  it.each([
    '2023-02-29T10:00:00', // no such day
    '2024-13-01T10:00:00',
    '0000-01-01T10:00:00',
    '2024-01-01T24:00:00',
    '2024-01-01T10:60:00',
    '2024-01-01 10:00:00', // a space: the full parser's
    '2024-01-01T10:00:00.1234567Z', // 7 digits
    '2024-01-01T10:00:00.Z',
    '2024-01-01T10:00:00+01:00',
    '2024-01-01T10:00:00z',
    '2024-01-01T10:00',
    '2024-01-01',
    '1700000000',
    'x024-01-01T10:00:00',
  ])('leaves %s to coerceValue', (text) => {
    expect(viaBytes(text)).toBeUndefined()
  })

  it('agrees with coerceValue on every text it accepts, over seeded random texts', () => {
    let seed = 7
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    const pieces = ['0', '1', '2', '9', '5', '-', ':', 'T', '.', 'Z', '+00:00', '+01:00', ' ']
    let accepted = 0
    for (let n = 0; n < 20_000; n++) {
      // a valid timestamp with a few characters replaced or appended
      const chars = [
        ...`20${next(10)}${next(10)}-0${1 + next(9)}-${10 + next(19)}T1${next(10)}:${next(6)}${next(10)}:${next(6)}${next(10)}`,
      ]
      for (let k = next(3); k > 0; k--) chars[next(chars.length)] = pieces[next(pieces.length)]!
      let text = chars.join('')
      if (next(2)) text += `.${'123456789'.slice(0, next(9))}`
      if (next(2)) text += pieces[next(pieces.length)]
      const bytes = viaBytes(text)
      if (bytes === undefined) continue
      accepted++
      const coerced = coerceValue('timestamp', 'text', text)
      expect(coerced, text).not.toBe(COERCE_FAILED)
      expect(bytes, text).toBe(coerced)
    }
    expect(accepted).toBeGreaterThan(2_000)
  })
})
