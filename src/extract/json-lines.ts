/**
 * @module `JsonLines`: a page of items still serialized as JSON lines (e.g. read from a `.jsonl`
 * file), carried through a resource's pipe by a `PageChunk`. A page with `columns` may hold rows
 * as JSON arrays of those columns' values (`storage/json-rows.ts`); extract copies it into a
 * `json-rows` file.
 *
 * Extract writes items as typed JSON lines and normalize parses them again, so when a page of
 * JSON lines reaches the extract writer untouched, its bytes are copied into the package as they
 * are: no parse, no stringify (as dlt passes Arrow tables through to Parquet). That holds only
 * when every line is safe to copy — one JSON object per line, no character typed JSON reserves —
 * and nothing needs the items: a step (`addMap`, …), an incremental cursor, a transformer or a
 * table-name function reads `chunk.items`, which parses the page on first use, and the items
 * then go the usual way.
 */
import { jsonRowsItem } from '../storage/json-rows.js'
import type { SerializedPage } from './page-chunk.js'

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
/** UTF-8 of U+F026..U+F02F (typed JSON's prefix characters) starts with these two bytes. */
const PREFIX_LEAD = Buffer.from([0xef, 0x80])
const PREFIX_ESCAPES = [Buffer.from('\\uf02'), Buffer.from('\\uF02')]

/**
 * Whole JSON lines (UTF-8, each ending in `\n`) and where they came from, for errors. The lines
 * may come as several buffers (`parts`), each holding whole lines: a source reading them off a
 * socket hands its pieces on as they are, and extract copies them into its file's buffer without
 * joining them first (a page of 50,000 rows joined is one large buffer of fresh memory).
 */
export class JsonLines implements SerializedPage {
  /** Names the origin in errors, e.g. a file path. */
  readonly source: string
  /** 1-based number of the first line in `source`. */
  readonly firstLine: number
  /** The lines in order, each part ending with a newline. */
  readonly parts: readonly Buffer[]
  /** The keys of the lines that are JSON arrays, in order (none: every line is an object). */
  readonly columns: readonly string[] | undefined
  #joined: Buffer | undefined

  constructor(
    bytes: Buffer | readonly Buffer[],
    source: string,
    firstLine = 1,
    columns?: readonly string[],
  ) {
    this.parts = Buffer.isBuffer(bytes) ? [bytes] : bytes
    this.source = source
    this.firstLine = firstLine
    this.columns = columns
  }

  /** The lines as one buffer (joined on first use when they came in parts). */
  get bytes(): Buffer {
    if (this.#joined === undefined) {
      const { parts } = this
      this.#joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts)
    }
    return this.#joined
  }

  /** The size of the lines in bytes. */
  get byteLength(): number {
    let length = 0
    for (const part of this.parts) length += part.length
    return length
  }

  /**
   * The number of lines when every line can be copied into an extract file as it is: it starts
   * with `{` and ends with `}` (an object, not cut off) — or, with `columns`, `[` and `]` — and no
   * typed-JSON prefix character occurs anywhere. Otherwise `undefined`: the page must be parsed
   * and encoded item by item.
   */
  copyableLineCount(): number | undefined {
    let lines = 0
    const arrays = this.columns !== undefined
    for (const part of this.parts) {
      const count = copyableLines(part, arrays)
      if (count === undefined) return undefined
      lines += count
    }
    return lines
  }

  /** Parses the lines; blank lines are skipped. Errors name the source and the line. */
  parse(): unknown[] {
    const items: unknown[] = []
    const text = this.bytes.toString('utf8')
    const item = this.columns ? jsonRowsItem(this.columns, this.source) : undefined
    let start = 0
    let lineNumber = this.firstLine
    while (start < text.length) {
      let end = text.indexOf('\n', start)
      if (end < 0) end = text.length
      const line = text.slice(start, end)
      if (line.trim() !== '') {
        let value: unknown
        try {
          value = JSON.parse(line)
        } catch (error) {
          throw new SyntaxError(
            `${this.source}, line ${lineNumber}: not valid JSON (${(error as Error).message}); ` +
              'each line of a JSON lines file must hold one JSON value',
          )
        }
        items.push(item ? item(value) : value)
      }
      start = end + 1
      lineNumber++
    }
    return items
  }
}

/** `copyableLineCount` of one buffer of whole lines (`arrays`: array lines may be copied too). */
function copyableLines(bytes: Buffer, arrays: boolean): number | undefined {
  if (bytes.indexOf(PREFIX_LEAD) >= 0) return undefined
  for (const escaped of PREFIX_ESCAPES) if (bytes.indexOf(escaped) >= 0) return undefined
  let lines = 0
  let start = 0
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start)
    if (end < 0) return undefined
    const open = bytes[start]
    const close =
      open === OPEN_BRACE ? CLOSE_BRACE : arrays && open === OPEN_BRACKET ? CLOSE_BRACKET : -1
    if (close < 0) return undefined
    const last = bytes[end - 1] === CARRIAGE_RETURN ? end - 2 : end - 1
    if (last <= start || bytes[last] !== close) return undefined
    lines++
    start = end + 1
  }
  return lines
}
