/**
 * @module Which part of a response holds the page's records. With a `dataSelector` (a JSONPath) it
 * is what the selector selects; without one it is detected as dlt does — a list under a record-like
 * key (`data`, `items`, `results`, …), else the first list found near the top, else the whole
 * response — and the detected path is reused for the following pages.
 */
import { type CompiledJsonPath, findValues, formatJsonPath } from './json-path/json-path.js'

/** Keys whose list holds the records (dlt's `RECORD_KEY_PATTERNS`). */
export const RECORD_KEY_PATTERNS = [
  'data',
  'items',
  'results',
  'entries',
  'records',
  'rows',
  'entities',
  'payload',
  'content',
  'objects',
  'values',
] as const

/** Keys whose list is never the records (dlt's `NON_RECORD_KEY_PATTERNS`). */
export const NON_RECORD_KEY_PATTERNS = [
  'meta',
  'metadata',
  'pagination',
  'links',
  'extras',
  'headers',
] as const

/** Lists deeper than this many object levels are not considered (dlt looks three levels down). */
const MAX_DEPTH = 2

/** Where detection found the records: the keys leading to them, and the value there. */
export interface PageDataLocation {
  readonly keys: readonly string[]
  readonly data: unknown
}

/** Finds the records in a response body (dlt's `find_response_page_data`). */
export function findResponsePageData(body: unknown): PageDataLocation {
  if (!isPlainObject(body)) return { keys: [], data: body }
  const lists: PageDataLocation[] = []
  collectLists(body, [], lists)
  const recordKeys = new Set<string>(RECORD_KEY_PATTERNS)
  const nonRecordKeys = new Set<string>(NON_RECORD_KEY_PATTERNS)
  const preferred = lists.find(({ keys }) => {
    const last = (keys[keys.length - 1] ?? '').toLowerCase()
    return recordKeys.has(last) && !nonRecordKeys.has(last)
  })
  return preferred ?? lists[0] ?? { keys: [], data: body }
}

/** The JSONPath of the records in `body`: `'$'` when it is the whole body. */
export function detectDataSelector(body: unknown): string {
  return formatJsonPath(findResponsePageData(body).keys)
}

/**
 * The records `selector` selects in `body`, as a list (dlt's `extract_response`): a single
 * selected list is the page; a single selected object is a one-record page; nothing or `null` is
 * an empty page.
 */
export function extractResponseData(body: unknown, selector: string | CompiledJsonPath): unknown[] {
  const values = findValues(selector, body)
  const data = values.length === 1 ? values[0] : values
  if (data === undefined || data === null) return []
  return Array.isArray(data) ? data : [data]
}

function collectLists(object: Record<string, unknown>, keys: string[], out: PageDataLocation[]) {
  if (keys.length > MAX_DEPTH) return
  for (const [key, value] of Object.entries(object)) {
    if (Array.isArray(value)) out.push({ keys: [...keys, key], data: value })
    else if (isPlainObject(value)) collectLists(value, [...keys, key], out)
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
