/**
 * @module Environment variables as a config provider, with dlt's names: the TOML path upper-cased
 * and joined with `__` (`SOURCES__GITHUB__ACCESS_TOKEN`, `MY_PIPELINE__NORMALIZE__WORKERS`).
 */
import type { ConfigProvider, ProviderValue } from './config-provider.js'

/** An environment: `process.env` or any object shaped like it (tests pass their own). */
export type Environment = Readonly<Record<string, string | undefined>>

/** The provider name dlt uses, shown in errors. */
export const ENV_PROVIDER_NAME = 'Environment Variables'

/**
 * The environment variable that holds `key` under `sections` (and `pipelineName`), as dlt names it:
 * `envVarName('access_token', ['sources', 'github'])` → `SOURCES__GITHUB__ACCESS_TOKEN`.
 */
export function envVarName(
  key: string,
  sections: readonly string[] = [],
  pipelineName?: string,
): string {
  const parts = [pipelineName, ...sections, key].filter((part) => part !== undefined && part !== '')
  return parts.join('__').toUpperCase()
}

/** Reads values from an environment object; every value is a string, typed later by the resolver. */
class EnvProvider implements ConfigProvider {
  readonly name = ENV_PROVIDER_NAME
  readonly supportsSecrets = true
  readonly isSecretStore = false
  readonly isEmpty = false
  readonly locations: readonly string[] = []
  readonly searchedLocations: readonly string[] = []
  readonly #env: Environment

  constructor(env: Environment) {
    this.#env = env
  }

  getValue(
    key: string,
    pipelineName: string | undefined,
    sections: readonly string[],
  ): ProviderValue {
    const lookupKey = envVarName(key, sections, pipelineName)
    return { value: this.#env[lookupKey], lookupKey }
  }
}

/**
 * Creates the environment-variable provider.
 * @param env the variables to read. @default process.env
 */
export function createEnvProvider(env: Environment = process.env): ConfigProvider {
  return new EnvProvider(env)
}
