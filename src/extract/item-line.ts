/**
 * @module `ItemLine`: an extracted item written as its line of typed JSON straight into the
 * extract file's buffer. Plain JSON data (the common item) is written by one walk that checks and
 * writes it (`writePlainItem`), without the line's string; anything else — a `Date`, `bigint`,
 * bytes, a string typed JSON escapes, or what is not data — goes through `encodeItem`, which
 * encodes it or names the table and the path of the value that is not data. The bytes are those
 * of `encodeItem` either way (200k generated issues: 355 vs 560 ms with `encodeItem` and
 * `Buffer#write`).
 */
import type { EncodableLine } from '../storage/writers/buffered-line-writer.js'
import { NOT_PLAIN, writePlainItem, writeText } from '../storage/writers/json-bytes.js'
import { encodeItem } from './encode-item.js'

/** One item going to one table; reused for every item (`set`). */
export class ItemLine implements EncodableLine {
  #item: unknown
  #table = ''
  // the line as a string, once the walk left the item to `encodeItem`
  #text: string | undefined

  /** Points the line at `item`, going to `table`. */
  set(item: unknown, table: string): this {
    this.#item = item
    this.#table = table
    this.#text = undefined
    return this
  }

  encodeInto(buffer: Buffer, offset: number, limit: number): number {
    if (this.#text === undefined) {
      const end = writePlainItem(buffer, offset, limit, this.#item)
      if (end !== NOT_PLAIN) return end
      this.#text = encodeItem(this.#item, this.#table)
    }
    return writeText(buffer, offset, limit, this.#text)
  }
}
