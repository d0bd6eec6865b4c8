/**
 * @module Marks: an item wrapped with where it goes (`withTableName`) or with table hints
 * (`withHints`), so one resource can dispatch items to several tables and set their hints from
 * the data. The wrapper travels through a resource's steps (they see and return the bare item)
 * and is removed when the item is written.
 */
import type { TableHints } from '../schema/hints.js'

const MARK = Symbol.for('dlt-ts.mark')

/** Type-only brand telling a marked list (a page) from a marked item. */
declare const PAGE: unique symbol

/** An item with the table it goes to and/or hints for that table. */
export interface MarkedItem<T = unknown> {
  readonly [MARK]: true
  readonly item: T
  readonly tableName: string | undefined
  readonly hints: TableHints | undefined
  readonly [PAGE]?: false
}

/** A list marked as a whole: a page whose every item carries the mark. */
export interface MarkedPage<T = unknown> extends Omit<MarkedItem<readonly T[]>, typeof PAGE> {
  readonly [PAGE]: true
}

/** True if `value` is a marked item. */
export function isMarked(value: unknown): value is MarkedItem {
  return value !== null && typeof value === 'object' && MARK in value
}

/** The item inside a mark, or `value` itself. */
export function unmark<T>(value: T | MarkedItem<T>): T {
  return isMarked(value) ? (value.item as T) : (value as T)
}

/** Applies `fn` to the bare item and keeps the mark on the result. */
export function mapMarked<T, U>(value: T | MarkedItem<T>, fn: (item: T) => U): U | MarkedItem<U> {
  if (!isMarked(value)) return fn(value as T)
  return { ...value, item: fn(value.item as T) }
}

/**
 * `item` under the mark of the list it came in: the list's table and hints, with the item's own
 * mark winning. An unmarked item shares the list's hints object (applied once per table).
 * @internal
 */
export function withListMark(item: unknown, list: MarkedItem): MarkedItem {
  if (!isMarked(item)) return { ...list, item }
  return {
    [MARK]: true,
    item: item.item,
    tableName: item.tableName ?? list.tableName,
    hints: item.hints && list.hints ? { ...list.hints, ...item.hints } : (item.hints ?? list.hints),
  }
}

function markItem<T>(item: T, patch: { tableName?: string; hints?: TableHints }): MarkedItem<T> {
  const inner = isMarked(item) ? item : undefined
  return {
    [MARK]: true,
    item: (inner ? inner.item : item) as T,
    tableName: patch.tableName ?? inner?.tableName,
    hints: patch.hints ? { ...inner?.hints, ...patch.hints } : inner?.hints,
  }
}

/**
 * Sends `item` to table `tableName` (normalized by the naming convention). A list is marked as
 * a page: every item of it goes to `tableName`.
 */
function withTableName<T>(items: readonly T[], tableName: string): MarkedPage<T>
function withTableName<T>(item: T, tableName: string): MarkedItem<T>
function withTableName(item: unknown, tableName: string): MarkedItem | MarkedPage {
  if (typeof tableName !== 'string' || !tableName) {
    throw new TypeError('mark.withTableName: `tableName` must be a non-empty string')
  }
  return markItem(item, { tableName })
}

/**
 * Applies table hints (write disposition, keys, columns, …) to the table `item` goes to; for a
 * list, to the table of each of its items.
 */
function withHints<T>(items: readonly T[], hints: TableHints): MarkedPage<T>
function withHints<T>(item: T, hints: TableHints): MarkedItem<T>
function withHints(item: unknown, hints: TableHints): MarkedItem | MarkedPage {
  return markItem(item, { hints })
}

/**
 * Marks for items yielded by a resource. A marked list is a page: each of its items is marked.
 *
 * ```ts
 * const events = dlt.resource(async function* () {
 *   for await (const event of stream) yield dlt.mark.withTableName(event, `events_${event.type}`)
 *   yield dlt.mark.withTableName(await fetchArchived(), 'archived_events') // a whole page
 * }, { name: 'events' })
 * ```
 */
export const mark = { withTableName, withHints } as const
