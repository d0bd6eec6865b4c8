/**
 * @module The contract every source of configuration values implements: environment variables,
 * TOML files, or a custom provider. A provider only finds values; resolution (sections, pipeline
 * name, secrets, types) happens in `lookup.ts` and `resolve.ts`.
 */

/** What a provider returns for one lookup. */
export interface ProviderValue {
  /** The raw value, `undefined` when the key is absent. Never logged. */
  readonly value: unknown
  /** The key as this provider spells it: `SOURCES__GITHUB__ACCESS_TOKEN`, `sources.github.access_token`. */
  readonly lookupKey: string
  /** The file that held the value, when the provider reads files. */
  readonly location?: string
}

/** A source of configuration values, queried in order by the resolver (dlt's `ConfigProvider`). */
export interface ConfigProvider {
  /** Human-readable name used in errors: `Environment Variables`, `secrets.toml`, `config.toml`. */
  readonly name: string
  /** Whether secret values may come from here. A secret found in a provider without it is refused. */
  readonly supportsSecrets: boolean
  /**
   * True for a store meant for secrets (`secrets.toml`, a vault). `config.get` skips such stores;
   * `secrets.get` and specs read them.
   */
  readonly isSecretStore: boolean
  /** True when the provider holds no values at all; empty providers are skipped, as dlt does. */
  readonly isEmpty: boolean
  /** Files that were read (present ones only). */
  readonly locations: readonly string[]
  /** Files that were looked for, present or not: shown when a value is missing. */
  readonly searchedLocations: readonly string[]
  /**
   * Looks up `key` under `sections`, prefixed by `pipelineName` when given (dlt: the pipeline name
   * is the outermost section).
   */
  getValue(
    key: string,
    pipelineName: string | undefined,
    sections: readonly string[],
  ): ProviderValue
}
