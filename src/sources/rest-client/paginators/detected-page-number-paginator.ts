/**
 * @module The page-number paginator detection creates. dlt's detected paginator assumes pages
 * start at 0 and so reads the first page of a 1-based API twice. This one knows the base when the
 * response names its page (`"page": 1`); otherwise it asks for page 1 and, if that returns the
 * first page again, drops the repeat and continues at page 2.
 */
import type { RESTResponse } from '../rest-response.js'
import { PageNumberPaginator } from './page-number-paginator.js'

/** What detection found in the first response. */
export interface DetectedPageNumberSettings {
  /** JSONPath of the total number of pages. */
  readonly totalPath: string
  /** The page number the first response reports, if it reports one. */
  readonly currentPage: number | undefined
}

/** @internal A `PageNumberPaginator` that works out whether the API counts pages from 0 or 1. */
export class DetectedPageNumberPaginator extends PageNumberPaginator {
  readonly #settings: DetectedPageNumberSettings
  #isBaseKnown: boolean
  #firstPage: string | undefined
  #isRepeatedPage = false

  constructor(settings: DetectedPageNumberSettings) {
    const { totalPath, currentPage } = settings
    const base = currentPage === 0 || currentPage === 1 ? currentPage : undefined
    super({ totalPath, basePage: base ?? 0, page: base ?? 0 })
    this.#settings = settings
    this.#isBaseKnown = base !== undefined
  }

  /** True when the page just read repeated the first page (a 1-based API): it is not yielded. */
  get isRepeatedPage(): boolean {
    return this.#isRepeatedPage
  }

  override updateState(response: RESTResponse, data: readonly unknown[]): void {
    this.#isRepeatedPage = false
    if (!this.#isBaseKnown) {
      const page = JSON.stringify(data)
      if (this.#firstPage === undefined) {
        this.#firstPage = page
      } else {
        this.#isBaseKnown = true
        if (data.length > 0 && page === this.#firstPage) {
          // `page=1` returned the first page again: the API counts from 1.
          this.baseIndex = 1
          this.#isRepeatedPage = true
          this.logger.info(`${this}: page 1 repeats the first page; treating pages as 1-based`)
        }
      }
    }
    super.updateState(response, data)
  }

  override clone(): DetectedPageNumberPaginator {
    return new DetectedPageNumberPaginator(this.#settings)
  }
}
