import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ConfigFileError,
  createEnvProvider,
  createProviders,
  dltDataDir,
  envVarName,
  loadTomlProvider,
} from '../../../src/config/index.js'
import { thrown, useConfigFixtures } from './config-fixture.js'

const setup = useConfigFixtures()

describe('environment variable names', () => {
  const cases: readonly [string, readonly string[], string | undefined, string][] = [
    ['access_token', ['sources', 'github'], undefined, 'SOURCES__GITHUB__ACCESS_TOKEN'],
    ['credentials', ['destination', 'postgres'], undefined, 'DESTINATION__POSTGRES__CREDENTIALS'],
    ['workers', ['normalize'], undefined, 'NORMALIZE__WORKERS'],
    ['workers', ['normalize'], 'my_pipeline', 'MY_PIPELINE__NORMALIZE__WORKERS'],
    ['api_key', [], undefined, 'API_KEY'],
  ]
  for (const [key, sections, pipelineName, want] of cases) {
    it(want, () => {
      expect(envVarName(key, sections, pipelineName)).toBe(want)
      const provider = createEnvProvider({ [want]: 'v' })
      expect(provider.getValue(key, pipelineName, sections)).toEqual({
        value: 'v',
        lookupKey: want,
      })
    })
  }
})

describe('TOML providers', () => {
  it('merge nested tables of the global file under the project file', () => {
    const f = setup({
      config: '[sources.github]\nper_page = 1\n',
      globalConfig:
        '[sources.github]\nper_page = 2\nrepo = "dlt-hub/dlt"\n[runtime]\nlog_level = "INFO"\n',
    })
    const provider = loadTomlProvider({
      fileName: 'config.toml',
      supportsSecrets: false,
      dirs: [join(f.projectDir, '.dlt'), f.globalDir],
    })
    expect(provider.getValue('per_page', undefined, ['sources', 'github']).value).toBe(1)
    expect(provider.getValue('repo', undefined, ['sources', 'github'])).toEqual({
      value: 'dlt-hub/dlt',
      lookupKey: 'sources.github.repo',
      location: join(f.globalDir, 'config.toml'),
    })
    expect(provider.getValue('log_level', undefined, ['runtime']).value).toBe('INFO')
    expect(provider.locations).toEqual([
      join(f.projectDir, '.dlt', 'config.toml'),
      join(f.globalDir, 'config.toml'),
    ])
  })

  it('are empty when no file exists', () => {
    const f = setup()
    const [, secrets, config] = f.providers()
    expect([secrets?.isEmpty, config?.isEmpty]).toEqual([true, true])
    expect(secrets?.searchedLocations).toEqual([
      join(f.projectDir, '.dlt', 'secrets.toml'),
      join(f.globalDir, 'secrets.toml'),
    ])
  })

  it('report a parse error by position, without the offending line', () => {
    const f = setup({ secrets: '[sources.github]\naccess_token = ghp_unquotedSecretValue\n' })
    const error = thrown(() => f.providers())
    expect(error).toBeInstanceOf(ConfigFileError)
    expect(error.message).toContain(join(f.projectDir, '.dlt', 'secrets.toml'))
    expect(error.message).toContain('line 2')
    expect(error.message).not.toContain('ghp_unquotedSecretValue')
    expect(error.cause).toBeUndefined()
  })
})

describe('where the files are read from', () => {
  it('uses $DLT_DATA_DIR as the global folder', () => {
    const f = setup({ globalConfig: 'from_global = true\n' })
    expect(dltDataDir({ DLT_DATA_DIR: f.globalDir })).toBe(f.globalDir)
    const [, , config] = createProviders({
      env: { DLT_DATA_DIR: f.globalDir },
      projectDir: f.projectDir,
    })
    expect(config?.getValue('from_global', undefined, []).value).toBe(true)
  })

  it('uses $DLT_PROJECT_DIR and $DLT_CONFIG_FOLDER for the project folder', () => {
    const f = setup()
    mkdirSync(join(f.projectDir, 'settings'))
    writeFileSync(join(f.projectDir, 'settings', 'config.toml'), 'custom_folder = 1\n')
    const env = {
      DLT_PROJECT_DIR: f.projectDir,
      DLT_CONFIG_FOLDER: 'settings',
      DLT_DATA_DIR: f.globalDir,
    }
    const [, , config] = createProviders({ env })
    expect(config?.getValue('custom_folder', undefined, []).value).toBe(1)
  })

  it('defaults the global folder to ~/.dlt', () => {
    expect(dltDataDir({})).toMatch(/\.dlt$/)
  })
})
