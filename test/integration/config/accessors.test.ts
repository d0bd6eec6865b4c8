import { describe, expect, it } from 'vitest'
import {
  ConfigFieldMissingError,
  ConfigValueNotSecretError,
  config,
  createConfigAccessors,
  secret,
} from '../../../src/config/index.js'
import { type ConfigFiles, thrown, useConfigFixtures } from './config-fixture.js'

const setup = useConfigFixtures()
function accessors(files: ConfigFiles, env = {}, pipelineName?: string) {
  return createConfigAccessors({
    providers: setup(files).providers(env),
    ...(pipelineName === undefined ? {} : { pipelineName }),
  })
}

describe('config.get', () => {
  it('reads env and config.toml, never secrets.toml', () => {
    const { config: cfg } = accessors(
      { config: '[normalize]\nworkers = 3\n', secrets: '[sources.github]\nper_page = 50\n' },
      { SOURCES__GITHUB__REPO: 'dlt-hub/dlt' },
    )
    expect(cfg.get('normalize.workers')).toBe(3)
    expect(cfg.get('sources.github.repo')).toBe('dlt-hub/dlt')
    expect(cfg.get('sources.github.per_page', 30)).toBe(30)
    expect(() => cfg.get('sources.github.per_page')).toThrow(ConfigFieldMissingError)
  })

  it('falls back through sections and tries the pipeline name first', () => {
    const { config: cfg } = accessors(
      { config: 'per_page = 10\n[gh.sources]\nper_page = 20\n' },
      {},
      'gh',
    )
    expect(cfg.get('sources.github.per_page')).toBe(20)
    const { config: plain } = accessors({ config: 'per_page = 10\n' })
    expect(plain.get('sources.github.per_page')).toBe(10)
  })

  it('casts env strings as dlt does without a declared type', () => {
    const env = {
      A: 'TRUE',
      B: '42',
      C: '2.5',
      D: '["x"]',
      E: '{"k":1}',
      F: 'text',
      G: '12345678901234567890',
    }
    const { config: cfg } = accessors({}, env)
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => cfg.get(key))).toEqual([
      true,
      42,
      2.5,
      ['x'],
      { k: 1 },
      'text',
      '12345678901234567890',
    ])
  })

  it('parses by the type of the default, or by a field spec', () => {
    const { config: cfg } = accessors({}, { N: '7', FLAG: 'no', LIST: '[1,2]', NAME: '5' })
    const n: number = cfg.get('n', 1)
    expect(n).toBe(7)
    expect(cfg.get('flag', true)).toBe(false)
    expect(cfg.get('list', [] as number[])).toEqual([1, 2])
    expect(cfg.get('name', 'x')).toBe('5')
    expect(cfg.get('n', config.integer())).toBe(7)
    expect(cfg.get('absent', config.integer({ optional: true }))).toBeUndefined()
  })

  it('names the key, the keys tried and the env var in the missing error', () => {
    const { config: cfg } = accessors({})
    const error = thrown(() => cfg.get('sources.github.per_page')) as ConfigFieldMissingError
    expect(error.specName).toBe('config')
    expect(error.describeLookups()).toContain(
      'SOURCES__GITHUB__PER_PAGE, SOURCES__PER_PAGE, PER_PAGE',
    )
    expect(error.lookedUp).toEqual(['SOURCES__GITHUB__PER_PAGE', 'SOURCES__PER_PAGE', 'PER_PAGE'])
    expect(error.message).toContain('Set the environment variable SOURCES__GITHUB__PER_PAGE')
    expect(error.fields[0]?.envVar).toBe('SOURCES__GITHUB__PER_PAGE')
  })

  it('refuses a path with an empty part', () => {
    const { config: cfg } = accessors({})
    expect(() => cfg.get('sources..token')).toThrow(TypeError)
  })
})

describe('secrets.get', () => {
  it('reads env, then secrets.toml', () => {
    const files = { secrets: '[sources.github]\naccess_token = "from-toml"\n' }
    expect(accessors(files).secrets.get('sources.github.access_token')).toBe('from-toml')
    const env = { SOURCES__GITHUB__ACCESS_TOKEN: 'from-env' }
    expect(accessors(files, env).secrets.get('sources.github.access_token')).toBe('from-env')
  })

  it('refuses a secret found in config.toml', () => {
    const { secrets } = accessors({ config: '[sources.github]\naccess_token = "ghp_inConfig"\n' })
    const error = thrown(() => secrets.get('sources.github.access_token'))
    expect(error).toBeInstanceOf(ConfigValueNotSecretError)
    expect(error.message).not.toContain('ghp_inConfig')
  })

  it('resolves credentials by field spec', () => {
    const env = { DESTINATION__POSTGRES__CREDENTIALS: 'postgresql://u:p@h:1/d' }
    const credentials = accessors({}, env).secrets.get(
      'destination.postgres.credentials',
      secret.connectionString(),
    )
    expect(credentials).toMatchObject({
      drivername: 'postgresql',
      host: 'h',
      port: 1,
      password: 'p',
    })
  })

  it('returns the default when missing', () => {
    expect(accessors({}).secrets.get('sources.github.access_token', 'none')).toBe('none')
  })
})
