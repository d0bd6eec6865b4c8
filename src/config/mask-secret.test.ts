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

describe('redactSecrets masks whole occurrences only', () => {
  // [secrets, text, expected]: a secret is masked where it stands alone between non-word
  // characters; inside a longer word it is left alone unless it is long enough (12+ characters)
  // to be the secret itself rather than a coincidence.
  const cases: readonly [string[], string, string][] = [
    [['xist'], 'database "dlt_data" does not exist', 'database "dlt_data" does not exist'],
    [['xist'], 'password xist rejected', 'password **** rejected'],
    [['xist'], 'postgresql://loader:xist@localhost/db', 'postgresql://loader:****@localhost/db'],
    [['postgres'], 'postgresql://postgres:postgres@h/db', 'postgresql://po****es:po****es@h/db'],
    [['s3cr3t'], 'token=s3cr3t&x=s3cr3ts', 'token=****&x=s3cr3ts'],
    [['s3cr3t'], '"s3cr3t"', '"****"'],
    [['s3cr3t'], 's3cr3t', '****'],
    [['pässwort'], 'für pässwort, nicht pässworte', 'für pä****rt, nicht pässworte'],
    [['ghp_1234567890abcdef'], 'auth=Bearerghp_1234567890abcdef.', 'auth=Bearergh****ef.'],
    [['ghp_1234567890abcdef'], 'token%3Dghp_1234567890abcdef', 'token%3Dgh****ef'],
    // under 4 characters: only a text that is nothing but the secret is masked
    [['db'], 'connect to db failed: db', 'connect to db failed: db'],
    [['db'], 'db', '****'],
    [['a.b'], 'a.b', '****'],
    [['x+y'], 'keep x+y here', 'keep x+y here'],
    [['$(x)'], 'run $(x) now', 'run **** now'],
    [[''], 'nothing to mask', 'nothing to mask'],
  ]
  for (const [secrets, text, want] of cases) {
    it(`${JSON.stringify(secrets)} in ${JSON.stringify(text)}`, () =>
      expect(redactSecrets(text, secrets)).toBe(want))
  }
})

it('masks a secret holding regex and replacement syntax literally', () => {
  expect(redactSecrets('pw=$&a-b[c]d* end', ['$&a-b[c]d*'])).toBe('pw=$&****d* end')
})
