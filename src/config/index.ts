/**
 * @module Configuration and secrets, with dlt's names and rules: values come from code, then
 * environment variables (`SOURCES__GITHUB__ACCESS_TOKEN`), then `.dlt/secrets.toml`, then
 * `.dlt/config.toml`, looked up from the most specific section to the least and first under the
 * pipeline name. Secrets never appear in errors or logs: they are masked (`po****es`).
 *
 * ```ts
 * const githubConfig = defineConfig({
 *   accessToken: secret.string(),
 *   perPage: config.integer({ default: 100 }),
 * })
 * const github = resolveConfig(githubConfig, { sections: ['sources', 'github'] })
 * ```
 */
export {
  type ConfigAccessors,
  type ConfigAccessorsConfig,
  config,
  createConfigAccessors,
  secret,
  secrets,
  type ValueAccessor,
} from './accessors.js'
export {
  ConfigError,
  ConfigFieldMissingError,
  ConfigFileError,
  ConfigValueError,
  ConfigValueNotSecretError,
  type ConnectionStringHint,
  ConnectionStringSchemeError,
  InvalidConnectionStringError,
  isConfigError,
  type LookupTrace,
  type MissingConfigField,
} from './config-errors.js'
export { toConfigKey } from './config-key.js'
export {
  CONNECTION_STRING_FIELDS,
  type ConnectionStringCredentials,
  type ConnectionStringCredentialsInit,
  type ConnectionStringField,
  createConnectionStringCredentials,
  isConnectionStringCredentials,
} from './credentials/connection-string-credentials.js'
export {
  type ConfigFields,
  type ConfigSpec,
  type DefineConfigOptions,
  defineConfig,
  type ExplicitValues,
  type ResolvedConfig,
} from './define-config.js'
export type {
  ConfigFieldBuilders,
  ConnectionStringFieldOptions,
  CredentialsInput,
  FieldSpec,
  SecretFieldBuilders,
} from './field-spec.js'
export { MASKED, maskSecret, redactSecrets } from './mask-secret.js'
export type { ConfigProvider, ProviderValue } from './providers/config-provider.js'
export {
  createProviders,
  dltDataDir,
  type ProvidersConfig,
} from './providers/default-providers.js'
export { createEnvProvider, type Environment, envVarName } from './providers/env-provider.js'
export { loadTomlProvider, type TomlProviderConfig } from './providers/toml-provider.js'
export { type ResolveOptions, resolveConfig } from './resolve.js'
export {
  type DataWriterSettings,
  type RuntimeSettings,
  type RuntimeSettingsOptions,
  type RuntimeSettingsOverrides,
  resolveRuntimeSettings,
} from './runtime-settings.js'
