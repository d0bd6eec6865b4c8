/**
 * @module Chunks: what flows through a resource's pipe. Each value a resource yields is one chunk —
 * a single item, or a page (an array) of items — so that steps can work item by item while
 * transformers and `addLimit` still see what the resource yielded.
 *
 * A page's items are never lists: an array inside a page is a page too, and a marked list
 * (`dlt.mark.withTableName(list, …)`) is a page whose every item carries the mark. dlt marks a
 * list the same way, but writes an array inside a yielded list as one row (`{ value: [...] }`,
 * so its items land in a `…__value` table); see docs/compatibility.md.
 */
import { isAsyncIterable, isIterable, pageItems } from './data-items.js'
import { JsonLines, JsonLinesChunk } from './json-lines.js'
import { isMarked } from './mark.js'

/** One yield of a resource: one item (`isPage: false`) or a page of items. */
export interface Chunk {
  readonly items: readonly unknown[]
  readonly isPage: boolean
}

/** What a resource function may produce: items, pages, or a promise of either. */
export type ResourceData<T> =
  | readonly T[]
  | Iterable<T | readonly T[]>
  | AsyncIterable<T | readonly T[]>

/** Turns one yielded value into a chunk; `JsonLines` is a page still serialized. */
export function toChunk(value: unknown): Chunk {
  if (Array.isArray(value) || (isMarked(value) && Array.isArray(value.item))) {
    return { items: pageItems(value), isPage: true }
  }
  if (value instanceof JsonLines) return new JsonLinesChunk(value)
  return { items: [value], isPage: false }
}

/**
 * The chunks of what a resource function returned: an array is one page; an iterable yields one
 * chunk per element; any other value is one item. `what` names the producer in errors.
 */
export async function* chunksOf(produced: unknown, what: string): AsyncGenerator<Chunk> {
  const data = isThenable(produced) ? await produced : produced
  if (Array.isArray(data)) {
    yield toChunk(data)
  } else if (isAsyncIterable(data)) {
    for await (const value of data) yield toChunk(value)
  } else if (isIterable(data)) {
    let count = 0
    for (const value of data) {
      yield toChunk(value)
      // a long synchronous generator must not starve concurrent resources of I/O
      if (++count % 256 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
  } else if (data === undefined) {
    throw new TypeError(
      `${what} returned nothing: return or yield items (an array, an iterable or an async iterable)`,
    )
  } else {
    yield toChunk(data)
  }
}

/** True for promises and other thenables. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}
