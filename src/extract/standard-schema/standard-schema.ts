/**
 * @module The Standard Schema interface (https://standardschema.dev, v1), as far as dlt-ts uses
 * it: zod, valibot and arktype schemas all carry a `~standard` property with `validate`, and zod
 * and arktype (valibot through `@valibot/to-json-schema`'s `toStandardJsonSchema`) also with a
 * `jsonSchema` converter, which gives a resource its columns. Declared here so that dlt-ts needs
 * no package for it; any library implementing the spec fits.
 */

/** A path segment of a validation issue: a key, or an object holding one. */
export type StandardPathSegment = PropertyKey | { readonly key: PropertyKey }

/** One problem the validator found. */
export interface StandardIssue {
  readonly message: string
  readonly path?: readonly StandardPathSegment[] | undefined
}

/** What `validate` returns: the (possibly transformed) value, or the issues. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardIssue[] }

/** A schema implementing Standard Schema v1 (and, optionally, Standard JSON Schema v1). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
    readonly jsonSchema?: {
      readonly input: (options: {
        readonly target: 'draft-2020-12'
        readonly libraryOptions?: Record<string, unknown>
      }) => Record<string, unknown>
    }
  }
}

/** What a type needs to be taken for a Standard Schema by the type checker (kept small). */
export interface StandardSchemaLike {
  readonly '~standard': { readonly version: 1 }
}

/** The type of the values a schema returns after validation: a resource's item type. */
export type StandardOutput<S> = S extends { readonly '~standard': { readonly types?: infer Types } }
  ? NonNullable<Types> extends { readonly output: infer Output }
    ? Output
    : unknown
  : unknown

/** True for a Standard Schema (a zod, valibot or arktype schema, …). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false
  const props = (value as { '~standard'?: unknown })['~standard']
  return (
    typeof props === 'object' &&
    props !== null &&
    (props as { version?: unknown }).version === 1 &&
    typeof (props as { validate?: unknown }).validate === 'function'
  )
}
