/**
 * @module One resource's full description: the short forms expanded (`'issues'` → name and path
 * `issues`; `endpoint: 'x'` → `{ path: 'x' }`) and `resourceDefaults` merged in as dlt does —
 * `endpoint.params` and `endpoint.json` one level deep, columns per column, everything else
 * replaced — then `null` values dropped, so `null` removes a default.
 */
import { isPlainObject } from './config-shape/validate-shape.js'
import type {
  EndpointConfig,
  EndpointResourceBase,
  EndpointResourceConfig,
} from './rest-api-config.js'

/** An endpoint after normalization: always an object with a path. */
export interface NormalizedEndpoint extends EndpointConfig {
  readonly path: string
}

/** A resource after normalization and merging. */
export interface NormalizedResource extends Omit<EndpointResourceConfig, 'endpoint'> {
  readonly endpoint: NormalizedEndpoint
}

/** Expands `resource` and merges `defaults` into it. Neither argument is changed. */
export function mergeResourceDefaults(
  resource: string | EndpointResourceConfig,
  defaults: EndpointResourceBase | null | undefined,
): NormalizedResource {
  const expanded = expandResource(resource)
  const base = defaults ?? {}
  const defaultEndpoint = isPlainObject(base.endpoint) ? (base.endpoint as EndpointConfig) : {}
  const endpoint = mergeEndpoint(defaultEndpoint, expanded.endpoint)
  const merged: Record<string, unknown> = { ...base, ...expanded, endpoint }
  const columns = mergeColumns(base.columns, expanded.columns)
  if (columns !== undefined) merged['columns'] = columns
  return dropNulls(merged) as unknown as NormalizedResource
}

function expandResource(resource: string | EndpointResourceConfig): NormalizedResource {
  if (typeof resource === 'string') return { name: resource, endpoint: { path: resource } }
  const endpoint =
    typeof resource.endpoint === 'string' ? { path: resource.endpoint } : (resource.endpoint ?? {})
  // dlt: the path defaults to the name before the defaults are merged, so a default path never applies
  return { ...resource, endpoint: { ...endpoint, path: endpoint.path ?? resource.name } }
}

function mergeEndpoint(defaults: EndpointConfig, endpoint: NormalizedEndpoint): NormalizedEndpoint {
  const { params, json, ...rest } = endpoint
  const merged: Record<string, unknown> = { ...defaults, ...rest }
  if (params !== undefined) merged['params'] = mergeOneLevel(defaults.params, params)
  if (json !== undefined) merged['json'] = mergeOneLevel(defaults.json, json)
  const cleaned = dropNulls(merged)
  if (isPlainObject(cleaned['params'])) cleaned['params'] = dropNulls(cleaned['params'])
  return cleaned as unknown as NormalizedEndpoint
}

function mergeOneLevel(defaults: unknown, value: unknown): unknown {
  if (isPlainObject(defaults) && isPlainObject(value)) return { ...defaults, ...value }
  return value
}

function mergeColumns(defaults: unknown, columns: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(columns)) return undefined
  const merged: Record<string, unknown> = { ...defaults }
  for (const [name, hints] of Object.entries(columns)) {
    merged[name] = mergeOneLevel(defaults[name], hints)
  }
  return merged
}

function dropNulls(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null))
}
