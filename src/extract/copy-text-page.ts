/**
 * @module `CopyTextPage`: a page of rows still in PostgreSQL's COPY text format. As with
 * `JsonLines`, extract copies such a page into the package as it is (into a `copy-text` file,
 * `storage/copy-text.ts`) while nothing needs its items (`PageChunk`).
 */
import { type CopyTextColumn, copyTextDecoder } from '../storage/copy-text.js'
import type { SerializedPage } from './page-chunk.js'

/** Whole lines of copy text (UTF-8, each ending in `\n`), their columns, and where they came from. */
export class CopyTextPage implements SerializedPage {
  /** The lines in order, as parts each holding whole lines. */
  readonly parts: readonly Buffer[]
  /** The number of lines. */
  readonly lineCount: number
  /** The fields of each line. */
  readonly columns: readonly CopyTextColumn[]
  /** Names the origin in errors, e.g. a table. */
  readonly source: string

  constructor(
    parts: readonly Buffer[],
    lineCount: number,
    columns: readonly CopyTextColumn[],
    source: string,
  ) {
    this.parts = parts
    this.lineCount = lineCount
    this.columns = columns
    this.source = source
  }

  /** The size of the lines in bytes. */
  get byteLength(): number {
    let length = 0
    for (const part of this.parts) length += part.length
    return length
  }

  /** Decodes the lines into items. */
  parse(): Record<string, unknown>[] {
    const decode = copyTextDecoder(this.columns, this.source)
    const items: Record<string, unknown>[] = []
    for (const part of this.parts) {
      const text = part.toString('utf8')
      let start = 0
      while (start < text.length) {
        const end = text.indexOf('\n', start)
        items.push(decode(text.slice(start, end < 0 ? text.length : end)))
        start = end < 0 ? text.length : end + 1
      }
    }
    return items
  }
}
