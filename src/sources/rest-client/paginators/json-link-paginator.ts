/**
 * @module Pagination by a next-page URL in the response body (dlt's `JSONLinkPaginator`), e.g.
 * `{ "results": […], "next": "https://api.example.com/items?page=2" }`.
 */
import { type CompiledJsonPath, compileJsonPath, findValues } from '../json-path/json-path.js'
import type { RESTResponse } from '../rest-response.js'
import { BaseNextUrlPaginator } from './base-next-url-paginator.js'
import { toReference } from './base-reference-paginator.js'

/** Configuration of `JSONLinkPaginator`. */
export interface JSONLinkPaginatorConfig {
  /**
   * JSONPath of the next page's URL (absolute or relative) in the body.
   * @default 'next'
   */
  readonly nextUrlPath?: string
}

/**
 * Follows the next-page URL found in the body.
 *
 * ```ts
 * new JSONLinkPaginator({ nextUrlPath: 'pagination.next' })
 * ```
 */
export class JSONLinkPaginator extends BaseNextUrlPaginator {
  readonly #nextUrlPath: CompiledJsonPath

  constructor(config: JSONLinkPaginatorConfig = {}) {
    super()
    this.#nextUrlPath = compileJsonPath(config.nextUrlPath ?? 'next')
  }

  /** Reads the next URL from the body; none (or `null`) ends the pagination. */
  updateState(response: RESTResponse): void {
    this.nextReference = toReference(findValues(this.#nextUrlPath, response.json())[0])
  }

  clone(): JSONLinkPaginator {
    return new JSONLinkPaginator({ nextUrlPath: this.#nextUrlPath.path })
  }

  override toString(): string {
    return `JSONLinkPaginator(nextUrlPath=${this.#nextUrlPath.path})`
  }
}
