/**
 * @module The data of a `COPY … TO STDOUT` cut out of PostgreSQL's protocol messages, straight into
 * pages of exactly `chunkSize` lines: each `CopyData` message (one row, one line) is copied once,
 * into its page — no buffer per message and none per socket read, as a stream of the COPY data
 * would make before the pages were joined from it. Pure: `pg-copy-pages.ts` feeds it the socket's
 * chunks.
 */

const COPY_DATA = 0x64
const COPY_DONE = 0x63
/** Messages PostgreSQL may send before or between `CopyData` messages; skipped. */
const SKIPPED = new Set([
  0x48, // CopyOutResponse
  0x4e, // NoticeResponse
  0x53, // ParameterStatus
  0x41, // NotificationResponse
])
/** A message's header: its code and its length (which counts itself, 4 bytes). */
const HEADER = 5
const FIRST_PAGE_BYTES = 1 << 20

/** Whether a message of `code` belongs to the COPY's data (is not the end of it). */
function inCopy(code: number): boolean {
  return code === COPY_DATA || SKIPPED.has(code)
}

/** Cuts `CopyData` messages into pages of `chunkSize` lines. */
export class CopyOutPages {
  /** Finished pages, oldest first; the caller takes them. */
  readonly pages: Buffer[] = []
  readonly #chunkSize: number
  readonly #header = Buffer.alloc(HEADER)
  #headerBytes = 0
  #code = 0
  /** Bytes of the current message's body not read yet. */
  #remaining = 0
  #page = Buffer.allocUnsafe(FIRST_PAGE_BYTES)
  #used = 0
  #lines = 0

  constructor(chunkSize: number) {
    this.#chunkSize = chunkSize
  }

  /**
   * Reads `chunk`. Returns the bytes from the first message that ends the COPY (`CopyDone`,
   * `ErrorResponse`, …) on, for the driver to read; `undefined` while the COPY goes on.
   */
  push(chunk: Buffer): Buffer | undefined {
    let at = 0
    const end = chunk.length
    while (at < end) {
      if (this.#remaining === 0) {
        let code: number
        let length: number
        if (this.#headerBytes === 0 && end - at >= HEADER) {
          code = chunk[at]!
          if (!inCopy(code)) return this.#ended(code, chunk.subarray(at))
          length = chunk.readUInt32BE(at + 1)
          at += HEADER
        } else {
          // a header cut between two socket reads
          const n = Math.min(HEADER - this.#headerBytes, end - at)
          chunk.copy(this.#header, this.#headerBytes, at, at + n)
          this.#headerBytes += n
          at += n
          if (this.#headerBytes < HEADER) return undefined
          this.#headerBytes = 0
          code = this.#header[0]!
          if (!inCopy(code)) {
            return this.#ended(code, Buffer.concat([this.#header, chunk.subarray(at)]))
          }
          length = this.#header.readUInt32BE(1)
        }
        this.#code = code
        this.#remaining = length - 4
        continue
      }
      const n = Math.min(this.#remaining, end - at)
      if (this.#code === COPY_DATA) {
        this.#append(chunk, at, at + n)
        if (n === this.#remaining && ++this.#lines === this.#chunkSize) this.#finishPage()
      }
      this.#remaining -= n
      at += n
    }
    return undefined
  }

  /**
   * Passes on the bytes from the message that ended the COPY; at `CopyDone` the last page is
   * finished, after anything else (an error) the rows of the unfinished page are dropped.
   */
  #ended(code: number, rest: Buffer): Buffer {
    if (code === COPY_DONE) this.#finishPage()
    this.#used = 0
    this.#lines = 0
    return rest
  }

  #append(chunk: Buffer, from: number, to: number): void {
    const need = this.#used + (to - from)
    if (need > this.#page.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.#page.length * 2))
      this.#page.copy(bigger, 0, 0, this.#used)
      this.#page = bigger
    }
    chunk.copy(this.#page, this.#used, from, to)
    this.#used = need
  }

  #finishPage(): void {
    if (this.#used === 0) return
    this.pages.push(this.#page.subarray(0, this.#used))
    // the next page is about as long: room for it at once, with a little to spare
    this.#page = Buffer.allocUnsafe(Math.ceil(this.#used * 1.02) + 4096)
    this.#used = 0
    this.#lines = 0
  }
}
