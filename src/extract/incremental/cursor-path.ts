/**
 * @module Cursor paths: the JSONPath subset dlt users write for `cursor_path` — a field name
 * (`updated_at`), dotted fields (`meta.updated_at`, `$.meta.updated_at`), array indexes
 * (`items[0].ts`), wildcards (`items[*].ts`, `meta.*`) and quoted names (`['updated at']`).
 * A path that matches several values yields the first one, as dlt does.
 */

/** One step of a cursor path: a field name, an array index, or a wildcard. */
export type CursorPathSegment =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }

/** A parsed cursor path. */
export interface CursorPath {
  /** The path as written. */
  readonly text: string
  readonly segments: readonly CursorPathSegment[]
}

/** What `findCursorValue` found: `found: false` when the path matches nothing in the item. */
export type CursorLookup =
  | { readonly found: true; readonly value: unknown }
  | { readonly found: false }

const NAME = /^[^.[\]'"\s*$][^.[\]'"\s]*/
const NOT_FOUND: CursorLookup = { found: false }

/** Parses a cursor path; throws `TypeError` naming `cursorPath` when it is not one dlt-ts reads. */
export function parseCursorPath(text: string): CursorPath {
  const segments: CursorPathSegment[] = []
  let rest = text.trim()
  if (rest.startsWith('$')) rest = rest.slice(1)
  else if (!rest.startsWith('[')) rest = `.${rest}`
  while (rest.length > 0) {
    const parsed = parseSegment(rest)
    if (parsed === undefined)
      throw new TypeError(
        `\`cursorPath\` is not a supported JSON path: ${JSON.stringify(text)} (use fields, ` +
          `[index], [*] or ['quoted name'])`,
      )
    segments.push(parsed.segment)
    rest = parsed.rest
  }
  if (segments.length === 0) throw new TypeError('`cursorPath` must name at least one field')
  return { text, segments }
}

/** Finds the cursor value in `item`: the first value the path matches. */
export function findCursorValue(item: unknown, path: CursorPath): CursorLookup {
  const first = path.segments[0]
  // Fast path for the common case: one plain field.
  if (path.segments.length === 1 && first?.kind === 'field') return fieldOf(item, first.name)
  return walk(item, path.segments, 0)
}

function walk(node: unknown, segments: readonly CursorPathSegment[], at: number): CursorLookup {
  const segment = segments[at]
  if (segment === undefined) return { found: true, value: node }
  if (segment.kind === 'field') {
    const child = fieldOf(node, segment.name)
    return child.found ? walk(child.value, segments, at + 1) : NOT_FOUND
  }
  if (segment.kind === 'index') {
    if (!Array.isArray(node)) return NOT_FOUND
    const index = segment.index < 0 ? node.length + segment.index : segment.index
    return index >= 0 && index < node.length ? walk(node[index], segments, at + 1) : NOT_FOUND
  }
  if (!Array.isArray(node) && !isRecord(node)) return NOT_FOUND
  const children: unknown[] = Array.isArray(node) ? node : Object.values(node)
  for (const child of children) {
    const result = walk(child, segments, at + 1)
    if (result.found) return result
  }
  return NOT_FOUND
}

function fieldOf(node: unknown, name: string): CursorLookup {
  if (!isRecord(node) || !Object.hasOwn(node, name)) return NOT_FOUND
  const value = node[name]
  // A property set to `undefined` is absent in JSON terms.
  return value === undefined ? NOT_FOUND : { found: true, value }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseSegment(rest: string): { segment: CursorPathSegment; rest: string } | undefined {
  if (rest.startsWith('.*')) return { segment: { kind: 'wildcard' }, rest: rest.slice(2) }
  if (rest.startsWith('.') && !rest.startsWith('..')) {
    const name = NAME.exec(rest.slice(1))?.[0]
    if (name === undefined) return undefined
    return { segment: { kind: 'field', name }, rest: rest.slice(1 + name.length) }
  }
  const bracket = /^\[\s*(?:(\*)|(-?\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/.exec(rest)
  if (bracket === null) return undefined
  const [whole, star, index, single, double] = bracket
  const tail = rest.slice(whole.length)
  if (star !== undefined) return { segment: { kind: 'wildcard' }, rest: tail }
  if (index !== undefined) return { segment: { kind: 'index', index: Number(index) }, rest: tail }
  const name = (single ?? double ?? '').replace(/\\(.)/g, '$1')
  return { segment: { kind: 'field', name }, rest: tail }
}
