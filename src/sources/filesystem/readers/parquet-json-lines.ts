/**
 * @module Rows of a Parquet row group as JSON lines, built from hyparquet's column arrays
 * without an object per row: each value is written as `JSON.stringify` would write it in the
 * row object, after the conversions `readParquet` makes (INT64 that fit a number become numbers,
 * `Date`s in `timestamp` / `date` columns ISO text) — a row as the JSON array of its values, the
 * page's `columns` naming them in a JS object's key order (`storage/json-rows.ts`). A page
 * holding a value plain JSON cannot carry (a big `bigint`, bytes, a nested value) is left to
 * the caller, which yields it as objects.
 */
import type { ColumnHint } from '../../../schema/hints.js'
import { writeJsonValue } from '../../../storage/writers/json-bytes.js'
import { jsonKeyOrder } from './json-key-order.js'
import type { JsonLinesPage } from './json-lines-page.js'
import { utf8At, utf8Length } from './parquet-utf8.js'

/** One top-level column of a row group: its name and its values, one per row. */
export interface ParquetColumn {
  readonly name: string
  readonly values: ArrayLike<unknown>
  /** The rows' JSON as bytes, when the decoder kept them so (then written from here). */
  readonly json?: ParquetJsonBytes
}

/**
 * A column's rows as bytes. `dictionary`: row r's JSON text is `bytes[offsets[refs[r]] ..
 * offsets[refs[r] + 1])`; `utf8`: row r's string is the UTF-8 bytes from `refs[r]` on, its length
 * in the 4 bytes before (Parquet's PLAIN byte arrays). `refs[r]` is -1 for null.
 */
export interface ParquetJsonBytes {
  readonly kind: 'dictionary' | 'utf8'
  readonly bytes: Uint8Array
  readonly refs: Int32Array
  readonly offsets?: Int32Array
  /** `dictionary`: the entries' values (what the JSON texts say). */
  readonly entries?: readonly unknown[]
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * Writes rows `start..end` of `columns` into `page` as JSON lines (the first is row `firstRow`
 * of the file). Returns false, writing nothing, when a value is not plain JSON.
 */
export function writeParquetJsonLines(
  columns: readonly ParquetColumn[],
  start: number,
  end: number,
  hints: Readonly<Record<string, ColumnHint>>,
  page: JsonLinesPage,
  firstRow: number,
): boolean {
  const order = jsonKeyOrder(columns.map((column) => column.name))
  const types = order.map((k) => hints[columns[k]!.name]?.dataType)
  const plain = (k: number, n: number) =>
    columns[k]!.json !== undefined || isPlainColumn(columns[k]!.values, start, end, types[n])
  if (!order.every(plain)) return false
  const keys = order.map((k) => Buffer.from(`${JSON.stringify(columns[k]!.name)}:`))
  const jsons = order.map((k) => columns[k]!.json)
  const values = order.map((k) => (columns[k]!.json ? [] : columns[k]!.values))
  // rows with a value for every column are arrays of the page's columns (storage/json-rows.ts)
  page.columns = order.map((k) => columns[k]!.name)
  const none: Buffer = Buffer.alloc(0)
  let o = page.byteLength
  for (let row = start; row < end; row++) {
    const lineStart = o
    // a value left out (`undefined`: JSON.stringify leaves its key out) makes it an object line
    for (let array = true; ; array = false) {
      let out = page.room(64, o)
      out[o++] = array ? 0x5b : 0x7b
      let complete = true
      for (let n = 0; n < values.length; n++) {
        const key = array ? none : keys[n]!
        const json = jsons[n]
        if (json !== undefined) {
          const ref = json.refs[row]!
          const from = ref < 0 ? 0 : json.offsets ? json.offsets[ref]! : ref
          const to =
            ref < 0 ? 4 : json.offsets ? json.offsets[ref + 1]! : ref + utf8Length(json.bytes, ref)
          // a UTF-8 string's JSON: quotes, and at most 6 bytes per byte (\u001f)
          out = page.room(key.length + 2 + (to - from) * 6 + 2, o)
          if (o !== lineStart + 1) out[o++] = 0x2c
          for (let b = 0; b < key.length; b++) out[o++] = key[b]!
          if (ref < 0) o = writeNull(out, o)
          else if (json.kind === 'dictionary') {
            const bytes = json.bytes
            for (let b = from; b < to; b++) out[o++] = bytes[b]!
          } else o = writeUtf8String(json.bytes, from, to, out, o)
          continue
        }
        let value = values[n]![row]
        if (value === undefined) {
          complete = false
          if (array) break
          continue // JSON.stringify leaves the key out
        }
        if (typeof value === 'bigint' || typeof value === 'object')
          value = plainValue(value, types[n])
        out = page.room(key.length + 1 + jsonBytesBound(value), o)
        if (o !== lineStart + 1) out[o++] = 0x2c
        for (let b = 0; b < key.length; b++) out[o++] = key[b]!
        // room was made for the longest JSON the value can have
        o = writeJsonValue(out, o, out.length, value)
      }
      if (array && !complete) {
        o = lineStart
        continue
      }
      out[o++] = array ? 0x5d : 0x7d
      break
    }
    page.endLine(o, firstRow + row - start)
    o = page.byteLength
  }
  return true
}

/** False when a value of `values[start..end)` stays one plain JSON cannot carry. */
function isPlainColumn(
  values: ArrayLike<unknown>,
  start: number,
  end: number,
  type: string | undefined,
): boolean {
  if (values instanceof Float64Array || values instanceof Int32Array) return true
  for (let row = start; row < end; row++) {
    const value = values[row]
    if (typeof value !== 'bigint' && (typeof value !== 'object' || value === null)) continue
    const plain = plainValue(value, type)
    if (plain === value) return false
  }
  return true
}

function writeNull(out: Buffer, at: number): number {
  out[at] = 0x6e
  out[at + 1] = 0x75
  out[at + 2] = 0x6c
  out[at + 3] = 0x6c
  return at + 4
}

/**
 * Writes the UTF-8 bytes `from..to` as a JSON string, copying them when they need no escape (ASCII
 * without controls, quotes or backslashes); otherwise the decoded string as `JSON.stringify` writes it.
 */
function writeUtf8String(
  bytes: Uint8Array,
  from: number,
  to: number,
  out: Buffer,
  at: number,
): number {
  let o = at
  out[o++] = 0x22
  for (let i = from; i < to; i++) {
    const c = bytes[i]!
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
      return at + out.write(JSON.stringify(utf8At(bytes, from)), at)
    }
    out[o++] = c
  }
  out[o++] = 0x22
  return o
}

/** At most how many bytes `writeJsonValue` writes for `value` (a plain JSON value). */
function jsonBytesBound(value: unknown): number {
  // a UTF-16 unit is at most 6 bytes in JSON (\u001f); numbers at most 24 characters
  return typeof value === 'string' ? value.length * 6 + 2 : 24
}

/** Rows `start..end` of `columns` as objects, with `readParquet`'s conversions. */
export function parquetObjects(
  columns: readonly ParquetColumn[],
  start: number,
  end: number,
  hints: Readonly<Record<string, ColumnHint>>,
): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = []
  for (let row = start; row < end; row++) {
    const item: Record<string, unknown> = {}
    for (const { name, values, json } of columns) {
      item[name] = json ? jsonBytesValue(json, row) : plainValue(values[row], hints[name]?.dataType)
    }
    rows.push(item)
  }
  return rows
}

/** Row `row`'s value of a column kept as JSON bytes. */
function jsonBytesValue(json: ParquetJsonBytes, row: number): unknown {
  const ref = json.refs[row]!
  if (ref < 0) return null
  return json.kind === 'dictionary' ? json.entries![ref] : utf8At(json.bytes, ref)
}

/**
 * `value` as plain JSON where that keeps its meaning: a `bigint` that fits a number becomes one,
 * a `Date` in a `timestamp` or `date` column ISO text (dates `YYYY-MM-DD`) — the normalizer reads
 * them back as such, and plain rows skip typed JSON. Anything else is returned as it is.
 */
export function plainValue(value: unknown, type: string | undefined): unknown {
  if (typeof value === 'bigint') {
    return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value
  }
  if (value instanceof Date && (type === 'timestamp' || type === 'date')) {
    const iso = value.toISOString()
    return type === 'date' ? iso.slice(0, 10) : iso
  }
  return value
}
