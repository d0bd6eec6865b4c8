/**
 * @module A row group's flat columns (top-level, not repeated, no children) decoded page by page
 * with hyparquet's page functions, without hyparquet's list assembly (which walks every value of
 * an optional column through its nesting logic and pushes it into a growing array). Columns whose
 * pages are all dictionary-encoded keep the dictionary indices and each entry's JSON text; plain
 * UTF-8 columns keep the page bytes and where each value starts: their rows are written as JSON
 * without a string per value. Other columns are hyparquet's converted values, one per row.
 */
import type { ColumnHint } from '../../../schema/hints.js'
import type {
  ColumnDecoderLike,
  DataReaderLike,
  FlatElementLike,
  HyparquetPages,
  PageHeaderLike,
} from './parquet-hyparquet-pages.js'
import { ISO_PARSERS } from './parquet-iso-parsers.js'
import type { ParquetColumn } from './parquet-json-lines.js'
import { plainValue } from './parquet-json-lines.js'
import { utf8At } from './parquet-utf8.js'

/** A flat column's chunk in a row group: its schema element, codec and bytes. */
export interface FlatColumnChunk {
  readonly element: FlatElementLike
  readonly codec: string
  readonly bytes: Uint8Array
}

/**
 * Decodes a row group's flat column chunks (`root` is the schema's root element) into columns
 * for `writeParquetJsonLines`, timestamps and dates as `readParquet` writes them.
 */
export function decodeFlatGroup(
  hyparquet: HyparquetPages,
  root: FlatElementLike,
  chunks: readonly FlatColumnChunk[],
  rows: number,
  hints: Readonly<Record<string, ColumnHint>>,
): ParquetColumn[] {
  // hyparquet's defaults (strings from bytes …) with readParquet's timestamps and dates
  const parsers = { ...hyparquet.DEFAULT_PARSERS, ...ISO_PARSERS }
  return chunks.map(({ element, codec, bytes }) => {
    const decoder: ColumnDecoderLike = {
      pathInSchema: [element.name],
      type: element.type!,
      element,
      schemaPath: [
        { element: root, children: [] },
        { element, children: [] },
      ],
      codec,
      parsers,
    }
    return decodeFlatColumn(hyparquet, bytes, decoder, rows, hints[element.name])
  })
}

/** One decoded data page: its rows' definition levels (none when all are set) and values. */
interface DataPage {
  readonly rows: number
  /** 1 where the row has a value; `undefined` when every row has one. */
  readonly defined: Uint8Array | undefined
  readonly encoding: string
  /** The decompressed values section (v1: after the levels). */
  readonly values: Uint8Array
  /** For the fallback: hyparquet's decoding of the whole page. */
  readonly decode: () => ArrayLike<unknown>
}

/**
 * Decodes the column chunk `bytes` (the dictionary page, if any, and the data pages) of a flat
 * column with `rows` rows in the group into a column for `writeParquetJsonLines`.
 */
export function decodeFlatColumn(
  hyparquet: HyparquetPages,
  bytes: Uint8Array,
  decoder: ColumnDecoderLike,
  rows: number,
  hint: ColumnHint | undefined,
): ParquetColumn {
  const reader: DataReaderLike = {
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    offset: 0,
  }
  const optional = decoder.element.repetition_type === 'OPTIONAL'
  let dictionary: ArrayLike<unknown> | undefined
  const pages: DataPage[] = []
  let seen = 0
  while (seen < rows && reader.offset < bytes.byteLength - 1) {
    const header = hyparquet.parquetHeader(reader)
    const compressed = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size)
    reader.offset += header.compressed_page_size
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompress(hyparquet, compressed, header, decoder)
      const count = header.dictionary_page_header?.num_values ?? 0
      const view = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }
      const plain = hyparquet.readPlain(view, decoder.type, count, decoder.element.type_length)
      dictionary = hyparquet.convert(plain, decoder)
    } else if (header.type === 'DATA_PAGE' && header.data_page_header) {
      const daph = header.data_page_header
      const page = decompress(hyparquet, compressed, header, decoder)
      const view = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }
      let defined: Uint8Array | undefined
      if (optional) {
        defined = new Uint8Array(daph.num_values)
        hyparquet.readRleBitPackedHybrid(view, 1, defined)
      }
      pages.push({
        rows: daph.num_values,
        defined: defined && !defined.includes(0) ? undefined : defined,
        encoding: daph.encoding,
        values: page.subarray(view.offset),
        decode: () => hyparquet.readDataPage(page, daph, decoder as never).dataPage,
      })
      seen += daph.num_values
    } else if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2) {
      const daph2 = header.data_page_header_v2
      const levels = daph2.repetition_levels_byte_length + daph2.definition_levels_byte_length
      let defined: Uint8Array | undefined
      if (optional && daph2.num_nulls > 0) {
        defined = new Uint8Array(daph2.num_values)
        const view = {
          view: new DataView(compressed.buffer, compressed.byteOffset, compressed.byteLength),
          offset: daph2.repetition_levels_byte_length,
        }
        hyparquet.readRleBitPackedHybrid(view, 1, defined, daph2.definition_levels_byte_length)
      }
      const values =
        daph2.is_compressed === false
          ? compressed.subarray(levels)
          : hyparquet.decompressPage(
              compressed.subarray(levels),
              header.uncompressed_page_size - levels,
              decoder.codec,
              undefined,
            )
      pages.push({
        rows: daph2.num_values,
        defined,
        encoding: daph2.encoding,
        values,
        decode: () => hyparquet.readDataPageV2(compressed, header, decoder as never).dataPage,
      })
      seen += daph2.num_values
    }
  }
  const name = decoder.element.name
  const type = hint?.dataType
  if (dictionary && pages.every((page) => isDictionaryEncoding(page.encoding))) {
    const column = dictionaryColumn(hyparquet, name, pages, dictionary, rows, type)
    if (column) return column
  }
  if (isUtf8(decoder) && pages.every((page) => page.encoding === 'PLAIN')) {
    return utf8Column(name, pages, rows)
  }
  return valuesColumn(hyparquet, name, pages, dictionary, rows, decoder)
}

function decompress(
  hyparquet: HyparquetPages,
  compressed: Uint8Array,
  header: PageHeaderLike,
  decoder: ColumnDecoderLike,
): Uint8Array {
  return hyparquet.decompressPage(
    compressed,
    Number(header.uncompressed_page_size),
    decoder.codec,
    undefined,
  )
}

function isDictionaryEncoding(encoding: string): boolean {
  return encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY'
}

/** BYTE_ARRAY values hyparquet turns into strings with `TextDecoder` (see its `convert`). */
function isUtf8({ element, type, schemaPath }: ColumnDecoderLike): boolean {
  if (type !== 'BYTE_ARRAY' || schemaPath.length !== 2) return false
  const converted = element.converted_type
  const logical = element.logical_type?.type
  return (
    (converted === undefined || converted === 'UTF8' || converted === 'ENUM') &&
    (logical === undefined || logical === 'STRING' || logical === 'ENUM')
  )
}

/** Dictionary indices per row (-1 for null) and each entry's JSON text; `undefined` when an entry is no plain JSON. */
function dictionaryColumn(
  hyparquet: HyparquetPages,
  name: string,
  pages: readonly DataPage[],
  dictionary: ArrayLike<unknown>,
  rows: number,
  type: string | undefined,
): ParquetColumn | undefined {
  const entries: unknown[] = new Array(dictionary.length)
  const texts: string[] = new Array(dictionary.length)
  for (let i = 0; i < dictionary.length; i++) {
    const value = plainValue(dictionary[i], type)
    if (!isPlainJson(value)) return undefined
    entries[i] = value
    texts[i] = JSON.stringify(value)
  }
  const offsets = new Int32Array(texts.length + 1)
  for (let i = 0; i < texts.length; i++) offsets[i + 1] = offsets[i]! + Buffer.byteLength(texts[i]!)
  const bytes = Buffer.from(texts.join(''))
  const refs = new Int32Array(rows).fill(-1)
  let row = 0
  for (const page of pages) {
    const defined = page.defined
    const count = defined ? countDefined(defined) : page.rows
    const indices = new Int32Array(count)
    if (count > 0) {
      const view = page.values
      const reader = {
        view: new DataView(view.buffer, view.byteOffset, view.byteLength),
        offset: 1,
      }
      const bitWidth = view[0]!
      if (bitWidth > 0) {
        hyparquet.readRleBitPackedHybrid(reader, bitWidth, indices, view.byteLength - 1)
      }
    }
    for (let i = 0, v = 0; i < page.rows && row < rows; i++, row++) {
      if (defined === undefined || defined[i] === 1) {
        const index = indices[v++]!
        if (index >= entries.length)
          throw new Error(`parquet dictionary index ${index} out of range`)
        refs[row] = index
      }
    }
  }
  let values: unknown[] | undefined
  return {
    name,
    json: { kind: 'dictionary', bytes, refs, offsets, entries },
    get values() {
      values ??= Array.from(refs, (ref) => (ref < 0 ? null : entries[ref]))
      return values
    },
  }
}

/** Where each row's UTF-8 bytes start in the joined values sections (-1 for null). */
function utf8Column(name: string, pages: readonly DataPage[], rows: number): ParquetColumn {
  const bytes = Buffer.allocUnsafe(pages.reduce((sum, page) => sum + page.values.byteLength, 0))
  const refs = new Int32Array(rows).fill(-1)
  let base = 0
  let row = 0
  for (const page of pages) {
    const values = page.values
    bytes.set(values, base)
    const defined = page.defined
    let at = 0
    for (let i = 0; i < page.rows && row < rows; i++, row++) {
      if (defined !== undefined && defined[i] !== 1) continue
      if (at + 4 > values.byteLength) throw new Error('parquet byte array runs past its page')
      const length =
        (values[at]! |
          (values[at + 1]! << 8) |
          (values[at + 2]! << 16) |
          (values[at + 3]! << 24)) >>>
        0
      at += 4
      if (at + length > values.byteLength) throw new Error('parquet byte array runs past its page')
      refs[row] = base + at
      at += length
    }
    base += values.byteLength
  }
  let values: unknown[] | undefined
  return {
    name,
    json: { kind: 'utf8', bytes, refs },
    get values() {
      values ??= Array.from(refs, (ref) => (ref < 0 ? null : utf8At(bytes, ref)))
      return values
    },
  }
}

/** hyparquet's converted values, one per row, `null` where the row has none. */
function valuesColumn(
  hyparquet: HyparquetPages,
  name: string,
  pages: readonly DataPage[],
  dictionary: ArrayLike<unknown> | undefined,
  rows: number,
  decoder: ColumnDecoderLike,
): ParquetColumn {
  const decoded = pages.map((page) => {
    if (page.encoding !== 'PLAIN') {
      return hyparquet.convertWithDictionary(page.decode(), dictionary, page.encoding, decoder)
    }
    // the values section as it is (the levels are read already)
    const count = page.defined ? countDefined(page.defined) : page.rows
    const view = page.values
    const reader = { view: new DataView(view.buffer, view.byteOffset, view.byteLength), offset: 0 }
    const plain = hyparquet.readPlain(reader, decoder.type, count, decoder.element.type_length)
    return hyparquet.convert(plain, decoder)
  })
  const only = decoded.length === 1 ? decoded[0]! : undefined
  if (only && pages[0]!.defined === undefined && only.length === rows) {
    return { name, values: numbersIfSafe(only) }
  }
  const values: unknown[] = new Array(rows)
  let row = 0
  pages.forEach((page, p) => {
    const data = decoded[p]!
    const defined = page.defined
    for (let i = 0, v = 0; i < page.rows && row < rows; i++, row++) {
      values[row] = defined === undefined || defined[i] === 1 ? data[v++] : null
    }
  })
  for (; row < rows; row++) values[row] = null
  return { name, values }
}

/** A `BigInt64Array` as a `Float64Array` when every value is a safe integer, else as it is. */
function numbersIfSafe(values: ArrayLike<unknown>): ArrayLike<unknown> {
  if (!(values instanceof BigInt64Array)) return values
  const halves = new Int32Array(values.buffer, values.byteOffset, values.length * 2)
  const numbers = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    // little-endian halves; exact for |n| < 2^53, and any larger n compares as unsafe
    const n = halves[2 * i + 1]! * 4_294_967_296 + (halves[2 * i]! >>> 0)
    if (n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER) return values
    numbers[i] = n
  }
  return numbers
}

function countDefined(defined: Uint8Array): number {
  let count = 0
  for (let i = 0; i < defined.length; i++) count += defined[i]!
  return count
}

function isPlainJson(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
}
