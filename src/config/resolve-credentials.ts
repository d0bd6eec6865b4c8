/**
 * @module Resolution of a connection-string credentials field, as dlt resolves an embedded
 * `ConnectionStringCredentials`: first the whole value under the field's key (a connection string,
 * `DESTINATION__POSTGRES__CREDENTIALS`), then each part the string did not give under the key as a
 * section (`DESTINATION__POSTGRES__CREDENTIALS__PASSWORD`, `[destination.postgres.credentials]`),
 * then the field's default and driver.
 */
import { ConfigValueError, type LookupTrace, type MissingConfigField } from './config-errors.js'
import {
  CONNECTION_STRING_FIELDS,
  type ConnectionStringCredentialsInit,
  type ConnectionStringField,
  connectionStringParts,
  createConnectionStringCredentials,
  credentialParts,
  isConnectionStringCredentials,
} from './credentials/connection-string-credentials.js'
import type { ConnectionStringParts } from './credentials/parse-connection-string.js'
import type { FieldSpec } from './field-spec.js'
import {
  dottedKey,
  type LookupHit,
  type LookupRequest,
  lookupValue,
  requestEnvVar,
} from './lookup.js'
import { isPlainObject } from './parse-value.js'
import {
  displayValue,
  type FieldContext,
  type FieldOutcome,
  missingField,
  parseFound,
} from './resolve-field.js'

type Parts = { -readonly [P in keyof ConnectionStringParts]?: ConnectionStringParts[P] }

/** Resolves a `secret.connectionString()` field. */
export function resolveCredentialsField(
  context: FieldContext,
  name: string,
  key: string,
  field: FieldSpec,
  explicit: unknown,
): FieldOutcome {
  const request: LookupRequest = {
    key,
    sections: context.sections,
    section: context.section,
    pipelineName: context.pipelineName,
    secret: true,
  }
  const native = resolveNative(context, request, explicit)
  const parts: Parts = { ...native.parts }
  const partTraces = new Map<ConnectionStringField, readonly LookupTrace[]>()
  for (const part of CONNECTION_STRING_FIELDS) {
    if (parts[part] !== undefined) continue
    const partRequest = partLookup(context, key, part)
    const result = lookupValue(context.providers, partRequest)
    if (result.hit === undefined) partTraces.set(part, result.traces)
    else parts[part] = parsePart(part, partRequest, result.hit, result.value) as never
  }
  // Something of the credentials was given: the message then asks for the missing parts first.
  const partial = CONNECTION_STRING_FIELDS.some((part) => parts[part] !== undefined)
  fillDefaults(parts, field, dottedKey(request))
  const rules = field.credentials ?? { required: [] }
  const missing = [...new Set<ConnectionStringField>(['drivername', ...rules.required])].filter(
    (part) => parts[part] === undefined,
  )
  if (missing.length === 0) return { value: createConnectionStringCredentials(parts) }
  if (field.optional) return { value: undefined }
  const connectionString = {
    key: dottedKey(request),
    envVar: requestEnvVar(request),
    example: `${parts.drivername ?? 'drivername'}://username:password@host:port/database`,
    partial,
  }
  const describe = (part: ConnectionStringField): MissingConfigField => ({
    ...missingField(`${name}.${part}`, true, partLookup(context, key, part), [
      ...native.traces,
      ...(partTraces.get(part) ?? []),
    ]),
    connectionString,
  })
  return { missing: missing.map(describe) }
}

/** The parts given whole: explicitly in code, or as a connection string by a provider. */
function resolveNative(
  context: FieldContext,
  request: LookupRequest,
  explicit: unknown,
): { parts: Partial<ConnectionStringParts>; traces: readonly LookupTrace[] } {
  if (explicit !== undefined) {
    return { parts: nativeParts(explicit, dottedKey(request), undefined), traces: [] }
  }
  const result = lookupValue(context.providers, request)
  // A table is not a native value: dlt reads its parts one by one, as from the environment.
  if (result.hit === undefined || isPlainObject(result.value)) {
    return { parts: {}, traces: result.traces }
  }
  return { parts: nativeParts(result.value, dottedKey(request), result.hit), traces: result.traces }
}

function partLookup(
  context: FieldContext,
  key: string,
  part: ConnectionStringField,
): LookupRequest {
  // dlt: the embedded field's key becomes its innermost, fixed section.
  return {
    key: part,
    sections: context.sections,
    section: key,
    pipelineName: context.pipelineName,
    secret: part === 'password',
  }
}

function nativeParts(
  value: unknown,
  keyPath: string,
  hit: LookupHit | undefined,
): Partial<ConnectionStringParts> {
  if (typeof value === 'string' || isConnectionStringCredentials(value)) {
    return connectionStringParts(value, keyPath)
  }
  if (isPlainObject(value))
    return credentialParts(value as ConnectionStringCredentialsInit, keyPath)
  throw new ConfigValueError(
    keyPath,
    hit?.provider ?? 'explicit',
    hit?.lookupKey ?? keyPath,
    'a connection string or a table of credentials',
    displayValue(value, true),
  )
}

function parsePart(
  part: ConnectionStringField,
  request: LookupRequest,
  hit: LookupHit,
  raw: unknown,
): unknown {
  if (part === 'port') return parseFound('integer', false, request, hit, raw)
  if (part === 'query') {
    const query = parseFound('object', false, request, hit, raw) as Record<string, unknown>
    return credentialParts({ query }, dottedKey(request)).query
  }
  return parseFound('string', part === 'password', request, hit, raw)
}

function fillDefaults(parts: Parts, field: FieldSpec, keyPath: string): void {
  if (field.default !== undefined) {
    const defaults = nativeParts(field.default, keyPath, undefined)
    for (const part of CONNECTION_STRING_FIELDS) {
      if (parts[part] === undefined && defaults[part] !== undefined) {
        parts[part] = defaults[part] as never
      }
    }
  }
  const drivername = field.credentials?.drivername
  if (parts.drivername === undefined && drivername !== undefined) parts.drivername = drivername
}
