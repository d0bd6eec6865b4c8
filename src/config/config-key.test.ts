import { describe, expect, it } from 'vitest'
import { splitConfigPath, toConfigKey } from './config-key.js'

describe('toConfigKey', () => {
  const cases: readonly [string, string][] = [
    ['accessToken', 'access_token'],
    ['perPage', 'per_page'],
    ['requestMaxRetryDelay', 'request_max_retry_delay'],
    ['apiURLPath', 'api_url_path'],
    ['http2Enabled', 'http2_enabled'],
    ['already_snake', 'already_snake'],
    ['credentials', 'credentials'],
  ]
  for (const [name, want] of cases)
    it(`${name} → ${want}`, () => expect(toConfigKey(name)).toBe(want))
})

describe('splitConfigPath', () => {
  it('splits sections from the key', () => {
    expect(splitConfigPath('sources.github.access_token')).toEqual({
      sections: ['sources', 'github'],
      key: 'access_token',
    })
    expect(splitConfigPath('token')).toEqual({ sections: [], key: 'token' })
    expect(() => splitConfigPath('a..b')).toThrow(TypeError)
  })
})
