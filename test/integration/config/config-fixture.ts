/**
 * @module A real project folder and a real global dlt folder in a temp dir, with `.dlt/*.toml`
 * files written as given, for the config integration tests. Tests inject `env`; nothing reads or
 * writes `process.env` or the user's `~/.dlt`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { ConfigProvider, Environment } from '../../../src/config/index.js'
import { createProviders } from '../../../src/config/index.js'

/** TOML text per file; omitted files are not created. */
export interface ConfigFiles {
  readonly config?: string
  readonly secrets?: string
  readonly globalConfig?: string
  readonly globalSecrets?: string
}

/** A temp project with `.dlt/` and a temp global folder. */
export interface ConfigFixture {
  readonly root: string
  readonly projectDir: string
  readonly globalDir: string
  /** The standard providers over this project, the global folder and `env`. */
  providers(env?: Environment): readonly ConfigProvider[]
  cleanup(): void
}

/** Creates the folders and writes the files. Call `cleanup()` in `afterEach`/`finally`. */
export function createConfigFixture(files: ConfigFiles = {}): ConfigFixture {
  const root = mkdtempSync(join(tmpdir(), 'dlt-ts-config-'))
  const projectDir = join(root, 'project')
  const globalDir = join(root, 'global')
  mkdirSync(join(projectDir, '.dlt'), { recursive: true })
  mkdirSync(globalDir, { recursive: true })
  const write = (dir: string, name: string, text: string | undefined) => {
    if (text !== undefined) writeFileSync(join(dir, name), text)
  }
  write(join(projectDir, '.dlt'), 'config.toml', files.config)
  write(join(projectDir, '.dlt'), 'secrets.toml', files.secrets)
  write(globalDir, 'config.toml', files.globalConfig)
  write(globalDir, 'secrets.toml', files.globalSecrets)
  return {
    root,
    projectDir,
    globalDir,
    providers: (env = {}) => createProviders({ env, projectDir, globalDir }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  }
}

/**
 * Registers cleanup of every fixture a test creates and returns the factory; call once per file.
 */
export function useConfigFixtures(): (files?: ConfigFiles) => ConfigFixture {
  const created: ConfigFixture[] = []
  afterEach(() => {
    for (const fixture of created.splice(0)) fixture.cleanup()
  })
  return (files) => {
    const fixture = createConfigFixture(files)
    created.push(fixture)
    return fixture
  }
}

/** Runs `fn` and returns what it threw; fails when it does not throw. */
export function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the call to throw')
}
