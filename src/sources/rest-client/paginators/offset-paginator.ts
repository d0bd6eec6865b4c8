/**
 * @module Offset/limit pagination (dlt's `OffsetPaginator`): `?offset=0&limit=100`, then 100, 200 …
 * until the total, `maximumOffset`, a `has_more: false` or an empty page. Offset and limit can go in
 * the JSON body of a POST instead (`offsetBodyPath`, `limitBodyPath`).
 */
import type { PageRequest } from '../page-request.js'
import { RangePaginator } from './range-paginator.js'
import {
  describeTarget,
  type RequestTarget,
  resolveRequestTarget,
  writeRequestValue,
} from './request-target.js'

/** Configuration of `OffsetPaginator`. */
export interface OffsetPaginatorConfig {
  /** Items per page, sent as `limitParam`. */
  readonly limit: number
  /**
   * The offset of the first request.
   * @default 0
   */
  readonly offset?: number
  /**
   * Query parameter of the offset (when `offsetBodyPath` is not set).
   * @default 'offset'
   */
  readonly offsetParam?: string
  /**
   * Query parameter of the limit (when `limitBodyPath` is not set).
   * @default 'limit'
   */
  readonly limitParam?: string
  /** JSONPath in the request body for the offset, instead of `offsetParam`. */
  readonly offsetBodyPath?: string
  /** JSONPath in the request body for the limit, instead of `limitParam`. */
  readonly limitBodyPath?: string
  /**
   * JSONPath of the total number of items in the response; `null` when the API has none. A
   * missing or `null` total falls back to stopping at the first empty page.
   * @default 'total'
   */
  readonly totalPath?: string | null
  /** Stop before requesting this offset, whatever the total says. */
  readonly maximumOffset?: number
  /**
   * Stop when a page has no records.
   * @default true
   */
  readonly stopAfterEmptyPage?: boolean
  /** JSONPath of a boolean that is false on the last page, e.g. `'has_more'`. */
  readonly hasMorePath?: string
}

/**
 * Pages through `offset`/`limit`.
 *
 * ```ts
 * new OffsetPaginator({ limit: 100, totalPath: 'meta.total' })
 * ```
 */
export class OffsetPaginator extends RangePaginator {
  readonly #config: OffsetPaginatorConfig
  readonly #limit: RequestTarget
  readonly #offset: RequestTarget

  constructor(config: OffsetPaginatorConfig) {
    const limit = config?.limit
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
      throw new RangeError(`The \`limit\` option must be a positive integer, got ${String(limit)}`)
    const offset = resolveRequestTarget(config.offsetParam, config.offsetBodyPath, 'offset', [
      'offsetParam',
      'offsetBodyPath',
    ])
    super({
      target: offset,
      initialValue: config.offset ?? 0,
      valueStep: limit,
      baseIndex: 0,
      maximumValue: config.maximumOffset,
      totalPath: config.totalPath === undefined ? 'total' : (config.totalPath ?? undefined),
      hasMorePath: config.hasMorePath,
      stopAfterEmptyPage: config.stopAfterEmptyPage ?? true,
      maximumOption: 'maximumOffset',
    })
    this.#config = Object.freeze({ ...config })
    this.#offset = offset
    this.#limit = resolveRequestTarget(config.limitParam, config.limitBodyPath, 'limit', [
      'limitParam',
      'limitBodyPath',
    ])
  }

  /** The offset the next request carries. */
  get offset(): number {
    return this.currentValue
  }

  /** Puts offset and limit on the next request. */
  override updateRequest(request: PageRequest): void {
    super.updateRequest(request)
    writeRequestValue(request, this.#limit, this.#config.limit)
  }

  clone(): OffsetPaginator {
    const Self = this.constructor as new (config: OffsetPaginatorConfig) => OffsetPaginator
    return new Self(this.#config)
  }

  override toString(): string {
    const offset = describeTarget(this.#offset)
    return `OffsetPaginator(${offset}=${this.currentValue}, limit=${this.#config.limit})`
  }
}
