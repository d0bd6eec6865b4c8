/**
 * @module Page-number pagination (dlt's `PageNumberPaginator`): `?page=0`, 1, 2 … (or from 1 with
 * `basePage: 1`) until the total number of pages, `maximumPage`, a `has_more: false` or an empty
 * page. The page number can go in the JSON body of a POST instead (`pageBodyPath`).
 */
import { RangePaginator } from './range-paginator.js'
import { describeTarget, type RequestTarget, resolveRequestTarget } from './request-target.js'

/** Configuration of `PageNumberPaginator`. */
export interface PageNumberPaginatorConfig {
  /**
   * The number of the API's first page: 0 or 1 for most APIs.
   * @default 0
   */
  readonly basePage?: number
  /**
   * The page of the first request.
   * @default basePage
   */
  readonly page?: number
  /**
   * Query parameter of the page number (when `pageBodyPath` is not set).
   * @default 'page'
   */
  readonly pageParam?: string
  /** JSONPath in the request body for the page number, instead of `pageParam`. */
  readonly pageBodyPath?: string
  /**
   * JSONPath of the total number of *pages* in the response; `null` when the API has none. A
   * missing or `null` total falls back to stopping at the first empty page.
   * @default 'total'
   */
  readonly totalPath?: string | null
  /**
   * Stop before requesting this page number (dlt's semantics: with `basePage: 0` and
   * `maximumPage: 5`, pages 0–4 are fetched).
   */
  readonly maximumPage?: number
  /**
   * Stop when a page has no records.
   * @default true
   */
  readonly stopAfterEmptyPage?: boolean
  /** JSONPath of a boolean that is false on the last page, e.g. `'has_more'`. */
  readonly hasMorePath?: string
}

/**
 * Pages through page numbers.
 *
 * ```ts
 * new PageNumberPaginator({ basePage: 1, totalPath: 'meta.total_pages' })
 * ```
 */
export class PageNumberPaginator extends RangePaginator {
  readonly #config: PageNumberPaginatorConfig
  readonly #param: RequestTarget

  constructor(config: PageNumberPaginatorConfig = {}) {
    const param = resolveRequestTarget(config.pageParam, config.pageBodyPath, 'page', [
      'pageParam',
      'pageBodyPath',
    ])
    const basePage = config.basePage ?? 0
    if (!Number.isInteger(basePage) || basePage < 0)
      throw new RangeError(
        `The \`basePage\` option must be a non-negative integer, got ${basePage}`,
      )
    super({
      target: param,
      initialValue: config.page ?? basePage,
      valueStep: 1,
      baseIndex: basePage,
      maximumValue: config.maximumPage,
      totalPath: config.totalPath === undefined ? 'total' : (config.totalPath ?? undefined),
      hasMorePath: config.hasMorePath,
      stopAfterEmptyPage: config.stopAfterEmptyPage ?? true,
      maximumOption: 'maximumPage',
    })
    this.#config = Object.freeze({ ...config })
    this.#param = param
  }

  /** The page number the next request carries. */
  get page(): number {
    return this.currentValue
  }

  clone(): PageNumberPaginator {
    const Self = this.constructor as new (config: PageNumberPaginatorConfig) => PageNumberPaginator
    return new Self(this.#config)
  }

  override toString(): string {
    const param = describeTarget(this.#param)
    return `PageNumberPaginator(${param}=${this.currentValue}, basePage=${this.baseIndex})`
  }
}
