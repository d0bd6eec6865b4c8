/**
 * @module `PageData`: one page of records as yielded by `paginate()` — a plain array that also
 * carries the request that fetched it, the response and the paginator (dlt's `PageData`).
 */
import type { Auth } from './auth/auth.js'
import type { PageRequest } from './page-request.js'
import type { Paginator } from './paginators/paginator.js'
import type { RESTResponse } from './rest-response.js'

/** Where a page came from. */
export interface PageContext {
  /** The request that fetched this page (a frozen copy, without auth credentials). */
  readonly request: Readonly<PageRequest>
  readonly response: RESTResponse
  /** The paginator, already updated for the next page. */
  readonly paginator: Paginator
  readonly auth: Auth | undefined
}

/**
 * The records of one page: an array (spread it, `map` it, yield it) with the page's context as
 * extra, non-enumerable properties.
 */
export type PageData<T = unknown> = T[] & PageContext

/** @internal A fresh array of `records` with `context` attached. */
export function createPageData<T>(records: readonly T[], context: PageContext): PageData<T> {
  const page = Array.from(records)
  for (const [key, value] of Object.entries(context))
    Object.defineProperty(page, key, { value, enumerable: false })
  return page as PageData<T>
}
