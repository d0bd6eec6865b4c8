/**
 * @module Pagination by the `Link` response header (dlt's `HeaderLinkPaginator`), as GitHub does:
 * `Link: <https://api.github.com/…?page=2>; rel="next"`.
 */
import type { RESTResponse } from '../rest-response.js'
import { BaseNextUrlPaginator } from './base-next-url-paginator.js'

/** Configuration of `HeaderLinkPaginator`. */
export interface HeaderLinkPaginatorConfig {
  /**
   * The relation of the next page's link.
   * @default 'next'
   */
  readonly linksNextKey?: string
}

/**
 * Follows the `Link` header's `rel="next"` URL.
 *
 * ```ts
 * new RESTClient({ baseUrl: 'https://api.github.com', paginator: new HeaderLinkPaginator() })
 * ```
 */
export class HeaderLinkPaginator extends BaseNextUrlPaginator {
  readonly #linksNextKey: string

  constructor(config: HeaderLinkPaginatorConfig = {}) {
    super()
    this.#linksNextKey = (config.linksNextKey ?? 'next').toLowerCase()
  }

  /** Reads the next URL from the `Link` header. */
  updateState(response: RESTResponse): void {
    this.nextReference = response.links[this.#linksNextKey]?.url || undefined
  }

  clone(): HeaderLinkPaginator {
    return new HeaderLinkPaginator({ linksNextKey: this.#linksNextKey })
  }

  override toString(): string {
    return `HeaderLinkPaginator(rel=${this.#linksNextKey})`
  }
}
