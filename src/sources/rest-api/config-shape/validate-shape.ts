/**
 * @module Checks a value against a `Shape`, collecting every problem with its path in the config
 * (`resources[1].endpoint.paginator.type`) instead of stopping at the first. Secret strings are
 * never shown, only described.
 */
import { maskSecret } from '../../../config/index.js'
import { unknownKeyMessage } from './key-names.js'
import { describeShape, type ObjectShape, type Shape, type UnionShape } from './shape.js'

/** One problem found in a config. */
export interface ConfigIssue {
  /**
   * Where, e.g. `resources[1].endpoint.paginator.type` (`''` for the whole config); for an
   * unknown key, the object that has it.
   */
  readonly path: string
  /** What is wrong, e.g. `must be one of 'offset', 'cursor'; got "ofset"`. */
  readonly message: string
}

/** Appends a key to a path: `a.b`, `a["odd key"]`. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path ? `${path}.${key}` : key
  return `${path}[${JSON.stringify(key)}]`
}

/** A short, safe rendering of a value for messages. */
export function describeValue(value: unknown, secret = false): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  switch (typeof value) {
    case 'string': {
      if (secret) return `"${maskSecret(value)}"`
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    }
    case 'number':
    case 'boolean':
      return secret ? `a ${typeof value}` : String(value)
    case 'function':
      return 'a function'
    case 'undefined':
      return 'nothing'
    default:
      return 'an object'
  }
}

/** True for `{}`-like objects (not arrays, not class instances). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Checks `value` against `shape`; returns every issue found (none: valid). */
export function validateShape(shape: Shape, value: unknown, path = ''): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  check(shape, value, path, issues)
  return issues
}

function check(shape: Shape, value: unknown, path: string, issues: ConfigIssue[]): void {
  if (value === null && shape.nullable) return
  const fail = () =>
    issues.push({
      path,
      message: `must be ${describeShape(shape)}; got ${describeValue(value, isSecret(shape))}`,
    })
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string' || (shape.enum && !shape.enum.includes(value))) fail()
      return
    case 'number':
      if (!isNumberOk(shape, value)) fail()
      return
    case 'boolean':
      if (typeof value !== 'boolean') fail()
      return
    case 'any':
      return
    case 'function':
      if (typeof value !== 'function') fail()
      return
    case 'instance':
      if (!shape.test(value)) fail()
      return
    case 'array':
      if (!Array.isArray(value)) fail()
      else
        value.forEach((item, index) => void check(shape.items, item, joinPath(path, index), issues))
      return
    case 'record':
      if (!isPlainObject(value)) fail()
      else {
        for (const [key, item] of Object.entries(value)) {
          check(shape.values, item, joinPath(path, key), issues)
        }
      }
      return
    case 'object':
      if (!isPlainObject(value)) fail()
      else checkObject(shape, value, path, issues)
      return
    case 'union':
      checkUnion(shape, value, path, issues)
      return
  }
}

function isSecret(shape: Shape): boolean {
  return shape.kind === 'string' && shape.secret === true
}

function isNumberOk(shape: Shape & { kind: 'number' }, value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false
  if (shape.integer && !Number.isInteger(value)) return false
  return shape.minimum === undefined || value >= shape.minimum
}

function checkObject(
  shape: ObjectShape,
  value: Record<string, unknown>,
  path: string,
  issues: ConfigIssue[],
): void {
  for (const key of shape.required ?? []) {
    if (value[key] === undefined) issues.push({ path: joinPath(path, key), message: 'is required' })
  }
  for (const [key, item] of Object.entries(value)) {
    const property = shape.properties[key]
    if (property === undefined) {
      issues.push({ path, message: unknownKeyMessage(shape, key) })
    } else if (item !== undefined) {
      check(property, item, joinPath(path, key), issues)
    }
  }
}

function checkUnion(shape: UnionShape, value: unknown, path: string, issues: ConfigIssue[]): void {
  const picked = pickByDiscriminator(shape, value, path, issues)
  if (picked === null) return
  if (picked !== undefined) {
    check(picked, value, path, issues)
    return
  }
  const attempts = shape.options.map((option) => validateShape(option, value, path))
  if (attempts.some((found) => found.length === 0)) return
  // One option of the value's own kind (an object for object shapes): its issues are the useful ones.
  const sameKind = shape.options.filter((option) => kindMatches(option, value))
  if (sameKind.length === 1) {
    issues.push(...(attempts[shape.options.indexOf(sameKind[0] as Shape)] ?? []))
    return
  }
  const secret = shape.options.some(isSecret)
  issues.push({
    path,
    message: `must be ${describeShape(shape)}; got ${describeValue(value, secret)}`,
  })
}

/** The option a discriminated object selects; `null` when an issue was reported already. */
function pickByDiscriminator(
  shape: UnionShape,
  value: unknown,
  path: string,
  issues: ConfigIssue[],
): Shape | null | undefined {
  const key = shape.discriminator
  if (key === undefined || !isPlainObject(value)) return undefined
  const tag = value[key]
  if (tag === undefined) {
    const fallback = shape.fallback === undefined ? undefined : shape.options[shape.fallback]
    if (fallback) return fallback
    issues.push({ path: joinPath(path, key), message: 'is required' })
    return null
  }
  const tags: string[] = []
  for (const option of shape.options) {
    if (option.kind !== 'object') continue
    const tagShape = option.properties[key]
    const allowed = tagShape?.kind === 'string' ? (tagShape.enum ?? []) : []
    if (typeof tag === 'string' && allowed.includes(tag)) return option
    tags.push(...allowed)
  }
  issues.push({
    path: joinPath(path, key),
    message: `must be one of ${tags.map((t) => `'${t}'`).join(', ')}; got ${describeValue(tag)}`,
  })
  return null
}

function kindMatches(shape: Shape, value: unknown): boolean {
  if (shape.kind === 'object' || shape.kind === 'record') return isPlainObject(value)
  if (shape.kind === 'array') return Array.isArray(value)
  if (shape.kind === 'string') return typeof value === 'string'
  if (shape.kind === 'union') return shape.options.some((option) => kindMatches(option, value))
  return false
}
