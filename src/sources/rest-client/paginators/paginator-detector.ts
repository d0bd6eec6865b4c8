/**
 * @module Paginator detection for `paginate()` calls without a paginator, in dlt's order: a `Link`
 * header with `rel="next"`, a next URL in the body, a total page count, a next cursor in the body,
 * and finally a single page. Each detector returns a score: 1 for a sure match, 0.5 when settings
 * were guessed, 0 for the fallback.
 */
import { formatJsonPath } from '../json-path/json-path.js'
import type { RESTResponse } from '../rest-response.js'
import { DetectedPageNumberPaginator } from './detected-page-number-paginator.js'
import { HeaderLinkPaginator } from './header-link-paginator.js'
import { JSONLinkPaginator } from './json-link-paginator.js'
import { JSONResponseCursorPaginator } from './json-response-cursor-paginator.js'
import type { Paginator } from './paginator.js'
import { SinglePagePaginator } from './single-page-paginator.js'

/** A detected paginator and how sure the detector is (1 sure, 0.5 guessed, 0 fallback). */
export interface PaginatorDetection {
  readonly paginator: Paginator
  readonly score: number
}

/** Looks at the first response and proposes a paginator, or `undefined`. */
export type PaginatorDetector = (response: RESTResponse) => PaginatorDetection | undefined

/** Keys of a next-page reference: they start with `next` (dlt's `NEXT_PAGE_KEY_PATTERNS`). */
const NEXT_KEY = /^next/i
/** Keys inside a `next` object that hold the link. */
const NEXT_LINK_KEY = /^(href|url)/i
/** Keys of the total number of pages (dlt's `TOTAL_PAGES_KEYS`). */
const TOTAL_PAGES_KEY = /^(total_pages|pages|totalpages)$/i
/** Keys of the current page number, used to tell 0- from 1-based APIs. */
const CURRENT_PAGE_KEY = /^(page|current_page|currentpage|page_number|pagenumber)$/i

/** A `Link` header with a `next` relation. */
export const headerLinksDetector: PaginatorDetector = (response) =>
  response.links['next']?.url ? { paginator: new HeaderLinkPaginator(), score: 1 } : undefined

/** A `next…` value in the body that is an absolute URL or an absolute path. */
export const jsonLinksDetector: PaginatorDetector = (response) => {
  const found = findNextPagePath(response.json())
  if (!found || typeof found.value !== 'string' || !/^(http|\/)/.test(found.value)) return undefined
  return { paginator: new JSONLinkPaginator({ nextUrlPath: formatJsonPath(found.keys) }), score: 1 }
}

/** A total page count in the body (`total_pages`, `pages`, `totalPages`). */
export const pagesNumberPaginatorDetector: PaginatorDetector = (response) => {
  const body = response.json()
  const total = findScalar(body, TOTAL_PAGES_KEY)
  if (!total || !Number.isInteger(Number(total.value))) return undefined
  const current = findScalar(body, CURRENT_PAGE_KEY)
  const currentPage =
    current && Number.isInteger(Number(current.value)) ? Number(current.value) : undefined
  const totalPath = formatJsonPath(total.keys)
  return { paginator: new DetectedPageNumberPaginator({ totalPath, currentPage }), score: 0.5 }
}

/** A `next…` value in the body that is not a URL: a cursor, sent back as `?cursor=`. */
export const cursorPaginatorDetector: PaginatorDetector = (response) => {
  const found = findNextPagePath(response.json())
  if (!found) return undefined
  const cursorPath = formatJsonPath(found.keys)
  return { paginator: new JSONResponseCursorPaginator({ cursorPath }), score: 0.5 }
}

/** The fallback: one page. */
export const singlePageDetector: PaginatorDetector = () => ({
  paginator: new SinglePagePaginator(),
  score: 0,
})

/** The detectors in the order they are tried. */
export const PAGINATOR_DETECTORS: readonly PaginatorDetector[] = Object.freeze([
  headerLinksDetector,
  jsonLinksDetector,
  pagesNumberPaginatorDetector,
  cursorPaginatorDetector,
  singlePageDetector,
])

/** The first detector's proposal; a single-page paginator if none matches. */
export function detectPaginator(
  response: RESTResponse,
  detectors: readonly PaginatorDetector[] = PAGINATOR_DETECTORS,
): PaginatorDetection {
  for (const detector of detectors) {
    const detection = detector(response)
    if (detection) return detection
  }
  return { paginator: new SinglePagePaginator(), score: 0 }
}

interface FoundValue {
  readonly keys: readonly string[]
  readonly value: string | number
}

/** The first `next…` reference, depth first (dlt's `find_next_page_path`). */
export function findNextPagePath(
  body: unknown,
  keys: readonly string[] = [],
): FoundValue | undefined {
  if (!isObject(body)) return undefined
  for (const [key, value] of Object.entries(body)) {
    if (NEXT_KEY.test(key)) {
      if (isScalar(value)) return { keys: [...keys, key], value }
      if (isObject(value)) {
        const link = Object.entries(value).find(
          ([inner, v]) => NEXT_LINK_KEY.test(inner) && isScalar(v),
        )
        if (link) return { keys: [...keys, key, link[0]], value: link[1] as string | number }
      }
    }
    const nested = findNextPagePath(value, [...keys, key])
    if (nested) return nested
  }
  return undefined
}

/** The first scalar under a key matching `pattern`, depth first through objects. */
function findScalar(
  body: unknown,
  pattern: RegExp,
  keys: readonly string[] = [],
): FoundValue | undefined {
  if (!isObject(body)) return undefined
  for (const [key, value] of Object.entries(body)) {
    if (pattern.test(key) && isScalar(value)) return { keys: [...keys, key], value }
    const nested = findScalar(value, pattern, [...keys, key])
    if (nested) return nested
  }
  return undefined
}

function isScalar(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number'
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
