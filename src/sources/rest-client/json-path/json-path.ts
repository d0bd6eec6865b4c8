/**
 * @module Finding and setting values by JSONPath, over the subset `parse-json-path.ts` parses. Paths
 * are compiled once and cached. Used for data selectors, totals, cursors, next links and the body
 * paths paginators write into POST bodies.
 */
import { type JsonPathStep, parseJsonPath } from './parse-json-path.js'

/** A parsed path; `compileJsonPath` returns the same object for the same text. */
export interface CompiledJsonPath {
  readonly path: string
  readonly steps: readonly JsonPathStep[]
}

const cache = new Map<string, CompiledJsonPath>()

/** Parses and caches `path`. Throws `TypeError` for unsupported syntax. */
export function compileJsonPath(path: string | CompiledJsonPath): CompiledJsonPath {
  if (typeof path !== 'string') return path
  let compiled = cache.get(path)
  if (!compiled) {
    compiled = Object.freeze({ path, steps: Object.freeze(parseJsonPath(path)) })
    cache.set(path, compiled)
  }
  return compiled
}

/** Every value `path` selects in `data`, in document order (dlt's `jsonpath.find_values`). */
export function findValues(path: string | CompiledJsonPath, data: unknown): unknown[] {
  let current: unknown[] = [data]
  for (const step of compileJsonPath(path).steps) {
    const next: unknown[] = []
    for (const value of current) applyStep(step, value, next)
    current = next
  }
  return current
}

/** The first value `path` selects in `data`, or `undefined`. */
export function findFirstValue(path: string | CompiledJsonPath, data: unknown): unknown {
  return findValues(path, data)[0]
}

/**
 * Sets `value` at `path` inside `target`, creating objects on the way (dlt's `set_value_at_path`).
 * Only field paths (`a.b`, `['a']['b']`) can be set.
 */
export function setValueAtPath(
  target: Record<string, unknown>,
  path: string | CompiledJsonPath,
  value: unknown,
): void {
  const compiled = compileJsonPath(path)
  const names = compiled.steps.map((step) => {
    if (step.kind !== 'fields' || step.names.length !== 1)
      throw new TypeError(`Cannot set a value at JSONPath "${compiled.path}": use field names only`)
    return step.names[0] as string
  })
  if (names.length === 0) throw new TypeError(`Cannot set a value at the root JSONPath "$"`)
  let node = target
  for (const name of names.slice(0, -1)) {
    const child = node[name]
    if (isObject(child)) {
      node = child
    } else {
      const created: Record<string, unknown> = {}
      node[name] = created
      node = created
    }
  }
  node[names[names.length - 1] as string] = value
}

/** Formats object keys as a JSONPath (`data.items`, `['odd key']`); `$` for no keys. */
export function formatJsonPath(keys: readonly string[]): string {
  if (keys.length === 0) return '$'
  return keys
    .map((key, index) => {
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return index === 0 ? key : `.${key}`
      return `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
    })
    .join('')
}

function applyStep(step: JsonPathStep, value: unknown, out: unknown[]): void {
  switch (step.kind) {
    case 'fields':
      if (isObject(value))
        for (const name of step.names) if (Object.hasOwn(value, name)) out.push(value[name])
      return
    case 'wildcard':
      if (Array.isArray(value)) out.push(...value)
      else if (isObject(value)) out.push(...Object.values(value))
      return
    case 'index':
      if (Array.isArray(value) && step.index < value.length && step.index >= -value.length)
        out.push(value.at(step.index))
      return
    case 'slice':
      // jsonpath-ng treats a single object or scalar as a one-element list here.
      if (value !== undefined)
        out.push(...(Array.isArray(value) ? value : [value]).slice(step.start, step.end))
      return
    case 'descendants':
      applyDescendants(step.step, value, out)
      return
  }
}

function applyDescendants(step: JsonPathStep, value: unknown, out: unknown[]): void {
  applyStep(step, value, out)
  const children = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : []
  for (const child of children) applyDescendants(step, child, out)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
