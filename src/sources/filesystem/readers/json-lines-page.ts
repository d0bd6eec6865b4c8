/**
 * @module `JsonLinesPage`: rows a reader serialized itself, written straight into a buffer and
 * handed out as `JsonLines` pages. Extract copies such a page into the package without parsing it
 * when nothing on the resource needs the items (see `extract/json-lines.ts`); otherwise it parses
 * the page as if the rows had been yielded as objects.
 */
import { JsonLines } from '../../../extract/json-lines.js'

const NEWLINE = 0x0a
const INITIAL_BYTES = 1 << 20

/** Collects JSON lines of one file; `take()` returns them as a page. */
export class JsonLinesPage {
  readonly #source: string
  #buffer = Buffer.allocUnsafe(INITIAL_BYTES)
  #length = 0
  #lines = 0
  #firstLine = 1
  /**
   * The columns of the lines written as JSON arrays (`storage/json-rows.ts`); set before such a
   * line is written, and kept for the pages after.
   */
  columns: readonly string[] | undefined = undefined

  /** @param source names the file in errors (its `file_url`) */
  constructor(source: string) {
    this.#source = source
  }

  /** Lines collected since the last `take()`. */
  get size(): number {
    return this.#lines
  }

  /** Adds one line (a JSON object, without newline) read from `line` of the file. */
  add(json: string, line: number): void {
    if (this.#lines === 0) this.#firstLine = line
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    this.#length += this.room(json.length * 3 + 1).write(json, this.#length)
    this.#buffer[this.#length++] = NEWLINE
    this.#lines++
  }

  /**
   * The page's buffer with room for `bytes` more bytes after `at`, for a parser that writes a
   * line in place (from `byteLength` on) and then calls `endLine`. Growing keeps the bytes
   * before `at`, the line written so far included.
   */
  room(bytes: number, at = this.#length): Buffer {
    if (at + bytes > this.#buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, at + bytes))
      this.#buffer.copy(grown, 0, 0, at)
      this.#buffer = grown
    }
    return this.#buffer
  }

  /** Where the next line starts in the buffer `room` returns. */
  get byteLength(): number {
    return this.#length
  }

  /** Ends a line written in place up to `end` (exclusive), read from `line` of the file. */
  endLine(end: number, line: number): void {
    if (this.#lines === 0) this.#firstLine = line
    this.#length = end
    this.#buffer[this.#length++] = NEWLINE
    this.#lines++
  }

  /** The collected lines as a page, or `undefined` when there are none; starts a new page. */
  take(): JsonLines | undefined {
    if (this.#lines === 0) return undefined
    const page = new JsonLines(
      this.#buffer.subarray(0, this.#length),
      this.#source,
      this.#firstLine,
      this.columns,
    )
    // the page keeps its bytes: the next page gets a buffer of its own, sized like this one
    this.#buffer = Buffer.allocUnsafe(Math.max(INITIAL_BYTES, this.#length + (this.#length >> 3)))
    this.#length = 0
    this.#lines = 0
    return page
  }
}
