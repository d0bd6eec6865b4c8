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

import { CopyTextPage } from './copy-text-page.js'
import { isAsyncIterable, isIterable, pageItems } from './data-items.js'
import { JsonLines } from './json-lines.js'
import { isMarked } from './mark.js'
import { PageChunk } from './page-chunk.js'

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

/** Turns one yielded value into a chunk; `JsonLines` and `CopyTextPage` are pages still serialized. */
export function toChunk(value: unknown): Chunk {
  if (Array.isArray(value) || (isMarked(value) && Array.isArray(value.item))) {
    return { items: pageItems(value), isPage: true }
  }
  if (value instanceof JsonLines || value instanceof CopyTextPage) return new PageChunk(value)
  return { items: [value], isPage: false }
}

/**
 * The chunks of what a resource function returned: an array is one page; an iterable yields one
 * chunk per element; any other value is one item. `what` names the producer in errors.
 */
export function chunksOf(produced: unknown, what: string): AsyncIterable<Chunk> {
  // generators are the common case, one chunk per item: mapped without an async generator, whose
  // promises per item cost more than the mapping (200k items: ~0.1 s → ~0.05 s)
  if (isThenable(produced) || Array.isArray(produced)) return producedChunks(produced, what)
  if (isAsyncIterable(produced)) return asyncChunks(produced)
  if (isIterable(produced)) return syncChunks(produced)
  return producedChunks(produced, what)
}

async function* producedChunks(produced: unknown, what: string): AsyncGenerator<Chunk> {
  const data = isThenable(produced) ? await produced : produced
  if (Array.isArray(data)) {
    yield toChunk(data)
  } else if (isAsyncIterable(data)) {
    yield* asyncChunks(data)
  } else if (isIterable(data)) {
    yield* syncChunks(data)
  } else if (data === undefined) {
    throw new TypeError(
      `${what} returned nothing: return or yield items (an array, an iterable or an async iterable)`,
    )
  } else {
    yield toChunk(data)
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined }

/** One chunk per element of `data`, each as it is asked for. */
function asyncChunks(data: AsyncIterable<unknown>): AsyncIterableIterator<Chunk> {
  let iterator: AsyncIterator<unknown> | undefined
  return {
    [Symbol.asyncIterator]() {
      return this
    },
    async next() {
      iterator ??= data[Symbol.asyncIterator]()
      const step = await iterator.next()
      return step.done ? DONE : { done: false, value: toChunk(step.value) }
    },
    async return() {
      // the consumer stopped early (a limit, an error): the producer closes, as `for await` does
      await iterator?.return?.()
      return DONE
    },
  }
}

/** One chunk per element of `data`; every 256 elements the event loop gets a turn. */
function syncChunks(data: Iterable<unknown>): AsyncIterableIterator<Chunk> {
  let iterator: Iterator<unknown> | undefined
  let count = 0
  return {
    [Symbol.asyncIterator]() {
      return this
    },
    next() {
      let result: IteratorResult<Chunk>
      try {
        iterator ??= data[Symbol.iterator]()
        const step = iterator.next()
        result = step.done ? DONE : { done: false, value: toChunk(step.value) }
      } catch (error) {
        return Promise.reject(error)
      }
      // a long synchronous generator must not starve concurrent resources of I/O
      if (!result.done && ++count % 256 === 0) {
        return new Promise((resolve) => setImmediate(resolve, result))
      }
      return Promise.resolve(result)
    },
    async return() {
      iterator?.return?.()
      return DONE
    },
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
