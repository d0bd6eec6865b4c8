/**
 * @module `defineConfig`: the typed declaration of the values a source, resource or destination
 * needs. Field names are camelCase in TypeScript and map to dlt's snake_case keys, so
 * `accessToken` is read from `access_token` / `…__ACCESS_TOKEN`.
 */
import { toConfigKey } from './config-key.js'
import type { FieldSpec } from './field-spec.js'

/** The fields of a spec, by TypeScript name. */
export type ConfigFields = { readonly [name: string]: FieldSpec<unknown, unknown> }

/** A declared set of config values (dlt's `configspec`), ready for `resolveConfig`. */
export interface ConfigSpec<F extends ConfigFields = ConfigFields> {
  /** Shown in errors: `Missing configuration for GithubSource: …`. */
  readonly name: string | undefined
  /**
   * A section that is always part of the key, innermost, and never dropped during the section
   * fall-back (dlt's `__section__`): `runtime` makes `request_timeout` read `runtime.request_timeout`.
   */
  readonly section: string | undefined
  /** The fields, by TypeScript name. */
  readonly fields: F
  /** The config key of each field: `{ accessToken: 'access_token' }`. */
  readonly keys: { readonly [K in keyof F]: string }
}

/** Options of `defineConfig`. */
export interface DefineConfigOptions {
  /** Name shown in errors. @default the sections it is resolved in, e.g. `sources.github` */
  readonly name?: string
  /** A fixed innermost section, never dropped in the fall-back. @default none */
  readonly section?: string
}

/** The resolved type of a field. */
export type FieldValue<F> = F extends FieldSpec<infer T, unknown> ? T : never
/** What a field accepts as an explicit value in code. */
export type FieldInput<F> = F extends FieldSpec<unknown, infer I> ? I : never

/** The resolved values of a spec: `ResolvedConfig<typeof githubConfig>`. */
export type ResolvedConfig<S> =
  S extends ConfigSpec<infer F> ? { readonly [K in keyof F]: FieldValue<F[K]> } : never

/** Values passed in code, which win over every provider; `undefined` means "not given". */
export type ExplicitValues<S> =
  S extends ConfigSpec<infer F> ? { readonly [K in keyof F]?: FieldInput<F[K]> | undefined } : never

/**
 * Declares the config values something needs, with their types, secrecy and defaults.
 *
 * ```ts
 * const githubConfig = defineConfig({
 *   accessToken: secret.string(),
 *   perPage: config.integer({ default: 100 }),
 *   since: config.string({ optional: true }),
 * }, { name: 'GithubSource' })
 * type GithubConfig = ResolvedConfig<typeof githubConfig>
 * // { readonly accessToken: string; readonly perPage: number; readonly since: string | undefined }
 * ```
 * Throws `TypeError` when two fields map to the same key.
 */
export function defineConfig<const F extends ConfigFields>(
  fields: F,
  options: DefineConfigOptions = {},
): ConfigSpec<F> {
  const keys: Record<string, string> = {}
  const owners = new Map<string, string>()
  for (const [name, field] of Object.entries(fields)) {
    const key = field.key ?? toConfigKey(name)
    const owner = owners.get(key)
    if (owner !== undefined) {
      throw new TypeError(`Fields \`${owner}\` and \`${name}\` both read the config key "${key}"`)
    }
    owners.set(key, name)
    keys[name] = key
  }
  if (options.section !== undefined && !/^[^.\s]+$/.test(options.section)) {
    throw new TypeError(`\`section\` must be one config key without dots, got "${options.section}"`)
  }
  return Object.freeze({
    name: options.name,
    section: options.section,
    fields: Object.freeze({ ...fields }),
    keys: Object.freeze(keys) as ConfigSpec<F>['keys'],
  })
}
