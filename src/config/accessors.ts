/**
 * @module `config` and `secrets`: direct, typed access to single values, with the same providers
 * and section fall-back as specs. `config.get` reads plain configuration only (environment and
 * `config.toml`, never `secrets.toml`); `secrets.get` reads environment and `secrets.toml`, and
 * refuses a secret found in `config.toml` (dlt #2782: dlt's `config` also returns secrets).
 * `config` and `secret` also carry the field builders used in `defineConfig`.
 */
import { ConfigFieldMissingError } from './config-errors.js'
import { splitConfigPath } from './config-key.js'
import {
  type ConfigFieldBuilders,
  configFields,
  type FieldKind,
  type FieldSpec,
  isFieldSpec,
  type SecretFieldBuilders,
  secretFields,
} from './field-spec.js'
import { type LookupRequest, lookupValue } from './lookup.js'
import { autoCast, isPlainObject } from './parse-value.js'
import type { ConfigProvider } from './providers/config-provider.js'
import { createProviders } from './providers/default-providers.js'
import { resolveCredentialsField } from './resolve-credentials.js'
import { type FieldContext, missingField, resolveValueField } from './resolve-field.js'

/** Typed access to single values by dotted path: `get('sources.github.per_page', 100)`. */
export interface ValueAccessor {
  /** Reads `path` as declared by `field` (type, default, optional). */
  get<T>(path: string, field: FieldSpec<T, unknown>): T
  /**
   * Reads `path`, parsed as the type of `defaultValue`, or returns `defaultValue` when it is
   * missing: `config.get('normalize.workers', 1)` is a number.
   */
  get<T>(path: string, defaultValue: T): T
  /**
   * Reads `path`; strings are cast as dlt's `auto_cast` does (`"true"` → `true`, `"5"` → `5`, JSON
   * arrays and objects parsed). Throws `ConfigFieldMissingError` when it is missing.
   */
  get<T = unknown>(path: string): T
}

/** Where accessors read from. */
export interface ConfigAccessorsConfig {
  /** @default createProviders() at each call: process.env and the current directory's `.dlt` */
  readonly providers?: readonly ConfigProvider[]
  /** Adds a first lookup pass under `<pipelineName>.…`. @default none */
  readonly pipelineName?: string
}

/** A pair of accessors bound to the same providers. */
export interface ConfigAccessors {
  readonly config: ValueAccessor
  readonly secrets: ValueAccessor
}

/**
 * Creates `config`/`secrets` accessors over given providers, e.g. in tests or for a pipeline.
 *
 * ```ts
 * const { config, secrets } = createConfigAccessors({ providers: createProviders({ env }) })
 * const token = secrets.get<string>('sources.github.access_token')
 * ```
 */
export function createConfigAccessors(options: ConfigAccessorsConfig = {}): ConfigAccessors {
  return Object.freeze({
    config: createAccessor('config', options),
    secrets: createAccessor('secrets', options),
  })
}

function createAccessor(kind: 'config' | 'secrets', options: ConfigAccessorsConfig): ValueAccessor {
  const secret = kind === 'secrets'
  const get = (path: string, ...rest: unknown[]): unknown => {
    const { sections, key } = splitConfigPath(path)
    const all = options.providers ?? createProviders()
    const providers = secret ? all : all.filter((provider) => !provider.isSecretStore)
    const context: FieldContext = {
      providers,
      pipelineName: options.pipelineName,
      sections,
      section: undefined,
    }
    const declared = rest.length === 0 ? undefined : fieldFor(rest[0])
    if (declared === undefined) {
      const request: LookupRequest = { key, sections, pipelineName: options.pipelineName, secret }
      const result = lookupValue(providers, request)
      if (result.hit !== undefined) {
        return typeof result.value === 'string' ? autoCast(result.value) : result.value
      }
      if (rest.length > 0) return rest[0]
      throw new ConfigFieldMissingError(
        kind,
        [missingField(path, secret, request, result.traces)],
        all,
      )
    }
    const field = secret && !declared.secret ? { ...declared, secret } : declared
    const resolve = field.kind === 'credentials' ? resolveCredentialsField : resolveValueField
    const outcome = resolve(context, path, key, field, undefined)
    if ('missing' in outcome) throw new ConfigFieldMissingError(kind, outcome.missing, all)
    return outcome.value
  }
  return Object.freeze({ get: get as ValueAccessor['get'] })
}

/** The field a `get` argument declares: itself, or one typed after a default value. */
function fieldFor(arg: unknown): FieldSpec | undefined {
  if (isFieldSpec(arg)) return arg
  if (arg === undefined || arg === null) return undefined
  const kind = kindOf(arg)
  if (kind === undefined) {
    throw new TypeError('The default of `get` must be a string, number, boolean, array or object')
  }
  return { '~field': true, kind, secret: false, optional: false, default: arg }
}

function kindOf(value: unknown): FieldKind | undefined {
  if (typeof value === 'string') return 'string'
  if (typeof value === 'number') return 'number'
  if (typeof value === 'boolean') return 'boolean'
  if (Array.isArray(value)) return 'array'
  return isPlainObject(value) ? 'object' : undefined
}

const defaultAccessors = createConfigAccessors()

/**
 * Plain configuration: `config.get(path, default?)` reads a value (environment and
 * `config.toml`), and `config.string()`, `config.number()`, … declare fields for `defineConfig`.
 *
 * ```ts
 * const workers = config.get('normalize.workers', 1)
 * const spec = defineConfig({ perPage: config.integer({ default: 100 }) })
 * ```
 */
export const config: ValueAccessor & ConfigFieldBuilders = Object.freeze({
  ...configFields,
  get: defaultAccessors.config.get,
})

/**
 * Secrets: `secrets.get(path, default?)` reads environment variables and `secrets.toml` (a secret
 * found in `config.toml` is refused).
 *
 * ```ts
 * const token = secrets.get<string>('sources.github.access_token')
 * ```
 */
export const secrets: ValueAccessor = defaultAccessors.secrets

/**
 * Builders of secret fields for `defineConfig`: `secret.string()`, `secret.object()`,
 * `secret.connectionString()`.
 */
export const secret: SecretFieldBuilders = secretFields
