/**
 * @module The base of paginators that follow a reference the response gives them — a next-page URL
 * or a cursor (dlt's `BaseReferencePaginator`): there is a next page exactly while there is a
 * reference.
 */
import { BasePaginator } from './paginator.js'

/** A paginator driven by a next-page reference; set `nextReference` in `updateState`. */
export abstract class BaseReferencePaginator extends BasePaginator {
  #nextReference: string | undefined

  /** The reference to the next page (a URL or a cursor), if any. */
  protected get nextReference(): string | undefined {
    return this.#nextReference
  }

  /** Sets the reference; `hasNextPage` follows it. */
  protected set nextReference(value: string | undefined) {
    this.#nextReference = value
    this.setHasNextPage(value !== undefined)
  }
}

/** A found reference as a string, or `undefined` for nothing, `null`, `false` or `''`. */
export function toReference(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false || value === '') return undefined
  return typeof value === 'string' ? value : String(value)
}
