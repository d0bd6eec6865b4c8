import { describe, expect, it } from 'vitest'
import type { LookupTrace, MissingConfigField } from './config-errors.js'
import { formatLookups, formatMissingMessage } from './format-missing-message.js'

const env = (...keys: string[]): LookupTrace[] =>
  keys.map((key) => ({ provider: 'Environment Variables', key }))
const toml = (...keys: string[]): LookupTrace[] =>
  keys.map((key) => ({ provider: 'secrets.toml', key }))

const token: MissingConfigField = {
  field: 'accessToken',
  key: 'sources.github.access_token',
  secret: true,
  envVar: 'SOURCES__GITHUB__ACCESS_TOKEN',
  traces: [
    ...env('GH__SOURCES__GITHUB__ACCESS_TOKEN', 'SOURCES__GITHUB__ACCESS_TOKEN', 'ACCESS_TOKEN'),
    ...toml('gh.sources.github.access_token', 'access_token'),
  ],
}

const WHOLE = {
  key: 'destination.postgres.credentials',
  envVar: 'DESTINATION__POSTGRES__CREDENTIALS',
  example: 'postgresql://username:password@host:port/database',
}
const NATIVE = env('PG__DESTINATION__POSTGRES__CREDENTIALS', 'DESTINATION__POSTGRES__CREDENTIALS')
const part = (name: string, partial: boolean): MissingConfigField => {
  const envVar = `DESTINATION__POSTGRES__CREDENTIALS__${name.toUpperCase()}`
  return {
    field: `credentials.${name}`,
    key: `destination.postgres.credentials.${name}`,
    secret: true,
    envVar,
    traces: [...NATIVE, ...env(`PG__${envVar}`, envVar, `CREDENTIALS__${name.toUpperCase()}`)],
    connectionString: { ...WHOLE, partial },
  }
}
const allParts = ['host', 'database', 'username'].map((name) => part(name, false))

describe('formatMissingMessage', () => {
  const cases: readonly {
    name: string
    fields: MissingConfigField[]
    verbose?: boolean
    has: string[]
    hasNot: string[]
    maxLines: number
  }[] = [
    {
      name: 'a plain secret: the env var and the TOML lines, not the keys tried',
      fields: [token],
      has: [
        'Missing configuration for GithubSource: sources.github.access_token',
        'Set the environment variable SOURCES__GITHUB__ACCESS_TOKEN, or add to .dlt/secrets.toml:\n    [sources.github]\n    access_token = "..."',
        '5 keys were looked up in Environment Variables, secrets.toml',
        'lookedUp',
        'DLT_TS_DEBUG=1',
      ],
      hasNot: ['GH__SOURCES__GITHUB__ACCESS_TOKEN', 'looked up in this order'],
      maxLines: 5,
    },
    {
      name: 'postgres credentials with nothing given: the whole connection string first',
      fields: allParts,
      has: [
        'Missing configuration for PostgresCredentials: destination.postgres.credentials (host, database, username)',
        'Set the environment variable DESTINATION__POSTGRES__CREDENTIALS, or add to .dlt/secrets.toml:\n    [destination.postgres]\n    credentials = "postgresql://username:password@host:port/database"',
        'DESTINATION__POSTGRES__CREDENTIALS__HOST, DESTINATION__POSTGRES__CREDENTIALS__DATABASE, DESTINATION__POSTGRES__CREDENTIALS__USERNAME',
        '11 keys were looked up in Environment Variables',
      ],
      hasNot: ['PG__DESTINATION', 'Or give all'],
      maxLines: 7,
    },
    {
      name: 'a connection string without a password: the missing part first',
      fields: [part('password', true)],
      has: [
        'destination.postgres.credentials (password)',
        'Set the environment variable DESTINATION__POSTGRES__CREDENTIALS__PASSWORD, or add to .dlt/secrets.toml:\n    [destination.postgres.credentials]\n    password = "..."',
        'Or give all the credentials as one connection string in DESTINATION__POSTGRES__CREDENTIALS',
      ],
      hasNot: ['PG__DESTINATION'],
      maxLines: 6,
    },
    {
      name: 'verbose: every key tried, per provider, once',
      fields: [token],
      verbose: true,
      has: [
        'sources.github.access_token (secret) was looked up in this order:',
        'Environment Variables: GH__SOURCES__GITHUB__ACCESS_TOKEN, SOURCES__GITHUB__ACCESS_TOKEN, ACCESS_TOKEN',
        'secrets.toml: gh.sources.github.access_token, access_token',
      ],
      hasNot: ['DLT_TS_DEBUG=1'],
      maxLines: 9,
    },
  ]
  for (const { name, fields, verbose, has, hasNot, maxLines } of cases) {
    it(name, () => {
      const specName = fields[0]?.field === 'accessToken' ? 'GithubSource' : 'PostgresCredentials'
      const message = formatMissingMessage(specName, fields, [], { verbose: verbose ?? false })
      for (const text of has) expect(message).toContain(text)
      for (const text of hasNot) expect(message).not.toContain(text)
      expect(message.split('\n').length).toBeLessThanOrEqual(maxLines)
    })
  }

  it('names no key twice', () => {
    const message = formatMissingMessage('PostgresCredentials', allParts, [])
    const words = message.match(/[A-Z][A-Z0-9_]{3,}/g) ?? []
    expect(words.length).toBe(new Set(words).size)
  })

  it('lists the files it did not find', () => {
    const message = formatMissingMessage(
      'GithubSource',
      [token],
      [{ name: 'secrets.toml', locations: [], searchedLocations: ['/p/.dlt/secrets.toml'] }],
    )
    expect(message).toContain('Files not found: /p/.dlt/secrets.toml')
  })
})

describe('formatLookups', () => {
  it('lists, per field and provider, the keys tried in order', () => {
    expect(formatLookups([token])).toBe(
      [
        'sources.github.access_token (secret) was looked up in this order:',
        '  Environment Variables: GH__SOURCES__GITHUB__ACCESS_TOKEN, SOURCES__GITHUB__ACCESS_TOKEN, ACCESS_TOKEN',
        '  secrets.toml: gh.sources.github.access_token, access_token',
      ].join('\n'),
    )
  })
})
