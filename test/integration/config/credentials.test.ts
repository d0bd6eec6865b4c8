import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  ConfigFieldMissingError,
  ConfigValueNotSecretError,
  createConnectionStringCredentials,
  defineConfig,
  InvalidConnectionStringError,
  resolveConfig,
  secret,
} from '../../../src/config/index.js'
import { thrown, useConfigFixtures } from './config-fixture.js'

const postgres = defineConfig(
  {
    credentials: secret.connectionString({
      drivername: 'postgresql',
      required: ['username', 'password', 'host', 'database'],
    }),
  },
  { name: 'PostgresDestination' },
)
const SECTIONS = ['destination', 'postgres']
const URL = 'postgresql://loader:s3cr3t-pass@localhost:5432/dlt_data?sslmode=require'

const setup = useConfigFixtures()

function expectLoader(credentials: unknown): void {
  expect(credentials).toMatchObject({
    drivername: 'postgresql',
    username: 'loader',
    password: 's3cr3t-pass',
    host: 'localhost',
    port: 5432,
    database: 'dlt_data',
  })
}

describe('connection-string credentials', () => {
  it('parse from one environment variable', () => {
    const f = setup()
    const { credentials } = resolveConfig(postgres, {
      sections: SECTIONS,
      providers: f.providers({ DESTINATION__POSTGRES__CREDENTIALS: URL }),
    })
    expectLoader(credentials)
    expect(credentials.query).toEqual({ sslmode: 'require' })
  })

  it('parse from a string in secrets.toml', () => {
    const f = setup({ secrets: `[destination.postgres]\ncredentials = "${URL}"\n` })
    expectLoader(
      resolveConfig(postgres, { sections: SECTIONS, providers: f.providers() }).credentials,
    )
  })

  it('build from a [destination.postgres.credentials] table', () => {
    const f = setup({
      secrets:
        '[destination.postgres.credentials]\ndatabase = "dlt_data"\nusername = "loader"\n' +
        'password = "s3cr3t-pass"\nhost = "localhost"\nport = 5432\n',
    })
    expectLoader(
      resolveConfig(postgres, { sections: SECTIONS, providers: f.providers() }).credentials,
    )
  })

  it('build from one environment variable per part, with the driver default', () => {
    const f = setup()
    const env = {
      DESTINATION__POSTGRES__CREDENTIALS__DATABASE: 'dlt_data',
      DESTINATION__POSTGRES__CREDENTIALS__USERNAME: 'loader',
      DESTINATION__POSTGRES__CREDENTIALS__PASSWORD: 's3cr3t-pass\n',
      DESTINATION__POSTGRES__CREDENTIALS__HOST: 'localhost',
      DESTINATION__POSTGRES__CREDENTIALS__PORT: '5432',
    }
    expectLoader(
      resolveConfig(postgres, { sections: SECTIONS, providers: f.providers(env) }).credentials,
    )
  })

  it('complete a partial connection string with parts from other providers', () => {
    const f = setup({ secrets: '[destination.postgres.credentials]\npassword = "s3cr3t-pass"\n' })
    const env = {
      DESTINATION__POSTGRES__CREDENTIALS: 'postgresql://loader@localhost:5432/dlt_data',
    }
    expectLoader(
      resolveConfig(postgres, { sections: SECTIONS, providers: f.providers(env) }).credentials,
    )
  })

  it('accept non-secret parts from config.toml but refuse the password there', () => {
    const f = setup({
      config: '[destination.postgres.credentials]\nhost = "localhost"\nport = 5432\n',
      secrets:
        '[destination.postgres.credentials]\ndatabase = "dlt_data"\nusername = "loader"\npassword = "s3cr3t-pass"\n',
    })
    expectLoader(
      resolveConfig(postgres, { sections: SECTIONS, providers: f.providers() }).credentials,
    )
    const bad = setup({ config: `[destination.postgres]\ncredentials = "${URL}"\n` })
    const error = thrown(() =>
      resolveConfig(postgres, { sections: SECTIONS, providers: bad.providers() }),
    )
    expect(error).toBeInstanceOf(ConfigValueNotSecretError)
    expect(error.message).not.toContain('s3cr3t')
  })

  it('take an explicit string, object or credentials', () => {
    const f = setup()
    for (const explicit of [URL, createConnectionStringCredentials(URL), { ...partsOf(URL) }]) {
      const resolved = resolveConfig(postgres, {
        sections: SECTIONS,
        providers: f.providers(),
        explicit: { credentials: explicit },
      })
      expectLoader(resolved.credentials)
    }
  })

  it('report each missing part with the keys tried and the whole-string alternative', () => {
    const f = setup()
    const env = { DESTINATION__POSTGRES__CREDENTIALS: 'postgresql://loader@localhost/dlt_data' }
    const error = thrown(() =>
      resolveConfig(postgres, { sections: SECTIONS, providers: f.providers(env) }),
    )
    expect(error).toBeInstanceOf(ConfigFieldMissingError)
    const missing = error as ConfigFieldMissingError
    expect(missing.fields.map((field) => field.field)).toEqual(['credentials.password'])
    expect(missing.fields[0]?.envVar).toBe('DESTINATION__POSTGRES__CREDENTIALS__PASSWORD')
    expect(missing.describeLookups()).toContain(
      'DESTINATION__POSTGRES__CREDENTIALS__PASSWORD, DESTINATION__CREDENTIALS__PASSWORD, CREDENTIALS__PASSWORD',
    )
    expect(missing.message).toContain(
      'Set the environment variable DESTINATION__POSTGRES__CREDENTIALS__PASSWORD',
    )
    expect(missing.message).toContain(
      'as one connection string in DESTINATION__POSTGRES__CREDENTIALS',
    )
  })

  it('show the password masked in every displayable form', () => {
    const credentials = createConnectionStringCredentials(URL)
    expect(String(credentials)).toBe(
      'postgresql://loader:***@localhost:5432/dlt_data?sslmode=require',
    )
    expect(credentials.toConnectionString()).toBe(URL)
    expect(JSON.stringify(credentials)).toContain('"password":"s3****ss"')
    expect(inspect(credentials)).not.toContain('s3cr3t')
    expect(inspect({ nested: { credentials } }, { depth: 5 })).not.toContain('s3cr3t')
    expect(Object.keys(credentials)).not.toContain('password')
    expect(JSON.stringify({ ...credentials })).not.toContain('s3cr3t')
  })

  it('refuse a malformed string without quoting it', () => {
    for (const bad of [
      'loader:s3cr3t-pass@localhost',
      'postgresql://loader:s3cr3t-pass@localhost:port/db',
    ]) {
      const error = thrown(() => createConnectionStringCredentials(bad))
      expect(error).toBeInstanceOf(InvalidConnectionStringError)
      expect(error.message).not.toContain('s3cr3t')
    }
  })
})

function partsOf(url: string): Record<string, unknown> {
  const credentials = createConnectionStringCredentials(url)
  return { ...credentials.toJSON(), password: credentials.password }
}
