import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  ConfigFieldMissingError,
  ConfigFileError,
  ConfigValueError,
  ConfigValueNotSecretError,
  config,
  createConfigAccessors,
  createConnectionStringCredentials,
  defineConfig,
  InvalidConnectionStringError,
  redactSecrets,
  resolveConfig,
  secret,
} from '../../../src/config/index.js'
import { type ConfigFiles, thrown, useConfigFixtures } from './config-fixture.js'

const SECRET = 'Sup3rS3cretValue42'
const setup = useConfigFixtures()

/** Every text an error exposes: message, stack, inspect output, own properties and its causes. */
function exposedText(error: unknown, seen = new Set<unknown>()): string {
  if (error === undefined || error === null || seen.has(error)) return ''
  seen.add(error)
  if (typeof error !== 'object') return String(error)
  const own = Object.getOwnPropertyNames(error).map((name) => {
    const value = (error as Record<string, unknown>)[name]
    return typeof value === 'object' ? inspect(value, { depth: 10 }) : String(value)
  })
  return [
    String(error),
    (error as Error).stack ?? '',
    inspect(error, { depth: 10, showHidden: true }),
    ...own,
    exposedText((error as Error).cause, seen),
  ].join('\n')
}

const spec = defineConfig({
  token: secret.string(),
  serviceAccount: secret.object({ optional: true }),
  credentials: secret.connectionString({ optional: true }),
  other: config.string(),
})

const scenarios: readonly {
  readonly name: string
  readonly files?: ConfigFiles
  readonly env?: Record<string, string>
  readonly error: abstract new (...args: never[]) => Error
}[] = [
  {
    name: 'a missing field next to a resolved secret',
    env: { TOKEN: SECRET },
    error: ConfigFieldMissingError,
  },
  {
    name: 'a secret in config.toml',
    files: { config: `token = "${SECRET}"\nother = "x"\n` },
    error: ConfigValueNotSecretError,
  },
  {
    name: 'a secret of the wrong type',
    env: { TOKEN: 't', SERVICE_ACCOUNT: SECRET, OTHER: 'x' },
    error: ConfigValueError,
  },
  {
    name: 'a secret string given as a table',
    files: { secrets: `other = "x"\n[token]\nvalue = "${SECRET}"\n` },
    error: ConfigValueError,
  },
  {
    name: 'a malformed connection string',
    env: { TOKEN: 't', OTHER: 'x', CREDENTIALS: `postgresql://u:${SECRET}@host:port/db` },
    error: InvalidConnectionStringError,
  },
  {
    name: 'a bad %-escape in a connection string password',
    env: { TOKEN: 't', OTHER: 'x', CREDENTIALS: `postgresql://u:${SECRET}%zz@host/db` },
    error: InvalidConnectionStringError,
  },
  {
    name: 'an unparsable secrets.toml',
    files: { secrets: `token = ${SECRET}\n` },
    error: ConfigFileError,
  },
]

describe('a secret never shows in an error', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const error = thrown(() => {
        const f = setup(scenario.files)
        resolveConfig(spec, { providers: f.providers(scenario.env ?? {}) })
      })
      expect(error).toBeInstanceOf(scenario.error)
      const text = exposedText(error)
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(SECRET.slice(2, -2))
    })
  }

  it('nor in the secrets accessor errors', () => {
    const f = setup({ config: `[sources.x]\ntoken = "${SECRET}"\n` })
    const { secrets } = createConfigAccessors({ providers: f.providers() })
    const error = thrown(() => secrets.get('sources.x.token'))
    expect(error).toBeInstanceOf(ConfigValueNotSecretError)
    expect(exposedText(error)).not.toContain(SECRET)
  })

  it('nor in logs of resolved values and credentials', () => {
    const f = setup()
    const env = { TOKEN: SECRET, OTHER: 'x', CREDENTIALS: `postgresql://u:${SECRET}@host/db` }
    const resolved = resolveConfig(spec, { providers: f.providers(env) })
    for (const text of [
      JSON.stringify(resolved),
      inspect(resolved, { depth: 10 }),
      String(resolved.credentials),
    ]) {
      expect(text).not.toContain(SECRET)
    }
    expect(resolved.token).toBe(SECRET)
    expect(resolved.credentials?.password).toBe(SECRET)
  })

  it('and redactSecrets masks it in any text', () => {
    const credentials = createConnectionStringCredentials(`postgresql://u:${SECRET}@host/db`)
    const text = `connect failed: ${credentials.toConnectionString()} (${SECRET})`
    expect(redactSecrets(text, [SECRET])).toBe(
      'connect failed: postgresql://u:Su****42@host/db (Su****42)',
    )
  })
})
