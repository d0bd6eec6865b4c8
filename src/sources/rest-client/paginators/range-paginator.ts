/**
 * @module The shared logic of numeric paginators (dlt's `RangePaginator`): a number — a page or an
 * offset — sent as a query parameter or in the JSON body and stepped after every page, until the
 * total, a maximum, a `has_more` flag or an empty page says stop. Unlike dlt, a `total` that is
 * missing or `null` does not raise (dlt#1414, dlt#4429): the paginator notes it and stops at the
 * first empty page instead.
 */
import { type CompiledJsonPath, compileJsonPath, findValues } from '../json-path/json-path.js'
import type { PageRequest } from '../page-request.js'
import { PaginatorError } from '../rest-client-errors.js'
import type { RESTResponse } from '../rest-response.js'
import { BasePaginator } from './paginator.js'
import { type RequestTarget, writeRequestValue } from './request-target.js'

/** The settings of a `RangePaginator`, resolved by its subclass. */
export interface RangePaginatorSettings {
  /** Where the number goes: a query parameter or a path in the JSON body. */
  readonly target: RequestTarget
  /** The number of the first request. */
  readonly initialValue: number
  /** Added after every page: 1 for pages, the limit for offsets. */
  readonly valueStep: number
  /** The number of the first item or page (0- or 1-based). */
  readonly baseIndex: number
  /** Stop once the number reaches this value. */
  readonly maximumValue: number | undefined
  /** JSONPath of the total (items or pages) in the body. */
  readonly totalPath: string | undefined
  /** JSONPath of a boolean "more pages" flag in the body. */
  readonly hasMorePath: string | undefined
  readonly stopAfterEmptyPage: boolean
  /** The option names to use in messages, e.g. `maximumOffset`. */
  readonly maximumOption: string
}

const TRUE_STRINGS = new Set(['true', '1', 'yes', 'y', 'on', 't'])
const FALSE_STRINGS = new Set(['false', '0', 'no', 'n', 'off', 'f'])

/** Base of `OffsetPaginator` and `PageNumberPaginator`. */
export abstract class RangePaginator extends BasePaginator {
  /** The number the next request will carry. */
  protected currentValue: number
  /** 0- or 1-based; a subclass may adjust it once it knows better. */
  protected baseIndex: number
  readonly #settings: RangePaginatorSettings
  readonly #totalPath: CompiledJsonPath | undefined
  readonly #hasMorePath: CompiledJsonPath | undefined

  constructor(settings: RangePaginatorSettings) {
    super()
    const { totalPath, maximumValue, hasMorePath, stopAfterEmptyPage, maximumOption } = settings
    if (
      totalPath === undefined &&
      maximumValue === undefined &&
      !hasMorePath &&
      !stopAfterEmptyPage
    )
      throw new TypeError(
        `One of \`totalPath\`, \`${maximumOption}\`, \`hasMorePath\` or \`stopAfterEmptyPage\` must be set`,
      )
    this.#settings = settings
    this.#totalPath = totalPath === undefined ? undefined : compileJsonPath(totalPath)
    this.#hasMorePath = hasMorePath === undefined ? undefined : compileJsonPath(hasMorePath)
    this.currentValue = settings.initialValue
    this.baseIndex = settings.baseIndex
  }

  /** Puts the first number on the request. */
  override initRequest(request: PageRequest): void {
    this.setHasNextPage(true)
    this.currentValue = this.#settings.initialValue
    this.updateRequest(request)
  }

  /** Steps the number and stops on an empty page, the total, the maximum or `has_more: false`. */
  updateState(response: RESTResponse, data: readonly unknown[]): void {
    if (this.#settings.stopAfterEmptyPage && data.length === 0) {
      this.setHasNextPage(false)
      return
    }
    const total = this.#readTotal(response)
    this.currentValue += this.#settings.valueStep
    const { maximumValue } = this.#settings
    const done =
      (total !== undefined && this.currentValue >= total + this.baseIndex) ||
      (maximumValue !== undefined && this.currentValue >= maximumValue)
    const hasMore = this.#readHasMore(response)
    this.setHasNextPage(!done && hasMore !== false)
  }

  /** Puts the current number on the request (query parameter or body path). */
  updateRequest(request: PageRequest): void {
    writeRequestValue(request, this.#settings.target, this.currentValue)
  }

  #readTotal(response: RESTResponse): number | undefined {
    if (!this.#totalPath) return undefined
    const value = findValues(this.#totalPath, response.json())[0]
    if (value === undefined || value === null) {
      const { stopAfterEmptyPage, maximumValue, hasMorePath } = this.#settings
      if (!stopAfterEmptyPage && maximumValue === undefined && !hasMorePath)
        throw new PaginatorError(
          String(this),
          this.#totalPath.path,
          `no total at "${this.#totalPath.path}"`,
        )
      // dlt raises here (dlt#1414); an empty page still ends the loop, so carry on without it.
      this.logger.debug(
        `${this}: no total at "${this.#totalPath.path}"; stopping at the first empty page instead`,
      )
      return undefined
    }
    const total = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
    if (typeof total !== 'number' || !Number.isFinite(total))
      throw new PaginatorError(
        String(this),
        this.#totalPath.path,
        `the total at "${this.#totalPath.path}" is not a number: ${JSON.stringify(value)}`,
      )
    return Math.trunc(total)
  }

  #readHasMore(response: RESTResponse): boolean | undefined {
    if (!this.#hasMorePath) return undefined
    const value = findValues(this.#hasMorePath, response.json())[0]
    if (typeof value === 'boolean') return value
    if (typeof value === 'string' && TRUE_STRINGS.has(value.toLowerCase())) return true
    if (typeof value === 'string' && FALSE_STRINGS.has(value.toLowerCase())) return false
    const problem =
      value === undefined ? 'is missing' : `is not a boolean: ${JSON.stringify(value)}`
    throw new PaginatorError(
      String(this),
      this.#hasMorePath.path,
      `the "has more" flag at "${this.#hasMorePath.path}" ${problem}`,
    )
  }
}
