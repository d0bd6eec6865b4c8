import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  ConfigFieldMissingError,
  ConfigValueError,
  ConfigValueNotSecretError,
  config,
  defineConfig,
  resolveConfig,
  secret,
} from '../../../src/config/index.js'
import { isTerminalError } from '../../../src/errors/dlt-error.js'
import { thrown, useConfigFixtures } from './config-fixture.js'

const github = defineConfig(
  {
    accessToken: secret.string(),
    perPage: config.integer({ default: 100 }),
  },
  { name: 'GithubSource' },
)
const SECTIONS = ['sources', 'github']

const setup = useConfigFixtures()

describe('provider order: explicit > env > secrets.toml > config.toml > default', () => {
  const secrets = '[sources.github]\naccess_token = "from-secrets-toml"\nper_page = 2\n'
  const configToml = '[sources.github]\nper_page = 3\n'
  const cases = [
    { name: 'explicit wins', explicit: 9, env: { SOURCES__GITHUB__PER_PAGE: '1' }, want: 9 },
    { name: 'env wins over both files', env: { SOURCES__GITHUB__PER_PAGE: '1' }, want: 1 },
    { name: 'secrets.toml wins over config.toml', env: {}, want: 2 },
    { name: 'config.toml', env: {}, files: { config: configToml }, want: 3 },
    { name: 'default last', env: {}, files: {}, want: 100 },
  ] as const
  for (const c of cases) {
    it(c.name, () => {
      const f = setup('files' in c ? c.files : { secrets, config: configToml })
      const resolved = resolveConfig(github, {
        sections: SECTIONS,
        providers: f.providers(c.env),
        explicit: {
          accessToken: 'explicit-token',
          perPage: 'explicit' in c ? c.explicit : undefined,
        },
      })
      expect(resolved.perPage).toBe(c.want)
    })
  }

  it('reads secrets from env before secrets.toml', () => {
    const f = setup({ secrets })
    const env = { SOURCES__GITHUB__ACCESS_TOKEN: 'from-env' }
    expect(
      resolveConfig(github, { sections: SECTIONS, providers: f.providers(env) }).accessToken,
    ).toBe('from-env')
    expect(
      resolveConfig(github, { sections: SECTIONS, providers: f.providers() }).accessToken,
    ).toBe('from-secrets-toml')
  })

  it('merges the global folder under the project, the project winning', () => {
    const f = setup({
      secrets: '[sources.github]\naccess_token = "project"\n',
      globalSecrets: '[sources.github]\naccess_token = "global"\n',
      globalConfig: '[sources.github]\nper_page = 55\n',
    })
    const resolved = resolveConfig(github, { sections: SECTIONS, providers: f.providers() })
    expect(resolved).toEqual({ accessToken: 'project', perPage: 55 })
  })
})

describe('section fall-back, most specific first', () => {
  const spec = defineConfig({ accessToken: secret.string() })
  const sections = ['sources', 'github', 'issues']
  const cases: readonly { set: Record<string, string>; want: string }[] = [
    {
      set: { SOURCES__GITHUB__ISSUES__ACCESS_TOKEN: 'a', SOURCES__GITHUB__ACCESS_TOKEN: 'b' },
      want: 'a',
    },
    { set: { SOURCES__GITHUB__ACCESS_TOKEN: 'b', SOURCES__ACCESS_TOKEN: 'c' }, want: 'b' },
    { set: { SOURCES__ACCESS_TOKEN: 'c', ACCESS_TOKEN: 'd' }, want: 'c' },
    { set: { ACCESS_TOKEN: 'd' }, want: 'd' },
  ]
  for (const c of cases) {
    it(`${Object.keys(c.set).join(' + ')} → ${c.want}`, () => {
      const f = setup()
      expect(resolveConfig(spec, { sections, providers: f.providers(c.set) }).accessToken).toBe(
        c.want,
      )
    })
  }

  it('tries every section of a provider before the next provider, as dlt does', () => {
    const f = setup({ secrets: '[sources.github.issues]\naccess_token = "toml-specific"\n' })
    const env = { ACCESS_TOKEN: 'env-generic' }
    expect(resolveConfig(spec, { sections, providers: f.providers(env) }).accessToken).toBe(
      'env-generic',
    )
  })

  it('finds TOML values at every level', () => {
    for (const [toml, want] of [
      ['[sources.github]\naccess_token = "x1"\n', 'x1'],
      ['[sources]\naccess_token = "x2"\n', 'x2'],
      ['access_token = "x3"\n', 'x3'],
    ] as const) {
      const f = setup({ secrets: toml })
      expect(resolveConfig(spec, { sections, providers: f.providers() }).accessToken).toBe(want)
    }
  })

  it('never drops a spec section', () => {
    const runtime = defineConfig(
      { requestTimeout: config.number({ default: 60 }) },
      { section: 'runtime' },
    )
    const f = setup()
    const read = (env: Record<string, string>) =>
      resolveConfig(runtime, { sections: ['x'], providers: f.providers(env) }).requestTimeout
    expect(read({ REQUEST_TIMEOUT: '1' })).toBe(60)
    expect(read({ RUNTIME__REQUEST_TIMEOUT: '2' })).toBe(2)
    expect(read({ X__RUNTIME__REQUEST_TIMEOUT: '3', RUNTIME__REQUEST_TIMEOUT: '2' })).toBe(3)
  })
})

describe('pipeline-scoped values', () => {
  it('reads <PIPELINE>__… in env before the unscoped key', () => {
    const f = setup()
    const env = {
      GH__SOURCES__GITHUB__ACCESS_TOKEN: 'scoped',
      SOURCES__GITHUB__ACCESS_TOKEN: 'plain',
    }
    const read = (pipelineName?: string) =>
      resolveConfig(github, {
        sections: SECTIONS,
        providers: f.providers(env),
        ...(pipelineName === undefined ? {} : { pipelineName }),
      }).accessToken
    expect(read('gh')).toBe('scoped')
    expect(read('other')).toBe('plain')
    expect(read()).toBe('plain')
  })

  it('reads [<pipeline>.sources…] in TOML before any unscoped key, even from env', () => {
    const f = setup({
      secrets: '[gh.sources.github]\naccess_token = "scoped-toml"\n',
      config: '[gh]\nper_page = 7\n',
    })
    const env = { SOURCES__GITHUB__ACCESS_TOKEN: 'plain-env', SOURCES__GITHUB__PER_PAGE: '8' }
    const resolved = resolveConfig(github, {
      sections: SECTIONS,
      pipelineName: 'gh',
      providers: f.providers(env),
    })
    expect(resolved).toEqual({ accessToken: 'scoped-toml', perPage: 7 })
  })
})

describe('type parsing of environment values', () => {
  const spec = defineConfig({
    count: config.integer(),
    ratio: config.number(),
    enabled: config.boolean(),
    tags: config.array<string>(),
    options: config.object(),
    name: config.string(),
  })
  const base = {
    COUNT: '1',
    RATIO: '1',
    ENABLED: 'true',
    TAGS: '[]',
    OPTIONS: '{}',
    NAME: 'n',
  }
  const cases: readonly [string, string, unknown][] = [
    ['COUNT', '42', 42],
    ['COUNT', ' 0x10 ', 16],
    ['COUNT', '1_000', 1000],
    ['RATIO', '2.5', 2.5],
    ['RATIO', '-1e3', -1000],
    ['ENABLED', 'TRUE', true],
    ['ENABLED', 'no', false],
    ['ENABLED', '0', false],
    ['ENABLED', 'y', true],
    ['TAGS', '["a","b"]', ['a', 'b']],
    ['OPTIONS', '{"a":{"b":1}}', { a: { b: 1 } }],
    ['NAME', '123', '123'],
  ]
  for (const [variable, raw, want] of cases) {
    it(`${variable}=${raw}`, () => {
      const f = setup()
      const resolved = resolveConfig(spec, { providers: f.providers({ ...base, [variable]: raw }) })
      expect(resolved[variable.toLowerCase() as keyof typeof resolved]).toEqual(want)
    })
  }

  const bad: readonly [string, string, string][] = [
    ['COUNT', '1.5', 'an integer'],
    ['COUNT', 'many', 'an integer'],
    ['RATIO', '', 'a number'],
    ['ENABLED', 'maybe', 'a boolean'],
    ['TAGS', '{"a":1}', 'an array'],
    ['OPTIONS', '[1]', 'a table or a JSON object'],
  ]
  for (const [variable, raw, expected] of bad) {
    it(`refuses ${variable}=${JSON.stringify(raw)}`, () => {
      const f = setup()
      const error = thrown(() =>
        resolveConfig(spec, { providers: f.providers({ ...base, [variable]: raw }) }),
      )
      expect(error).toBeInstanceOf(ConfigValueError)
      expect(error.message).toContain(variable)
      expect((error as ConfigValueError).expected).toContain(expected)
    })
  }

  it('takes typed TOML values as they are', () => {
    const f = setup({
      config:
        'count = 3\nratio = 0.5\nenabled = false\ntags = ["x"]\nname = "n"\n[options]\nk = 1\n',
    })
    expect(resolveConfig(spec, { providers: f.providers() })).toEqual({
      count: 3,
      ratio: 0.5,
      enabled: false,
      tags: ['x'],
      options: { k: 1 },
      name: 'n',
    })
  })
})

describe('names, optional values and explicit values', () => {
  it('maps camelCase fields to snake_case keys, or to an explicit key', () => {
    const spec = defineConfig({
      maxRetryDelay: config.number(),
      apiURLPath: config.string(),
      legacy: config.string({ key: 'old_name' }),
    })
    const f = setup()
    const env = { MAX_RETRY_DELAY: '5', API_URL_PATH: '/v1', OLD_NAME: 'x' }
    expect(resolveConfig(spec, { providers: f.providers(env) })).toEqual({
      maxRetryDelay: 5,
      apiURLPath: '/v1',
      legacy: 'x',
    })
  })

  it('resolves a missing optional field to undefined', () => {
    const spec = defineConfig({ since: config.string({ optional: true }) })
    const f = setup()
    expect(resolveConfig(spec, { providers: f.providers() })).toEqual({ since: undefined })
  })

  it('refuses two fields with the same key', () => {
    expect(() => defineConfig({ a: config.string({ key: 'x' }), x: config.string() })).toThrow(
      TypeError,
    )
  })
})

describe('missing values', () => {
  it('lists every key tried per provider and the env var to set', () => {
    const f = setup({ secrets: 'unrelated = 1\n', config: 'unrelated = 2\n' })
    const error = thrown(() =>
      resolveConfig(
        defineConfig(
          { accessToken: secret.string(), perPage: config.integer() },
          { name: 'GithubSource' },
        ),
        {
          sections: SECTIONS,
          pipelineName: 'gh',
          providers: f.providers(),
        },
      ),
    )
    expect(error).toBeInstanceOf(ConfigFieldMissingError)
    expect(isTerminalError(error)).toBe(true)
    const missing = error as ConfigFieldMissingError
    expect(missing.fields.map((field) => field.key)).toEqual([
      'sources.github.access_token',
      'sources.github.per_page',
    ])
    expect(missing.fields[0]?.envVar).toBe('SOURCES__GITHUB__ACCESS_TOKEN')
    expect(missing.message).toContain('Missing configuration for GithubSource')
    expect(missing.describeLookups()).toContain(
      'Environment Variables: GH__SOURCES__GITHUB__ACCESS_TOKEN, GH__SOURCES__ACCESS_TOKEN, ' +
        'GH__ACCESS_TOKEN, SOURCES__GITHUB__ACCESS_TOKEN, SOURCES__ACCESS_TOKEN, ACCESS_TOKEN',
    )
    expect(missing.describeLookups()).toContain(
      'secrets.toml: gh.sources.github.access_token, gh.sources.access_token, gh.access_token, ' +
        'sources.github.access_token, sources.access_token, access_token',
    )
    expect(missing.describeLookups()).toContain('config.toml: gh.sources.github.per_page')
    expect(missing.describeLookups()).not.toContain('config.toml: gh.sources.github.access_token')
    // the keys tried are on demand (describeLookups, lookedUp, DLT_TS_DEBUG=1), not in the message
    expect(missing.message).not.toContain('GH__SOURCES__GITHUB__ACCESS_TOKEN')
    expect(missing.message).toMatch(/\d+ keys were looked up in Environment Variables/)
    expect(missing.message).toContain('Set the environment variable SOURCES__GITHUB__ACCESS_TOKEN')
    expect(missing.message).toContain(
      'add to .dlt/secrets.toml:\n    [sources.github]\n    access_token = "..."',
    )
    expect(missing.message).toContain(
      'add to .dlt/config.toml:\n    [sources.github]\n    per_page = "..."',
    )
    expect(missing.lookedUp).toContain('GH__SOURCES__GITHUB__PER_PAGE')
  })

  it('skips empty providers and names the files it did not find', () => {
    const f = setup()
    const error = thrown(() =>
      resolveConfig(github, { sections: SECTIONS, providers: f.providers() }),
    ) as ConfigFieldMissingError
    expect(
      error.fields[0]?.traces.every((trace) => trace.provider === 'Environment Variables'),
    ).toBe(true)
    expect(error.message).toContain(`Files not found: ${f.projectDir}/.dlt/secrets.toml`)
  })
})

describe('secrets in config.toml', () => {
  it('are refused with a message telling to move them to secrets.toml', () => {
    const f = setup({ config: '[sources.github]\naccess_token = "ghp_doNotShowThis"\n' })
    const error = thrown(() =>
      resolveConfig(github, { sections: SECTIONS, providers: f.providers() }),
    )
    expect(error).toBeInstanceOf(ConfigValueNotSecretError)
    expect(error.message).toContain('"sources.github.access_token" in config.toml')
    expect(error.message).toContain(`${f.projectDir}/.dlt/config.toml`)
    expect(error.message).toContain('move it to secrets.toml')
    expect(error.message).toContain('SOURCES__GITHUB__ACCESS_TOKEN')
    expect(error.message).not.toContain('ghp_doNotShowThis')
  })

  it('are not looked at when a provider before config.toml has the secret', () => {
    const f = setup({ config: '[sources.github]\naccess_token = "ghp_doNotShowThis"\n' })
    const env = { SOURCES__GITHUB__ACCESS_TOKEN: 'from-env' }
    expect(
      resolveConfig(github, { sections: SECTIONS, providers: f.providers(env) }).accessToken,
    ).toBe('from-env')
  })
})

describe('resolved values', () => {
  it('are frozen and mask secrets in JSON and console output', () => {
    const f = setup()
    const resolved = resolveConfig(github, {
      sections: SECTIONS,
      providers: f.providers({ SOURCES__GITHUB__ACCESS_TOKEN: 'ghp_supersecret' }),
    })
    expect(resolved.accessToken).toBe('ghp_supersecret')
    expect(Object.isFrozen(resolved)).toBe(true)
    expect(JSON.stringify(resolved)).toBe('{"accessToken":"gh****et","perPage":100}')
    expect(inspect(resolved)).not.toContain('supersecret')
    expect({ ...resolved }).toEqual({ accessToken: 'ghp_supersecret', perPage: 100 })
  })
})
