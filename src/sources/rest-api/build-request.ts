/**
 * @module The request of one pagination: the endpoint's path, parameters, body and headers with
 * their placeholders filled from a parent record and the incremental's values, and the start and
 * end parameters set from the cursor.
 */
import type { IncrementalContext } from '../../extract/incremental/index.js'
import type { QueryParams } from '../rest-client/index.js'
import { findValues } from '../rest-client/json-path/json-path.js'
import { INCREMENTAL_VALUES, type IncrementalBinding, type ParentBinding } from './bind-endpoint.js'
import type { NormalizedEndpoint } from './merge-resource-defaults.js'
import { ParentFieldMissingError } from './parent-field-missing-error.js'
import { expandPlaceholders, expandText, type PlaceholderLookup } from './placeholders.js'

/** What the placeholders of one request are filled from. */
export interface RequestValues {
  readonly resourceName: string
  readonly bindings: readonly ParentBinding[]
  /** The parent record, for child resources. */
  readonly record?: unknown
  readonly incremental: IncrementalBinding | undefined
  readonly cursor: IncrementalContext | undefined
}

/** A request ready for `client.paginate()`. */
export interface BuiltRequest {
  readonly path: string
  readonly params: QueryParams
  readonly json: unknown
  readonly headers: Record<string, string> | undefined
}

/** Fills `endpoint`'s templates from `values`. */
export function buildRequest(endpoint: NormalizedEndpoint, values: RequestValues): BuiltRequest {
  const lookup = createLookup(values)
  const params = expandPlaceholders(endpoint.params ?? {}, lookup) as Record<string, unknown>
  const { incremental, cursor } = values
  if (incremental && cursor) {
    const convert = (value: unknown) =>
      value === undefined || value === null || !incremental.args.convert
        ? value
        : incremental.args.convert(value)
    if (incremental.startParam)
      params[incremental.startParam] = queryValue(convert(cursor.startValue))
    if (incremental.endParam) params[incremental.endParam] = queryValue(convert(cursor.endValue))
  }
  const headers = endpoint.headers
    ? Object.fromEntries(
        Object.entries(endpoint.headers).map(([k, v]) => [k, expandText(v, lookup)]),
      )
    : undefined
  return {
    path: expandText(endpoint.path, lookup),
    params: params as QueryParams,
    json: endpoint.json === undefined ? undefined : expandPlaceholders(endpoint.json, lookup),
    headers,
  }
}

function queryValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value
}

/** The lookup of placeholder values for one request. */
export function createLookup(values: RequestValues): PlaceholderLookup {
  return (field) => {
    const binding = values.bindings.find((b) => b.placeholder === field)
    if (binding) return parentValue(values, binding)
    const name = INCREMENTAL_VALUES[field.slice('incremental.'.length)]
    if (field.startsWith('incremental.') && name && values.cursor) {
      const value = values.cursor[name as keyof IncrementalContext]
      const convert = values.incremental?.args.convert
      const converts = convert && (name === 'startValue' || name === 'endValue')
      return converts && value !== undefined && value !== null ? convert(value) : value
    }
    // validateRestApiConfig has checked every placeholder, so this is a programming error
    throw new TypeError(`No value for placeholder {${field}} in resource "${values.resourceName}"`)
  }
}

function parentValue(values: RequestValues, binding: ParentBinding): unknown {
  const found = findValues(binding.field, values.record)
  if (found.length === 0 || found[0] === undefined) {
    throw new ParentFieldMissingError(
      values.resourceName,
      binding.resource,
      binding.field,
      values.record,
    )
  }
  return found[0]
}

/** The `includeFromParent` fields of `record`, renamed `_<parent>_<field>` as dlt does. */
export function parentFields(
  resourceName: string,
  parent: string,
  fields: readonly string[],
  record: unknown,
): Record<string, unknown> {
  const included: Record<string, unknown> = {}
  for (const field of fields) {
    const value = (record as Record<string, unknown> | null)?.[field]
    if (value === undefined) throw new ParentFieldMissingError(resourceName, parent, field, record)
    included[`_${parent}_${field}`] = value
  }
  return included
}
