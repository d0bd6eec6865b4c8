/**
 * @module Cursor pagination with the cursor in a response header (dlt's `HeaderCursorPaginator`),
 * e.g. `NextPageToken: 123456`, sent back as `?cursor=123456`.
 */
import type { PageRequest } from '../page-request.js'
import type { RESTResponse } from '../rest-response.js'
import { BaseReferencePaginator } from './base-reference-paginator.js'

/** Configuration of `HeaderCursorPaginator`. */
export interface HeaderCursorPaginatorConfig {
  /**
   * The response header holding the next cursor.
   * @default 'next'
   */
  readonly cursorKey?: string
  /**
   * The query parameter the cursor is sent back in.
   * @default 'cursor'
   */
  readonly cursorParam?: string
}

/**
 * Sends back the cursor found in a response header until there is none.
 *
 * ```ts
 * new HeaderCursorPaginator({ cursorKey: 'NextPageToken', cursorParam: 'page_token' })
 * ```
 */
export class HeaderCursorPaginator extends BaseReferencePaginator {
  readonly #cursorKey: string
  readonly #cursorParam: string

  constructor(config: HeaderCursorPaginatorConfig = {}) {
    super()
    this.#cursorKey = config.cursorKey ?? 'next'
    this.#cursorParam = config.cursorParam ?? 'cursor'
  }

  /** Reads the cursor header; an absent or empty header ends the pagination. */
  updateState(response: RESTResponse): void {
    this.nextReference = response.headers.get(this.#cursorKey) || undefined
  }

  /** Puts the cursor on the next request. */
  updateRequest(request: PageRequest): void {
    if (this.nextReference !== undefined) request.params[this.#cursorParam] = this.nextReference
  }

  clone(): HeaderCursorPaginator {
    return new HeaderCursorPaginator({ cursorKey: this.#cursorKey, cursorParam: this.#cursorParam })
  }

  override toString(): string {
    return `HeaderCursorPaginator(header=${this.#cursorKey}, param=${this.#cursorParam})`
  }
}
