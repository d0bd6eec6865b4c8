/**
 * @module `PageChunk`: a chunk holding a page still serialized — `JsonLines` (e.g. read from a
 * `.jsonl` file) or `CopyTextPage` (PostgreSQL's COPY text) — that extract copies into the
 * package as it is while nothing needs its items. A step, an incremental cursor, a transformer or
 * a table-name function reads `items`, which parses the page on first use; the items then go the
 * usual way.
 */
import type { Chunk } from './chunks.js'

/** A page of serialized rows that can be parsed into items. */
export interface SerializedPage {
  /** The page's items (parsed anew on each call). */
  parse(): unknown[]
}

/** A chunk holding a serialized page: `items` parses it on first use. */
export class PageChunk<P extends SerializedPage = SerializedPage> implements Chunk {
  readonly isPage = true
  readonly page: P
  #items: unknown[] | undefined

  constructor(page: P) {
    this.page = page
  }

  /** True until something read `items`. */
  get unparsed(): boolean {
    return this.#items === undefined
  }

  get items(): readonly unknown[] {
    this.#items ??= this.page.parse()
    return this.#items
  }
}
