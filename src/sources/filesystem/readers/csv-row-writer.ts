/**
 * @module `CsvRowWriter`: writes a scanned CSV record as one JSON line into a page, straight from
 * the input bytes — the line `JSON.stringify` would write for the row object of the `csv-parse`
 * path: keys in a JS object's order, numbers and booleans typed as pandas reads them, empty
 * fields left out, text with JSON.stringify's escapes. A record with a value for every column is
 * written as a JSON array of the values instead, the keys named once by the page's `columns`
 * (`storage/json-rows.ts`).
 */

import { jsonRowsItem } from '../../../storage/json-rows.js'
import {
  CHECK_TEXT,
  classifyNumber,
  JSON_DECIMAL,
  JSON_INTEGER,
} from '../../../util/json-number-bytes.js'
import { writeJsonStringBody } from './csv-field-bytes.js'
import { type CsvRecord, DOUBLED, ESCAPE } from './csv-record.js'
import { BOOLEANS, DECIMAL, isNumberText } from './csv-values.js'
import { jsonKeyOrder } from './json-key-order.js'
import type { JsonLinesPage } from './json-lines-page.js'

/** What the lines go to and how values are typed. */
export interface CsvRowWriterConfig {
  readonly page: JsonLinesPage
  readonly inferTypes: boolean
  /** Columns (by index) seen with a decimal number so far; grows as rows are written. */
  readonly decimals: Set<number>
  /** The quote byte (a doubled one is one quote of the value); -1 for none. */
  readonly quote: number
}

const TRUE = Buffer.from('true')
const FALSE = Buffer.from('false')

/** Writes records of columns `names` as JSON lines. */
export class CsvRowWriter {
  readonly #config: CsvRowWriterConfig
  /** `"name":` of each column. */
  readonly #keys: Buffer[]
  readonly #keyBytes: number
  /** The columns in the order a JS object lists them (`__proto__` never becomes a key). */
  readonly #order: number[]
  /** The row object of an array line. */
  readonly #item: (value: unknown) => unknown

  constructor(names: readonly string[], config: CsvRowWriterConfig) {
    this.#config = config
    this.#keys = names.map((name) => Buffer.from(`${JSON.stringify(name)}:`))
    this.#keyBytes = this.#keys.reduce((sum, key) => sum + key.length + 1, 0)
    this.#order = jsonKeyOrder(names)
    const columns = this.#order.map((k) => names[k]!)
    config.page.columns = columns
    this.#item = jsonRowsItem(columns, 'csv row')
  }

  /**
   * Writes the record (`fields` fields, `bytes` bytes of `src`) as the page's line for `row`.
   * When it brought a column its first decimal number, the row is not written but returned as
   * an object (it must go with a `double` hint).
   */
  write(
    src: Buffer,
    record: CsvRecord,
    fields: number,
    bytes: number,
    row: number,
  ): Record<string, unknown> | undefined {
    const { page, inferTypes, decimals, quote } = this.#config
    const { starts, ends, flags } = record
    const order = this.#order
    // 6 bytes per byte at most (\u001f), the keys, commas and braces
    const out = page.room(bytes * 6 + this.#keyBytes + 2)
    const lineStart = page.byteLength
    let o = lineStart
    let newDecimal = false
    // a value for every column: an array line (an empty field is a missing value)
    let array = true
    for (let n = 0; n < order.length && array; n++) {
      const k = order[n]!
      array = k < fields && starts[k] !== ends[k]
    }
    out[o++] = array ? 0x5b : 0x7b
    for (let n = 0; n < order.length; n++) {
      const k = order[n]!
      if (k >= fields) continue
      const s = starts[k]!
      const e = ends[k]!
      if (s === e) continue // an empty field is a missing value
      if (o !== lineStart + 1) out[o++] = 0x2c
      if (!array) {
        const key = this.#keys[k]!
        for (let b = 0; b < key.length; b++) out[o++] = key[b]!
      }
      const flag = flags[k]!
      if (inferTypes && (flag & DOUBLED) === 0) {
        const kind = classifyNumber(src, s, e)
        if (kind === JSON_INTEGER || kind === JSON_DECIMAL) {
          for (let b = s; b < e; b++) out[o++] = src[b]!
          if (kind === JSON_DECIMAL && !decimals.has(k)) {
            decimals.add(k)
            newDecimal = true
          }
          continue
        }
        if (kind === CHECK_TEXT) {
          const text = src.toString('latin1', s, e)
          if (isNumberText(text)) {
            // as JSON.stringify writes the number: `+1` is 1, `-0` is 0
            o += out.write(String(Number(text)), o, 'latin1')
            if (DECIMAL.test(text) && !decimals.has(k)) {
              decimals.add(k)
              newDecimal = true
            }
            continue
          }
        } else {
          const boolean = booleanBytes(src, s, e)
          if (boolean !== undefined) {
            for (let b = 0; b < boolean.length; b++) out[o++] = boolean[b]!
            continue
          }
        }
      }
      out[o++] = 0x22
      if ((flag & (DOUBLED | ESCAPE)) === 0) for (let b = s; b < e; b++) out[o++] = src[b]!
      else o = writeJsonStringBody(src, s, e, out, o, flag & DOUBLED ? quote : -1)
      out[o++] = 0x22
    }
    out[o++] = array ? 0x5d : 0x7d
    if (newDecimal) {
      return this.#item(JSON.parse(out.toString('utf8', lineStart, o))) as Record<string, unknown>
    }
    page.endLine(o, row)
    return undefined
  }
}

/** `true`/`false` for the texts pandas reads as booleans. */
function booleanBytes(src: Buffer, s: number, e: number): Buffer | undefined {
  const length = e - s
  if (length !== 4 && length !== 5) return undefined
  // every boolean text starts with t or f (either case): no string for the rest
  const first = src[s]! | 0x20
  if (first !== 0x74 && first !== 0x66) return undefined
  const value = BOOLEANS[src.toString('latin1', s, e)]
  return value === undefined ? undefined : value ? TRUE : FALSE
}
