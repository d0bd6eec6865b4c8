/**
 * @module Marks: an item wrapped with where it goes (`withTableName`) or with table hints
 * (`withHints`), so one resource can dispatch items to several tables and set their hints from
 * the data. The wrapper travels through a resource's steps (they see and return the bare item)
 * and is removed when the item is written.
 */
import type { TableHints } from '../schema/hints.js'

const MARK = Symbol.for('dlt-ts.mark')

/** An item with the table it goes to and/or hints for that table. */
export interface MarkedItem<T = unknown> {
  readonly [MARK]: true
  readonly item: T
  readonly tableName: string | undefined
  readonly hints: TableHints | undefined
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
 * Marks for items yielded by a resource.
 *
 * ```ts
 * const events = dlt.resource(async function* () {
 *   for await (const event of stream) yield dlt.mark.withTableName(event, `events_${event.type}`)
 * }, { name: 'events' })
 * ```
 */
export const mark = {
  /** Sends `item` to table `tableName` (normalized by the naming convention). */
  withTableName<T>(item: T, tableName: string): MarkedItem<T> {
    if (typeof tableName !== 'string' || !tableName) {
      throw new TypeError('mark.withTableName: `tableName` must be a non-empty string')
    }
    return markItem(item, { tableName })
  },
  /** Applies table hints (write disposition, keys, columns, …) to the table `item` goes to. */
  withHints<T>(item: T, hints: TableHints): MarkedItem<T> {
    return markItem(item, { hints })
  },
} as const
