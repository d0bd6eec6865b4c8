/**
 * @module Resolution of one plain field (string, number, boolean, object, array): explicit value,
 * else the first provider value parsed by the declared type, else the default. Shared by
 * `resolveConfig` and the `config`/`secrets` accessors.
 */
import { ConfigValueError, type LookupTrace, type MissingConfigField } from './config-errors.js'
import type { FieldSpec } from './field-spec.js'
import {
  dottedKey,
  type LookupHit,
  type LookupRequest,
  lookupValue,
  requestEnvVar,
} from './lookup.js'
import { maskValue } from './mask-secret.js'
import { parseValue, type ValueKind } from './parse-value.js'
import type { ConfigProvider } from './providers/config-provider.js'

/** Where fields of one spec are looked up. */
export interface FieldContext {
  readonly providers: readonly ConfigProvider[]
  readonly pipelineName: string | undefined
  /** Sections dropped from the right in the fall-back. */
  readonly sections: readonly string[]
  /** The spec's fixed innermost section. */
  readonly section: string | undefined
}

/** A resolved value, or the fields that are missing. */
export type FieldOutcome =
  | { readonly value: unknown }
  | { readonly missing: readonly MissingConfigField[] }

const SHOWN_VALUE_LENGTH = 60

/** Resolves a plain (non-credentials) field. */
export function resolveValueField(
  context: FieldContext,
  name: string,
  key: string,
  field: FieldSpec,
  explicit: unknown,
): FieldOutcome {
  // dlt does not deserialize explicit values: code is typed already.
  if (explicit !== undefined) return { value: explicit }
  const request: LookupRequest = {
    key,
    sections: context.sections,
    section: context.section,
    pipelineName: context.pipelineName,
    secret: field.secret,
  }
  const result = lookupValue(context.providers, request)
  if (result.hit !== undefined) {
    return {
      value: parseFound(field.kind as ValueKind, field.secret, request, result.hit, result.value),
    }
  }
  if (field.default !== undefined) return { value: field.default }
  if (field.optional) return { value: undefined }
  return { missing: [missingField(name, field.secret, request, result.traces)] }
}

/** Parses a found value by its declared kind; throws `ConfigValueError` (value masked if secret). */
export function parseFound(
  kind: ValueKind,
  secret: boolean,
  request: LookupRequest,
  hit: LookupHit,
  raw: unknown,
): unknown {
  const parsed = parseValue(kind, raw)
  if (parsed.ok) return parsed.value
  throw new ConfigValueError(
    dottedKey(request),
    hit.provider,
    hit.lookupKey,
    parsed.expected,
    displayValue(raw, secret),
  )
}

/** A value as errors may show it: masked when secret, JSON and shortened otherwise. */
export function displayValue(raw: unknown, secret: boolean): string {
  if (secret) return maskValue(raw)
  const text = raw instanceof Date ? raw.toISOString() : (JSON.stringify(raw) ?? String(raw))
  return text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH)}…` : text
}

/** Describes a missing field for `ConfigFieldMissingError`. */
export function missingField(
  field: string,
  secret: boolean,
  request: LookupRequest,
  traces: readonly LookupTrace[],
): MissingConfigField {
  return {
    field,
    key: dottedKey(request),
    secret,
    envVar: requestEnvVar(request),
    traces,
  }
}
