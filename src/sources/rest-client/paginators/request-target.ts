/**
 * @module Where a paginator puts a value on the request: a query parameter, or a field of the JSON
 * body (dlt's `*_param` / `*_body_path` option pairs, of which only one may be set).
 */
import { compileJsonPath, setValueAtPath } from '../json-path/json-path.js'
import type { PageRequest } from '../page-request.js'

/** A query parameter name, or a JSONPath into the request body. */
export interface RequestTarget {
  readonly name: string | undefined
  readonly bodyPath: string | undefined
}

/**
 * The target from a `*Param`/`*BodyPath` option pair; `fallbackName` when neither is set. Throws
 * `TypeError` naming both options when both are set.
 */
export function resolveRequestTarget(
  param: string | undefined,
  bodyPath: string | undefined,
  fallbackName: string,
  options: readonly [param: string, bodyPath: string],
): RequestTarget {
  if (param !== undefined && bodyPath !== undefined)
    throw new TypeError(`Set either \`${options[0]}\` or \`${options[1]}\`, not both`)
  if (bodyPath !== undefined) {
    compileJsonPath(bodyPath)
    return Object.freeze({ name: undefined, bodyPath })
  }
  return Object.freeze({ name: param ?? fallbackName, bodyPath: undefined })
}

/** Writes `value` to `target` on `request`, creating the JSON body if there is none. */
export function writeRequestValue(
  request: PageRequest,
  target: RequestTarget,
  value: unknown,
): void {
  if (target.bodyPath !== undefined) {
    if (typeof request.json !== 'object' || request.json === null || Array.isArray(request.json))
      request.json = {}
    setValueAtPath(request.json as Record<string, unknown>, target.bodyPath, value)
  } else if (target.name !== undefined && value !== undefined) {
    request.params[target.name] = value as string
  }
}

/** Describes a target for `toString()`: `page` or `body page.number`. */
export function describeTarget(target: RequestTarget): string {
  return target.name ?? `body ${target.bodyPath}`
}
