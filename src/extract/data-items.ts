/**
 * @module Turns whatever a user passes to `pipeline.run()` into one async stream of items, and
 * the rule for what a page holds: its items, never lists (an array inside a page is a page).
 */
import type { MarkedItem } from './mark.js'
import { isMarked, withListMark } from './mark.js'

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
  if (isPageLike(item)) yield* pageItems(item)
  else yield item
}

/**
 * The items of a page: an array, or a marked array (`dlt.mark.withTableName(list, …)`). Arrays in
 * the page are pages too and give their items; a marked array marks each of its items, whose own
 * mark wins. A page without nested arrays is returned as it is.
 */
export function pageItems(page: unknown): readonly unknown[] {
  if (Array.isArray(page) && !page.some(isPageLike)) return page
  const items: unknown[] = []
  addPageItems(page, undefined, items)
  return items
}

function isPageLike(value: unknown): boolean {
  return Array.isArray(value) || (isMarked(value) && Array.isArray(value.item))
}

function addPageItems(value: unknown, mark: MarkedItem | undefined, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) addPageItems(item, mark, out)
  } else if (isMarked(value) && Array.isArray(value.item)) {
    const listMark = mark ? withListMark(value, mark) : value
    for (const item of value.item) addPageItems(item, listMark, out)
  } else {
    out.push(mark ? withListMark(value, mark) : value)
  }
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
