/**
 * @module The building blocks of a config spec: one `FieldSpec` per value a source, resource or
 * destination needs, saying its type, whether it is a secret, and its default. Built with
 * `config.*` (plain values) and `secret.*` (secrets) and combined by `defineConfig`.
 */
import type {
  ConnectionStringCredentials,
  ConnectionStringCredentialsInit,
  ConnectionStringField,
} from './credentials/connection-string-credentials.js'
import type { ValueKind } from './parse-value.js'

/** The types a field may declare: the value kinds plus connection-string credentials. */
export type FieldKind = ValueKind | 'credentials'

/**
 * A declared config value. `T` is the resolved type (`number`, `string | undefined`), `I` what may
 * be passed explicitly in code.
 */
export interface FieldSpec<T = unknown, I = T> {
  /** Brand: marks a field spec, so `config.get(key, field)` tells it from a default value. */
  readonly '~field': true
  readonly kind: FieldKind
  /** Secrets may come only from secret-holding providers and are masked wherever shown. */
  readonly secret: boolean
  /** A missing optional field resolves to `undefined` instead of failing. */
  readonly optional: boolean
  /** Used when no provider has the value. */
  readonly default?: T
  /** The config key, when it is not the snake_case of the field name. */
  readonly key?: string
  /** What the value is for; shown in docs and errors. */
  readonly description?: string
  /** For credentials: the driver to assume and the parts that must be present. */
  readonly credentials?: CredentialsRules
  /** Type-level only: the resolved type. */
  readonly '~type'?: T
  /** Type-level only: the type accepted as an explicit value. */
  readonly '~input'?: I
}

/** Rules for a credentials field. */
export interface CredentialsRules {
  readonly drivername?: string
  readonly required: readonly ConnectionStringField[]
}

/** Options every field accepts. */
export interface BaseFieldOptions {
  /** The config key. @default the field name in snake_case (`accessToken` → `access_token`) */
  readonly key?: string
  /** What the value is for. */
  readonly description?: string
}

/** Options of a required field, or of one with a default. */
export interface DefaultFieldOptions<T> extends BaseFieldOptions {
  /** Used when no provider has the value; without it a missing value fails resolution. */
  readonly default?: T
  readonly optional?: false
}

/** Options of an optional field, which resolves to `undefined` when missing. */
export interface OptionalFieldOptions extends BaseFieldOptions {
  readonly optional: true
}

/** Builds a field of one type: `config.number({ default: 100 })`. */
export interface FieldBuilder<T> {
  (options: OptionalFieldOptions): FieldSpec<T | undefined>
  (options?: DefaultFieldOptions<T>): FieldSpec<T>
}

/** Builds an object field; the object's shape is the caller's claim, only "an object" is checked. */
export interface ObjectFieldBuilder {
  <T extends Record<string, unknown> = Record<string, unknown>>(
    options: OptionalFieldOptions,
  ): FieldSpec<T | undefined>
  <T extends Record<string, unknown> = Record<string, unknown>>(
    options?: DefaultFieldOptions<T>,
  ): FieldSpec<T>
}

/** Builds an array field; element types are the caller's claim, only "an array" is checked. */
export interface ArrayFieldBuilder {
  <T = unknown>(options: OptionalFieldOptions): FieldSpec<T[] | undefined>
  <T = unknown>(options?: DefaultFieldOptions<T[]>): FieldSpec<T[]>
}

/** What a credentials field accepts in code and as a default. */
export type CredentialsInput =
  | string
  | ConnectionStringCredentialsInit
  | ConnectionStringCredentials

/** Options of a connection-string credentials field. */
export interface ConnectionStringFieldOptions extends BaseFieldOptions {
  /** The driver assumed when neither the string nor the parts name one (`postgresql`). */
  readonly drivername?: string
  /** Parts that must be present besides `drivername`. @default [] (as dlt) */
  readonly required?: readonly ConnectionStringField[]
  /** Used for the parts no provider has. */
  readonly default?: CredentialsInput
  readonly optional?: boolean
}

/** Builds a connection-string credentials field. */
export interface ConnectionStringFieldBuilder {
  (
    options: ConnectionStringFieldOptions & { readonly optional: true },
  ): FieldSpec<ConnectionStringCredentials | undefined, CredentialsInput>
  (
    options?: ConnectionStringFieldOptions & { readonly optional?: false },
  ): FieldSpec<ConnectionStringCredentials, CredentialsInput>
}

/** True for a value built by `config.*` or `secret.*`. */
export function isFieldSpec(value: unknown): value is FieldSpec {
  return (value as { '~field'?: unknown } | null)?.['~field'] === true
}

function createField(
  kind: FieldKind,
  secret: boolean,
  options: BaseFieldOptions & { default?: unknown; optional?: boolean } = {},
  credentials?: CredentialsRules,
): FieldSpec {
  if (options.key !== undefined && !/^[^.\s]+$/.test(options.key)) {
    throw new TypeError(`\`key\` must be a single config key without dots, got "${options.key}"`)
  }
  const field: Record<string, unknown> = {
    '~field': true,
    kind,
    secret,
    optional: options.optional === true,
  }
  if ('default' in options && options.default !== undefined) field['default'] = options.default
  if (options.key !== undefined) field['key'] = options.key
  if (options.description !== undefined) field['description'] = options.description
  if (credentials !== undefined) field['credentials'] = credentials
  return Object.freeze(field) as unknown as FieldSpec
}

function builder(kind: FieldKind, secret: boolean): (options?: object) => FieldSpec {
  return (options) => createField(kind, secret, options)
}

/** The field builders for plain (non-secret) values. */
export interface ConfigFieldBuilders {
  /** A string. */
  readonly string: FieldBuilder<string>
  /** A number; environment strings are parsed (`"1.5"`, `"0x10"`). */
  readonly number: FieldBuilder<number>
  /** A safe integer. */
  readonly integer: FieldBuilder<number>
  /** A boolean; environment strings `true/false`, `yes/no`, `y/n`, `t/f`, `1/0` in any case. */
  readonly boolean: FieldBuilder<boolean>
  /** An object: a TOML table, or JSON text in an environment variable. */
  readonly object: ObjectFieldBuilder
  /** An array: a TOML array, or JSON text in an environment variable. */
  readonly array: ArrayFieldBuilder
}

/** The field builders for secrets. */
export interface SecretFieldBuilders {
  /** A secret string: a token, an API key, a password. */
  readonly string: FieldBuilder<string>
  /** A secret object, e.g. a service-account JSON. */
  readonly object: ObjectFieldBuilder
  /** Credentials given as a connection string or as a table of their parts. */
  readonly connectionString: ConnectionStringFieldBuilder
}

/** Builders of plain config fields: `config.number({ default: 100 })`. */
export const configFields: ConfigFieldBuilders = Object.freeze({
  string: builder('string', false) as FieldBuilder<string>,
  number: builder('number', false) as FieldBuilder<number>,
  integer: builder('integer', false) as FieldBuilder<number>,
  boolean: builder('boolean', false) as FieldBuilder<boolean>,
  object: builder('object', false) as ObjectFieldBuilder,
  array: builder('array', false) as ArrayFieldBuilder,
})

/** Builders of secret fields: `secret.string()`, `secret.connectionString({ drivername: 'postgresql' })`. */
export const secretFields: SecretFieldBuilders = Object.freeze({
  string: builder('string', true) as FieldBuilder<string>,
  object: builder('object', true) as ObjectFieldBuilder,
  connectionString: ((options: ConnectionStringFieldOptions = {}) => {
    const rules: CredentialsRules = {
      ...(options.drivername === undefined ? {} : { drivername: options.drivername }),
      required: Object.freeze([...(options.required ?? [])]),
    }
    return createField('credentials', true, options, Object.freeze(rules))
  }) as ConnectionStringFieldBuilder,
})
