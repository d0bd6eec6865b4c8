/**
 * @module `CsvJsonLines`: the fast path of `readCsv` — UTF-8 CSV bytes straight to JSON lines
 * bytes, with no string or object per field. It reads the common dialect (a one-byte delimiter
 * and quote, quotes doubled inside quoted fields, `\n` or `\r\n` line ends, a UTF-8 BOM, empty
 * lines skipped) and gives up (`CSV_STEP.unsupported`) at anything else — invalid UTF-8, a lone
 * `\r`, a quote inside an unquoted field, text after a closing quote, more fields than the
 * header — so that `csv-parse` reads the file instead and decides (most such files are errors).
 * Until it gives up, its rows equal what the `csv-parse` path makes of the same bytes.
 */
import { isUtf8 } from 'node:buffer'
import { CsvRecord, DOUBLED, ESCAPE, QUOTED } from './csv-record.js'
import { CsvRowWriter } from './csv-row-writer.js'
import { dedupe } from './csv-values.js'
import type { JsonLinesPage } from './json-lines-page.js'

/** Where `CsvJsonLines.next()` stopped. */
export const CSV_STEP = {
  /** Needs more input (`push`), or `end()`. */
  more: 0,
  /** The page holds `chunkSize` rows: take it. */
  page: 1,
  /** A row brought a new decimal column: it is in `hinted`, not in the page. */
  hint: 2,
  /** All input read. */
  done: 3,
  /** The file is beyond the fast path: read it with `csv-parse`. */
  unsupported: 4,
} as const

/** The dialect and the page the rows go to. */
export interface CsvJsonLinesConfig {
  /** The delimiter byte. */
  readonly delimiter: number
  /** The quote byte; -1 for none. */
  readonly quote: number
  readonly header: boolean | readonly string[]
  readonly inferTypes: boolean
  readonly chunkSize: number
  readonly page: JsonLinesPage
  /** Columns (by index) seen with a decimal number; shared with the `csv-parse` path. */
  readonly decimals: Set<number>
}

const INCOMPLETE = -1
const UNSUPPORTED = -2
const LF = 1
const CRLF = 2
/** A record this long still incomplete waits for more input before it is scanned again. */
const LONG_RECORD = 1 << 20
/** The smallest buffer the input is put together in. */
const MIN_WORK_BYTES = 256 * 1024

/** Parses CSV bytes pushed in chunks into JSON lines in `config.page`. */
export class CsvJsonLines {
  /** The rows read so far (the row number of the last one). */
  rows = 0
  /** The column names, once known. */
  names: readonly string[] | undefined
  /** The row of a `hint` step, as an object. */
  hinted: Record<string, unknown> | undefined
  readonly #config: CsvJsonLinesConfig
  #input: Buffer = Buffer.alloc(0)
  /** Where the input is put together when a record spans chunks (`#input` may be a view of it). */
  #work: Buffer = Buffer.alloc(0)
  #pos = 0
  #limit = 0
  #next = 0
  #ended = false
  #started = false
  #lineEnd = 0
  #expected = -1
  readonly #record = new CsvRecord()
  #writer: CsvRowWriter | undefined
  /** Chunks pushed but not yet appended to `#input`. */
  #held: Buffer[] = []
  #heldBytes = 0
  /** The unparsed bytes an incomplete long record waits for before it is scanned again. */
  #waitFor = 0

  constructor(config: CsvJsonLinesConfig) {
    this.#config = config
    if (Array.isArray(config.header)) this.#setNames(config.header)
  }

  /** Adds the file's next bytes; false when they are not UTF-8 (the fast path gives up). */
  push(chunk: Buffer): boolean {
    this.#held.push(chunk)
    this.#heldBytes += chunk.length
    // a long record still incomplete is scanned again once its bytes doubled: linear time
    if (this.#input.length - this.#pos + this.#heldBytes < this.#waitFor) return true
    this.#takeHeld()
    return this.#extend()
  }

  /** Ends the input; false when its last bytes are not UTF-8. */
  end(): boolean {
    this.#takeHeld()
    this.#ended = true
    return this.#extend()
  }

  /**
   * Appends the held chunks to the unparsed rest of the input, in a buffer kept from one call to
   * the next (a new one per chunk cost a page fault per 4 KB of it).
   */
  #takeHeld(): void {
    const rest = this.#input.length - this.#pos
    const validated = this.#limit - this.#pos
    if (rest === 0 && this.#held.length === 1) {
      this.#input = this.#held[0]!
    } else {
      const size = rest + this.#heldBytes
      let work = this.#work
      if (work.length < size) {
        work = Buffer.allocUnsafe(Math.max(size, work.length * 2, MIN_WORK_BYTES))
        this.#input.copy(work, 0, this.#pos)
      } else if (rest > 0) {
        // the rest may lie in `work` itself: `copy` moves overlapping bytes correctly
        this.#input.copy(work, 0, this.#pos)
      }
      let at = rest
      for (const chunk of this.#held) at += chunk.copy(work, at)
      this.#work = work
      this.#input = work.subarray(0, size)
    }
    this.#held = []
    this.#heldBytes = 0
    this.#waitFor = 0
    this.#pos = 0
    this.#limit = validated
  }

  /** Parses rows until a page is full, a hint is due, the input runs out, or it gives up. */
  next(): (typeof CSV_STEP)[keyof typeof CSV_STEP] {
    const { page, chunkSize } = this.#config
    for (;;) {
      if (this.#waitFor > 0) return CSV_STEP.more
      if (!this.#started) return this.#ended ? CSV_STEP.unsupported : CSV_STEP.more
      if (this.#pos >= this.#limit) return this.#ended ? CSV_STEP.done : CSV_STEP.more
      const fields = this.#scan()
      if (fields === INCOMPLETE) {
        if (this.#ended) return CSV_STEP.unsupported
        const pending = this.#input.length - this.#pos
        if (pending > LONG_RECORD) this.#waitFor = pending * 2
        return CSV_STEP.more
      }
      if (fields === UNSUPPORTED) return CSV_STEP.unsupported
      const start = this.#pos
      this.#pos = this.#next
      if (fields === 0) continue // an empty line
      // csv-parse expects no record longer than the first; the header must name every field
      if (this.#expected < 0) this.#expected = fields
      else if (fields > this.#expected) return CSV_STEP.unsupported
      if (this.names === undefined) {
        if (this.#config.header === true) {
          this.#setNames(dedupe(this.#texts(fields)))
          continue
        }
        this.#setNames(Array.from({ length: fields }, (_, index) => String(index)))
      }
      if (fields > this.names!.length) return CSV_STEP.unsupported
      this.rows++
      this.hinted = this.#writer!.write(
        this.#input,
        this.#record,
        fields,
        this.#next - start,
        this.rows,
      )
      if (this.hinted) return CSV_STEP.hint
      if (page.size >= chunkSize) return CSV_STEP.page
    }
  }

  /** Checks the BOM once, then moves the parse limit to the last complete line, validating it. */
  #extend(): boolean {
    const input = this.#input
    if (!this.#started) {
      if (input.length < 3 && !this.#ended) return true
      // csv-parse reads a UTF-16 BOM as UTF-16 text: left to it
      if (input[0] === 0xff && input[1] === 0xfe) return false
      if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) this.#pos = this.#limit = 3
      this.#started = true
    }
    const limit = this.#ended ? input.length : input.lastIndexOf(0x0a) + 1
    if (limit <= this.#limit) return true
    if (!isUtf8(input.subarray(this.#limit, limit))) return false
    this.#limit = limit
    return true
  }

  /**
   * Finds the fields of the record at `#pos` (their offsets in `#starts`/`#ends`, `#flags`) and
   * its end (`#next`). Returns the number of fields, 0 for an empty line, INCOMPLETE or
   * UNSUPPORTED.
   */
  #scan(): number {
    const src = this.#input
    const limit = this.#limit
    const { delimiter, quote } = this.#config
    let i = this.#pos
    let fields = 0
    for (;;) {
      let flag = 0
      let start = i
      let end: number
      if (i < limit && src[i] === quote) {
        start = ++i
        for (;;) {
          if (i >= limit) return INCOMPLETE
          const byte = src[i]!
          if (byte === quote) {
            if (i + 1 >= limit && !this.#ended) return INCOMPLETE
            if (i + 1 < limit && src[i + 1] === quote) {
              flag |= DOUBLED
              i += 2
              continue
            }
            end = i++
            break
          }
          if (byte < 0x20 || byte === 0x5c || byte === 0x22) flag |= ESCAPE
          i++
        }
        flag |= QUOTED
      } else {
        for (; i < limit; i++) {
          const byte = src[i]!
          if (
            byte < 0x20 ||
            byte === delimiter ||
            byte === quote ||
            byte === 0x5c ||
            byte === 0x22
          ) {
            if (byte === delimiter || byte === 0x0a || byte === 0x0d) break
            // csv-parse refuses a quote inside an unquoted field
            if (byte === quote) return UNSUPPORTED
            flag |= ESCAPE
          }
        }
        end = i
      }
      this.#record.set(fields++, start, end, flag)
      if (i >= limit) {
        if (!this.#ended) return INCOMPLETE
        this.#next = i
      } else {
        const byte = src[i]
        if (byte === delimiter) {
          i++
          continue
        }
        if (!this.#endsLine(src, i, limit)) return UNSUPPORTED
      }
      return fields === 1 && start === end && flag === 0 ? 0 : fields
    }
  }

  /** True when a line end of the file's kind (found on its first line, as csv-parse) is at `i`. */
  #endsLine(src: Buffer, i: number, limit: number): boolean {
    const byte = src[i]
    if (byte === 0x0a) {
      if (this.#lineEnd === CRLF) return false
      this.#lineEnd = LF
      this.#next = i + 1
      return true
    }
    if (byte !== 0x0d || i + 1 >= limit || src[i + 1] !== 0x0a || this.#lineEnd === LF) return false
    this.#lineEnd = CRLF
    this.#next = i + 2
    return true
  }

  /** The fields of the current record as text (the header). */
  #texts(fields: number): string[] {
    const quote = String.fromCharCode(this.#config.quote)
    const { starts, ends, flags } = this.#record
    return Array.from({ length: fields }, (_, k) => {
      const text = this.#input.toString('utf8', starts[k], ends[k])
      return flags[k]! & DOUBLED ? text.replaceAll(quote + quote, quote) : text
    })
  }

  /** Sets the column names; rows are written from here on. */
  #setNames(names: readonly string[]): void {
    this.names = names
    this.#writer = new CsvRowWriter(names, this.#config)
  }
}
