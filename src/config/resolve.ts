/**
 * @module `resolveConfig`: fills a spec from code, environment variables, `.dlt/secrets.toml` and
 * `.dlt/config.toml`, in that order, with dlt's section fall-back and pipeline-scoped first pass.
 * Every missing field is reported at once; secrets are masked wherever the result is shown.
 */
import { inspect } from 'node:util'
import { ConfigFieldMissingError, type MissingConfigField } from './config-errors.js'
import type { ConfigFields, ConfigSpec, ExplicitValues, ResolvedConfig } from './define-config.js'
import { maskValue } from './mask-secret.js'
import type { ConfigProvider } from './providers/config-provider.js'
import { createProviders } from './providers/default-providers.js'
import { resolveCredentialsField } from './resolve-credentials.js'
import { type FieldContext, resolveValueField } from './resolve-field.js'

/** Per-call options of `resolveConfig`. */
export interface ResolveOptions<S> {
  /**
   * Sections to look the fields up in, outermost first: `['sources', 'github']` for a source,
   * `['destination', 'postgres']` for a destination. Dropped from the right when a key is not found.
   * @default [] (top-level keys only)
   */
  readonly sections?: readonly string[]
  /**
   * Adds a first lookup pass under `<pipelineName>.…` (`<PIPELINE_NAME>__…` in the environment).
   * @default none: only the unscoped pass
   */
  readonly pipelineName?: string
  /** Values given in code; they win over every provider. `undefined` entries are ignored. @default {} */
  readonly explicit?: ExplicitValues<S>
  /**
   * Where values come from, in order.
   * @default createProviders(): process.env, then `.dlt/secrets.toml`, then `.dlt/config.toml`
   */
  readonly providers?: readonly ConfigProvider[]
}

/**
 * Resolves every field of `spec`. Throws `ConfigFieldMissingError` listing all missing required
 * fields, `ConfigValueNotSecretError` for a secret found in `config.toml`, `ConfigValueError` for a
 * value of the wrong type.
 *
 * ```ts
 * const github = resolveConfig(githubConfig, { sections: ['sources', 'github'], pipelineName: 'gh' })
 * github.perPage // number, from SOURCES__GITHUB__PER_PAGE, [sources.github] per_page, … or 100
 * ```
 */
export function resolveConfig<const F extends ConfigFields>(
  spec: ConfigSpec<F>,
  options: ResolveOptions<ConfigSpec<F>> = {},
): ResolvedConfig<ConfigSpec<F>> {
  const sections = [...(options.sections ?? [])]
  for (const section of sections) {
    if (!/^[^.\s]+$/.test(section)) {
      throw new TypeError(`\`sections\` must hold single keys without dots, got "${section}"`)
    }
  }
  const providers = options.providers ?? createProviders()
  const context: FieldContext = {
    providers,
    pipelineName: options.pipelineName === '' ? undefined : options.pipelineName,
    sections,
    section: spec.section,
  }
  const explicit = (options.explicit ?? {}) as Readonly<Record<string, unknown>>
  const values: Record<string, unknown> = {}
  const missing: MissingConfigField[] = []
  for (const [name, field] of Object.entries(spec.fields)) {
    const key = spec.keys[name] as string
    const resolveField = field.kind === 'credentials' ? resolveCredentialsField : resolveValueField
    const outcome = resolveField(context, name, key, field, explicit[name])
    if ('missing' in outcome) missing.push(...outcome.missing)
    else values[name] = outcome.value
  }
  if (missing.length > 0) {
    const specName =
      spec.name ?? ([...sections, spec.section].filter(Boolean).join('.') || 'config')
    throw new ConfigFieldMissingError(specName, missing, providers)
  }
  return sealResolved(spec.fields, values) as ResolvedConfig<ConfigSpec<F>>
}

/**
 * Freezes resolved values, with a non-enumerable `toJSON` and `console.log` view that mask the
 * secret fields, so logging or tracing a resolved config never prints a secret.
 */
function sealResolved(
  fields: ConfigFields,
  values: Record<string, unknown>,
): Readonly<Record<string, unknown>> {
  const displayable = (): Record<string, unknown> => {
    const shown: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(values)) {
      const field = fields[name]
      // Credentials mask themselves (their toJSON and inspect hide the password).
      shown[name] =
        field?.secret === true && field.kind !== 'credentials' && value !== undefined
          ? maskValue(value)
          : value
    }
    return shown
  }
  Object.defineProperty(values, 'toJSON', { value: displayable, enumerable: false })
  Object.defineProperty(values, inspect.custom, {
    value: (_depth: number, options: object) => inspect(displayable(), options),
    enumerable: false,
  })
  return Object.freeze(values)
}
