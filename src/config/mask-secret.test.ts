import { describe, expect, it } from 'vitest'
import { maskSecret, maskValue, redactSecrets } from './mask-secret.js'

describe('maskSecret', () => {
  const cases: readonly [string, string][] = [
    ['postgres', 'po****es'],
    ['ghp_1234567890abcdef', 'gh****ef'],
    ['1234567', '****'],
    ['', '****'],
    ['pässwörter', 'pä****er'],
  ]
  for (const [value, want] of cases) {
    it(`${JSON.stringify(value)} → ${want}`, () => expect(maskSecret(value)).toBe(want))
  }

  it('masks non-strings entirely', () => {
    expect(maskValue({ private_key: 'x' })).toBe('****')
    expect(maskValue(12345678901)).toBe('****')
  })
})

describe('redactSecrets', () => {
  it('masks longer secrets first and ignores empty ones', () => {
    expect(
      redactSecrets('a=longsecretvalue b=longsecret', ['longsecret', 'longsecretvalue', '']),
    ).toBe('a=lo****ue b=lo****et')
  })
})
