/**
 * @module The standard provider chain, in dlt's order: environment variables, then
 * `secrets.toml`, then `config.toml`, each file read from the project's `.dlt` folder and then the
 * global dlt folder. The folders follow dlt's environment variables `DLT_PROJECT_DIR`,
 * `DLT_CONFIG_FOLDER` and `DLT_DATA_DIR`.
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import type { ConfigProvider } from './config-provider.js'
import { createEnvProvider, type Environment } from './env-provider.js'
import { CONFIG_TOML, loadTomlProvider, SECRETS_TOML } from './toml-provider.js'

/** Where the standard providers read from. */
export interface ProvidersConfig {
  /** Environment variables to read. @default process.env */
  readonly env?: Environment
  /**
   * The project folder, whose `.dlt` subfolder holds `config.toml` and `secrets.toml`.
   * @default `$DLT_PROJECT_DIR`, else the current working directory
   */
  readonly projectDir?: string
  /**
   * The global dlt folder, read after the project's.
   * @default `$DLT_DATA_DIR`, else `~/.dlt`
   */
  readonly globalDir?: string
}

/** dlt's data folder: `$DLT_DATA_DIR` when set, else `~/.dlt`. Pipelines live in `<it>/pipelines`. */
export function dltDataDir(env: Environment = process.env): string {
  return nonEmpty(env['DLT_DATA_DIR']) ?? join(homedir(), '.dlt')
}

/** The folder holding the project's TOML files: `<projectDir>/<$DLT_CONFIG_FOLDER or .dlt>`. */
export function projectSettingsDir(config: ProvidersConfig = {}): string {
  const env = config.env ?? process.env
  const projectDir = config.projectDir ?? nonEmpty(env['DLT_PROJECT_DIR']) ?? process.cwd()
  return resolve(projectDir, nonEmpty(env['DLT_CONFIG_FOLDER']) ?? '.dlt')
}

/**
 * Creates the standard providers: environment variables, `secrets.toml`, `config.toml`. The TOML
 * files are read once, now; create new providers to see later edits.
 *
 * ```ts
 * const providers = createProviders({ env: { SOURCES__GITHUB__ACCESS_TOKEN: 'ghp_…' }, projectDir })
 * ```
 */
export function createProviders(config: ProvidersConfig = {}): readonly ConfigProvider[] {
  const env = config.env ?? process.env
  const dirs = [projectSettingsDir(config), config.globalDir ?? dltDataDir(env)]
  return Object.freeze([
    createEnvProvider(env),
    loadTomlProvider({ fileName: SECRETS_TOML, supportsSecrets: true, dirs }),
    loadTomlProvider({ fileName: CONFIG_TOML, supportsSecrets: false, dirs }),
  ])
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
