/**
 * @module Turns whatever a user passes to `pipeline.run()` into one async stream of items.
 */

/** Data `pipeline.run()` accepts: arrays, (async) iterables, or (async) generator functions. */
export type DataInput<T = unknown> =
  | readonly T[]
  | Iterable<T>
  | AsyncIterable<T>
  | (() => Iterable<T> | AsyncIterable<T> | Promise<Iterable<T> | AsyncIterable<T>>)

/**
 * Iterates `data` item by item. Arrays yielded by the data are pages: their elements are items
 * (dlt does the same with lists yielded by a resource).
 */
export async function* iterateItems(data: DataInput): AsyncGenerator<unknown> {
  const source = typeof data === 'function' ? await data() : data
  if (isAsyncIterable(source)) {
    for await (const item of source) yield* flattenPage(item)
  } else if (isIterable(source)) {
    for (const item of source) yield* flattenPage(item)
  } else {
    throw new TypeError(
      'The `data` passed to run() must be an array, an iterable, an async iterable or a function returning one',
    )
  }
}

function* flattenPage(item: unknown): Generator<unknown> {
  if (Array.isArray(item)) yield* item
  else yield item
}

/** True for values with `Symbol.asyncIterator`. */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    value != null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  )
}

/** True for iterables other than strings (a string is one item, not a sequence of characters). */
export function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value != null &&
    typeof value !== 'string' &&
    typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function'
  )
}
