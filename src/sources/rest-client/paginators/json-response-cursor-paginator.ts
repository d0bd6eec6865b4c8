/**
 * @module Cursor pagination with the cursor in the response body (dlt's
 * `JSONResponseCursorPaginator`): `{ "items": […], "cursors": { "next": "aW1w…" } }`, sent back as
 * `?cursor=aW1w…` or in the JSON body of a POST (`cursorBodyPath`).
 */
import { type CompiledJsonPath, compileJsonPath, findValues } from '../json-path/json-path.js'
import type { PageRequest } from '../page-request.js'
import type { RESTResponse } from '../rest-response.js'
import { BaseReferencePaginator, toReference } from './base-reference-paginator.js'
import {
  describeTarget,
  type RequestTarget,
  resolveRequestTarget,
  writeRequestValue,
} from './request-target.js'

/** Configuration of `JSONResponseCursorPaginator`. */
export interface JSONResponseCursorPaginatorConfig {
  /**
   * JSONPath of the next cursor in the response body.
   * @default 'cursors.next'
   */
  readonly cursorPath?: string
  /**
   * Query parameter the cursor is sent in (when `cursorBodyPath` is not set).
   * @default 'cursor'
   */
  readonly cursorParam?: string
  /** JSONPath in the request body for the cursor, instead of `cursorParam`. */
  readonly cursorBodyPath?: string
}

/**
 * Sends back the cursor found in each response until there is none.
 *
 * ```ts
 * new JSONResponseCursorPaginator({ cursorPath: 'meta.next_cursor', cursorParam: 'after' })
 * ```
 */
export class JSONResponseCursorPaginator extends BaseReferencePaginator {
  readonly #config: JSONResponseCursorPaginatorConfig
  readonly #cursorPath: CompiledJsonPath
  readonly #target: RequestTarget

  constructor(config: JSONResponseCursorPaginatorConfig = {}) {
    super()
    this.#config = Object.freeze({ ...config })
    this.#cursorPath = compileJsonPath(config.cursorPath ?? 'cursors.next')
    this.#target = resolveRequestTarget(config.cursorParam, config.cursorBodyPath, 'cursor', [
      'cursorParam',
      'cursorBodyPath',
    ])
  }

  /** Reads the cursor; none, `null` or `''` ends the pagination. */
  updateState(response: RESTResponse): void {
    this.nextReference = toReference(findValues(this.#cursorPath, response.json())[0])
  }

  /** Puts the cursor on the next request. */
  updateRequest(request: PageRequest): void {
    writeRequestValue(request, this.#target, this.nextReference)
  }

  clone(): JSONResponseCursorPaginator {
    return new JSONResponseCursorPaginator(this.#config)
  }

  override toString(): string {
    return `JSONResponseCursorPaginator(cursorPath=${this.#cursorPath.path}, ${describeTarget(this.#target)})`
  }
}
