/**
 * @module Placeholders in paths, parameters, JSON bodies and headers, with Python's `str.format`
 * rules as dlt uses them: `{resources.issues.number}` is replaced, `{{` and `}}` are literal
 * braces (GraphQL bodies, dlt#2398). A template that is one placeholder and nothing else keeps
 * the value's type (a number stays a number in a JSON body); anywhere else the value is text.
 */
import { isPlainObject, joinPath } from './config-shape/validate-shape.js'

/** A piece of a parsed template: literal text or a placeholder's field name. */
export type TemplatePart = { readonly literal: string } | { readonly field: string }

/** How to write literal braces; part of every placeholder error. */
export const ESCAPE_HINT = 'write {{ and }} for literal braces'

/** A template with unbalanced braces. */
export class PlaceholderSyntaxError extends TypeError {
  override name = 'PlaceholderSyntaxError'
}

/** Parses `text` into literal text and placeholders. Throws `PlaceholderSyntaxError`. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = []
  let literal = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    const next = text[i + 1]
    if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      literal += char
      i++
    } else if (char === '}') {
      throw new PlaceholderSyntaxError(
        `single "}" at position ${i} in ${quote(text)}: ${ESCAPE_HINT}`,
      )
    } else if (char === '{') {
      const end = text.indexOf('}', i + 1)
      const field = end < 0 ? '' : text.slice(i + 1, end)
      if (end < 0 || field.includes('{') || field.trim() === '') {
        throw new PlaceholderSyntaxError(
          `unmatched or empty "{" at position ${i} in ${quote(text)}: ${ESCAPE_HINT}`,
        )
      }
      if (literal) parts.push({ literal })
      literal = ''
      parts.push({ field })
      i = end
    } else {
      literal += char
    }
  }
  if (literal) parts.push({ literal })
  return parts
}

/** Escapes `text` so that it is read back literally. */
export function escapeTemplate(text: string): string {
  return text.replaceAll('{', '{{').replaceAll('}', '}}')
}

/** Every placeholder field in the strings (values and keys) of `value`, with where it is. */
export function findPlaceholders(value: unknown, path = ''): { field: string; path: string }[] {
  const found: { field: string; path: string }[] = []
  walkStrings(value, path, (text, at) => {
    for (const part of parseTemplate(text))
      if ('field' in part) found.push({ field: part.field, path: at })
  })
  return found
}

/** Calls `visit` for every string (value or key) in `value`, with its path. */
export function walkStrings(
  value: unknown,
  path: string,
  visit: (text: string, path: string) => void,
): void {
  if (typeof value === 'string') visit(value, path)
  else if (Array.isArray(value))
    value.forEach((item, i) => void walkStrings(item, joinPath(path, i), visit))
  else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      visit(key, path)
      walkStrings(item, joinPath(path, key), visit)
    }
  }
}

/** Looks a placeholder's value up; throws for an unknown field. */
export type PlaceholderLookup = (field: string) => unknown

/** The text form of a value inside a longer template. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * Fills the placeholders of `text`. A template that is exactly one placeholder returns the value
 * itself (a `Date` as ISO text); otherwise the result is text.
 */
export function expandTemplate(text: string, lookup: PlaceholderLookup): unknown {
  const parts = parseTemplate(text)
  const only = parts.length === 1 ? parts[0] : undefined
  if (only && 'field' in only) {
    const value = lookup(only.field)
    return value instanceof Date ? value.toISOString() : value
  }
  return parts
    .map((part) => ('field' in part ? formatValue(lookup(part.field)) : part.literal))
    .join('')
}

/** `expandTemplate` as text: for paths and headers. */
export function expandText(text: string, lookup: PlaceholderLookup): string {
  return formatValue(expandTemplate(text, lookup))
}

/** Fills placeholders in every string (and key) of `value`, returning a new value. */
export function expandPlaceholders(value: unknown, lookup: PlaceholderLookup): unknown {
  if (typeof value === 'string') return expandTemplate(value, lookup)
  if (Array.isArray(value)) return value.map((item) => expandPlaceholders(item, lookup))
  if (isPlainObject(value)) {
    const result: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      result[expandText(key, lookup)] = expandPlaceholders(item, lookup)
    }
    return result
  }
  return value
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)
}
