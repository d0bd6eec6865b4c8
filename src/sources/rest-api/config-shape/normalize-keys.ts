/**
 * @module Renames the keys of a config to the camelCase keys its `Shape` knows, following the
 * shape: only keys of object shapes are renamed (`data_selector` → `dataSelector`); the keys of
 * records (`params`, `headers`, `columns`) and everything under `any` (`json`) are user data and
 * kept as given, as are all values. Unknown keys stay as they are for `validateShape` to report.
 * Both spellings may be mixed in one config, but one key given twice in one object is an issue.
 */
import { keyAliases } from './key-names.js'
import type { ObjectShape, Shape, UnionShape } from './shape.js'
import { type ConfigIssue, isPlainObject, joinPath } from './validate-shape.js'

/** `value` with its keys renamed to those of `shape`, and the issues found. Never changes `value`. */
export function normalizeKeys(
  shape: Shape,
  value: unknown,
  path = '',
): { value: unknown; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = []
  return { value: walk(shape, value, path, issues), issues }
}

function walk(
  shape: Shape | undefined,
  value: unknown,
  path: string,
  issues: ConfigIssue[],
): unknown {
  if (shape === undefined) return value
  if (shape.kind === 'union') return walk(pickOption(shape, value), value, path, issues)
  if (shape.kind === 'array' && Array.isArray(value)) {
    return value.map((item, index) => walk(shape.items, item, joinPath(path, index), issues))
  }
  if (!isPlainObject(value)) return value
  if (shape.kind === 'record') {
    const entries = Object.entries(value).map(([key, item]) => [
      key,
      walk(shape.values, item, joinPath(path, key), issues),
    ])
    return Object.fromEntries(entries)
  }
  if (shape.kind === 'object') return walkObject(shape, value, path, issues)
  return value
}

function walkObject(
  shape: ObjectShape,
  value: Record<string, unknown>,
  path: string,
  issues: ConfigIssue[],
): Record<string, unknown> {
  const aliases = keyAliases(shape)
  const result: Record<string, unknown> = {}
  const spelledAs = new Map<string, string>()
  for (const [key, item] of Object.entries(value)) {
    const name = key in shape.properties ? key : (aliases.get(key) ?? key)
    const earlier = spelledAs.get(name)
    if (earlier !== undefined) {
      issues.push({
        path,
        message: `sets \`${name}\` twice, as \`${earlier}\` and \`${key}\`: keep one`,
      })
      continue
    }
    spelledAs.set(name, key)
    result[name] = walk(shape.properties[name], item, joinPath(path, name), issues)
  }
  return result
}

/**
 * The option of `shape` whose keys `value` uses: by the discriminator (`type`), else the only
 * object option, else all object options together (`{ filter }` / `{ map }`).
 */
function pickOption(shape: UnionShape, value: unknown): Shape | undefined {
  if (Array.isArray(value)) return shape.options.find((option) => option.kind === 'array')
  if (!isPlainObject(value)) return undefined
  const objects: ObjectShape[] = []
  let record: Shape | undefined
  for (const option of shape.options) {
    const picked = option.kind === 'union' ? pickOption(option, value) : option
    if (picked?.kind === 'object') objects.push(picked)
    else if (picked?.kind === 'record') record ??= picked
  }
  const tagKey = shape.discriminator
  if (tagKey !== undefined) {
    const tag = value[tagKey]
    if (tag === undefined) {
      return shape.fallback === undefined ? undefined : shape.options[shape.fallback]
    }
    return objects.find((option) => {
      const tagShape = option.properties[tagKey]
      return tagShape?.kind === 'string' && tagShape.enum?.includes(tag as string)
    })
  }
  if (objects.length <= 1) return objects[0] ?? record
  return {
    kind: 'object',
    properties: Object.assign({}, ...objects.map((option) => option.properties)),
    aliases: Object.assign({}, ...objects.map((option) => option.aliases ?? {})),
  }
}
