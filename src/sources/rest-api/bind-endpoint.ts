/**
 * @module Binds one resource's endpoint, as dlt's config setup does: finds its parent (from
 * `{resources.<parent>.<field>}` placeholders and `{ type: 'resolve' }` parameters), its
 * incremental parameter, and fills static path parameters (`/users/{id}` with `params.id`).
 * Every unknown placeholder is reported with the hint on escaping braces.
 */
import { compileJsonPath } from '../rest-client/json-path/json-path.js'
import type { ConfigIssue } from './config-shape/validate-shape.js'
import { isPlainObject, joinPath } from './config-shape/validate-shape.js'
import type { NormalizedEndpoint } from './merge-resource-defaults.js'
import {
  ESCAPE_HINT,
  escapeTemplate,
  findPlaceholders,
  parseTemplate,
  walkStrings,
} from './placeholders.js'
import type { EndpointIncrementalConfig, IncrementalArgs } from './rest-api-config.js'

/** A placeholder filled from a field of each parent record. */
export interface ParentBinding {
  /** The placeholder's name in templates: `resources.issues.number`, or a resolve param's name. */
  readonly placeholder: string
  /** The parent resource. */
  readonly resource: string
  /** JSONPath of the field in the parent record. */
  readonly field: string
}

/** The incremental of an endpoint and the parameters its range goes into. */
export interface IncrementalBinding {
  readonly args: IncrementalArgs
  readonly startParam: string | undefined
  readonly endParam: string | undefined
}

/** An endpoint with its placeholders checked and its bound parameters taken out. */
export interface BoundEndpoint {
  readonly endpoint: NormalizedEndpoint
  readonly bindings: readonly ParentBinding[]
  readonly incremental: IncrementalBinding | undefined
}

/** `incremental.<name>` placeholders, by every accepted spelling. */
export const INCREMENTAL_VALUES: Readonly<Record<string, string>> = {
  start_value: 'startValue',
  startValue: 'startValue',
  end_value: 'endValue',
  endValue: 'endValue',
  last_value: 'lastValue',
  lastValue: 'lastValue',
  initial_value: 'initialValue',
  initialValue: 'initialValue',
}

/** Binds `endpoint` (of the resource at `path` in the config); problems go to `issues`. */
export function bindEndpoint(
  endpoint: NormalizedEndpoint,
  path: string,
  issues: ConfigIssue[],
): BoundEndpoint {
  const params: Record<string, unknown> = { ...(endpoint.params ?? {}) }
  const bindings: ParentBinding[] = []
  const incremental = takeIncremental(endpoint, params, path, issues)
  const resolveNames = new Set<string>()
  for (const [name, value] of Object.entries(params)) {
    if (!isPlainObject(value) || value['type'] !== 'resolve') continue
    const { resource, field } = value as { resource: string; field: string }
    bindings.push({ placeholder: name, resource, field })
    resolveNames.add(name)
    delete params[name]
  }
  const where = joinPath(path, 'endpoint')
  const boundPath = bindPath(endpoint.path, params, resolveNames, incremental, where, issues)
  const templated = { params, json: endpoint.json, headers: endpoint.headers }
  for (const [key, value] of Object.entries(templated)) {
    for (const { field, path: at } of placeholdersIn(value, joinPath(where, key), issues)) {
      if (!checkContextual(field, at, incremental, issues)) {
        issues.push({ path: at, message: unknownPlaceholder(field) })
      }
    }
  }
  for (const { field, path: at } of [
    ...placeholdersIn(endpoint.path, joinPath(where, 'path'), []),
    ...placeholdersIn(templated, where, []),
  ]) {
    const binding = resourceBinding(field, at, issues)
    if (binding && !bindings.some((b) => b.placeholder === field)) bindings.push(binding)
  }
  const bound = { ...endpoint, path: boundPath, params } as NormalizedEndpoint
  return { endpoint: bound, bindings, incremental }
}

function takeIncremental(
  endpoint: NormalizedEndpoint,
  params: Record<string, unknown>,
  path: string,
  issues: ConfigIssue[],
): IncrementalBinding | undefined {
  const found = Object.entries(params).filter(
    ([, value]) => isPlainObject(value) && value['type'] === 'incremental',
  )
  const paramsPath = joinPath(joinPath(path, 'endpoint'), 'params')
  if (found.length > 1 || (found.length === 1 && endpoint.incremental)) {
    issues.push({
      path: paramsPath,
      message:
        'only one incremental is allowed per endpoint: in one parameter or in `endpoint.incremental`',
    })
  }
  const [first] = found
  if (first) {
    const [name, value] = first
    delete params[name]
    const { type: _type, ...args } = value as { type: string } & IncrementalArgs
    if (args.endValue !== undefined) {
      issues.push({
        path: joinPath(joinPath(paramsPath, name), 'endValue'),
        message:
          'is not allowed in a parameter: set `endpoint.incremental` with `endParam` instead',
      })
    }
    return { args, startParam: name, endParam: undefined }
  }
  if (!endpoint.incremental) return undefined
  const { startParam, endParam, ...args } = endpoint.incremental as EndpointIncrementalConfig
  return { args, startParam, endParam }
}

function bindPath(
  template: string,
  params: Record<string, unknown>,
  resolveNames: Set<string>,
  incremental: IncrementalBinding | undefined,
  where: string,
  issues: ConfigIssue[],
): string {
  const at = joinPath(where, 'path')
  const parts = safeParse(template, at, issues)
  if (!parts) return template
  const unused = new Set(resolveNames)
  const out = parts.map((part) => {
    if ('literal' in part) return escapeTemplate(part.literal)
    const { field } = part
    unused.delete(field)
    if (resolveNames.has(field) || checkContextual(field, at, incremental, issues))
      return `{${field}}`
    const value = params[field]
    if (value === undefined || isPlainObject(value)) {
      issues.push({
        path: at,
        message: `${unknownPlaceholder(field)}, nor a parameter in \`endpoint.params\``,
      })
      return `{${field}}`
    }
    delete params[field] // dlt: a static parameter bound in the path is not sent as a query parameter
    return escapeTemplate(String(value))
  })
  for (const name of unused) {
    issues.push({
      path: joinPath(joinPath(where, 'params'), name),
      message: `is a resolve parameter not used in the path "${template}": use {${name}} in the path, or {resources.<parent>.<field>} in params`,
    })
  }
  return out.join('')
}

/** True for `resources.…`/`incremental.…` placeholders (reporting a bad incremental one). */
function checkContextual(
  field: string,
  at: string,
  incremental: IncrementalBinding | undefined,
  issues: ConfigIssue[],
): boolean {
  if (field.startsWith('resources.')) return true
  if (!field.startsWith('incremental.')) return false
  const name = field.slice('incremental.'.length)
  if (!incremental) {
    issues.push({
      path: at,
      message: `uses {${field}} but the endpoint has no incremental: add \`endpoint.incremental\``,
    })
  } else if (INCREMENTAL_VALUES[name] === undefined) {
    issues.push({
      path: at,
      message: `has an unknown placeholder {${field}}: use incremental.startValue, endValue, lastValue or initialValue`,
    })
  }
  return true
}

function resourceBinding(field: string, at: string, issues: ConfigIssue[]) {
  if (!field.startsWith('resources.')) return undefined
  const [, resource, ...rest] = field.split('.')
  const path = rest.join('.')
  if (!resource || !path) {
    issues.push({ path: at, message: `has {${field}}: expected {resources.<resource>.<field>}` })
    return undefined
  }
  try {
    compileJsonPath(path)
  } catch (error) {
    issues.push({ path: at, message: `has {${field}}: ${(error as Error).message}` })
    return undefined
  }
  return { placeholder: field, resource, field: path }
}

function placeholdersIn(value: unknown, at: string, issues: ConfigIssue[]) {
  const found: { field: string; path: string }[] = []
  walkStrings(value, at, (text, path) => {
    try {
      found.push(...findPlaceholders(text, path))
    } catch (error) {
      issues.push({ path, message: `has a bad placeholder: ${(error as Error).message}` })
    }
  })
  return found
}

function safeParse(template: string, at: string, issues: ConfigIssue[]) {
  try {
    return parseTemplate(template)
  } catch (error) {
    issues.push({ path: at, message: `has a bad placeholder: ${(error as Error).message}` })
    return undefined
  }
}

function unknownPlaceholder(field: string): string {
  return `has an unknown placeholder {${field}}: placeholders are {resources.<resource>.<field>} and {incremental.startValue}; ${ESCAPE_HINT}`
}
