import { describe, expect, it } from 'vitest'
import { createSecretMasker } from './redaction.js'

describe('createSecretMasker', () => {
  const masker = createSecretMasker(() => ['s3cr3t-value', 'abc'])

  it('masks sensitive query parameters, the password and known secrets in URLs', () => {
    expect(
      masker.maskUrl('https://u:pw@api.test/a/s3cr3t-value?page=2&API_KEY=x&token=y&q=1'),
    ).toBe('https://u:***@api.test/a/***?page=2&API_KEY=***&token=***&q=1')
    expect(masker.maskUrl('https://api.test/items?page=2')).toBe('https://api.test/items?page=2')
    expect(masker.maskUrl('/relative?access_token=zz&x=1')).toBe('/relative?access_token=***&x=1')
  })

  it('masks credential headers by name and secrets by value', () => {
    expect(
      masker.maskHeaders(
        new Headers({
          authorization: 'Bearer t',
          'x-api-key': 'k',
          accept: 'json',
          'x-echo': 'is s3cr3t-value',
        }),
      ),
    ).toEqual({ accept: 'json', authorization: '***', 'x-api-key': '***', 'x-echo': 'is ***' })
  })

  it('masks secret-looking pairs in text, and skips secrets too short to search for', () => {
    const text =
      '{"access_token": "eyJ", "clientSecret":"x\\"y", "name":"abc", "note":"s3cr3t-value"} grant_type=c&client_secret=zz'
    expect(masker.maskText(text)).toBe(
      '{"access_token": "***", "clientSecret":"***", "name":"abc", "note":"***"} grant_type=c&client_secret=***',
    )
  })
})
