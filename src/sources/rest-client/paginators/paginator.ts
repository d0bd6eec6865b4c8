/**
 * @module The paginator plug-in point (dlt's `BasePaginator`). A paginator is a small state
 * machine driven by `RESTClient.paginate()`: `initRequest` once, then after every response
 * `updateState` (read the response, decide `hasNextPage`) and `updateRequest` (point the request at
 * the next page).
 */
import type { PageRequest } from '../page-request.js'
import { NOOP_LOGGER, type RESTClientLogger } from '../rest-client-logger.js'
import type { RESTResponse } from '../rest-response.js'

/**
 * Walks the pages of an endpoint. Implement it (or extend `BasePaginator`) for an API none of the
 * built-in paginators fit:
 *
 * ```ts
 * class NextPageNumberPaginator extends BasePaginator {
 *   #next: number | undefined
 *   updateState(response: RESTResponse) {
 *     this.#next = response.json<{ next_page?: number }>().next_page
 *     this.setHasNextPage(this.#next !== undefined)
 *   }
 *   updateRequest(request: PageRequest) {
 *     request.params['page'] = this.#next
 *   }
 *   clone() {
 *     return new NextPageNumberPaginator()
 *   }
 * }
 * ```
 */
export interface Paginator {
  /** True while there is another page to request. Read after `updateState`. */
  readonly hasNextPage: boolean
  /** Prepares the first request, e.g. sets `page=1`. Not called for a detected paginator. */
  initRequest(request: PageRequest): void
  /**
   * Reads the page just received. `data` holds the page's records after data selection. Sets
   * `hasNextPage`.
   */
  updateState(response: RESTResponse, data: readonly unknown[]): void
  /** Changes `request` to fetch the next page. Called only when `hasNextPage` is true. */
  updateRequest(request: PageRequest): void
  /**
   * A paginator with the same settings and fresh state. `RESTClient` clones its default paginator
   * for every `paginate()` call, so concurrent calls do not share state; without `clone` the same
   * instance is reused.
   */
  clone?(): Paginator
}

/** A `Paginator` with the `hasNextPage` bookkeeping and a no-op `initRequest`. */
export abstract class BasePaginator implements Paginator {
  #hasNextPage = true
  #logger: RESTClientLogger = NOOP_LOGGER

  get hasNextPage(): boolean {
    return this.#hasNextPage
  }

  /** Sets `hasNextPage`; call it from `updateState`. */
  protected setHasNextPage(value: boolean): void {
    this.#hasNextPage = value
  }

  /** The client's logger while `paginate()` runs (a no-op logger before). */
  protected get logger(): RESTClientLogger {
    return this.#logger
  }

  /** @internal Called by `RESTClient.paginate()`. */
  attachLogger(logger: RESTClientLogger): void {
    this.#logger = logger
  }

  /** Does nothing; override to set up the first request. */
  initRequest(_request: PageRequest): void {}

  abstract updateState(response: RESTResponse, data: readonly unknown[]): void

  abstract updateRequest(request: PageRequest): void

  /** The class name; subclasses add their settings. Used in logs and errors. */
  toString(): string {
    return this.constructor.name
  }
}

/** Throws `TypeError` naming `option` unless `paginator` has the `Paginator` methods. */
export function checkPaginator(paginator: unknown, option: string): Paginator {
  const candidate = paginator as Partial<Paginator> | null
  if (
    typeof candidate?.updateState !== 'function' ||
    typeof candidate.updateRequest !== 'function' ||
    typeof candidate.initRequest !== 'function'
  )
    throw new TypeError(
      `The \`${option}\` option must be a paginator (with initRequest, updateState and updateRequest)`,
    )
  return candidate as Paginator
}
