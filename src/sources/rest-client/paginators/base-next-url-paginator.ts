/**
 * @module The base of paginators whose reference is the next page's URL (dlt's
 * `BaseNextUrlPaginator`): a relative URL is resolved against the current one, and the query
 * parameters of the first request are dropped, since the next URL carries its own.
 */
import type { PageRequest } from '../page-request.js'
import { BaseReferencePaginator } from './base-reference-paginator.js'

/** Follows a next-page URL; subclasses find it in `updateState`. */
export abstract class BaseNextUrlPaginator extends BaseReferencePaginator {
  /** Points the request at the next URL and clears its query parameters. */
  updateRequest(request: PageRequest): void {
    const next = this.nextReference
    if (next === undefined) return
    request.url = new URL(next, request.url).href
    request.params = {}
  }
}
