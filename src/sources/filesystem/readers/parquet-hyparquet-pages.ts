/**
 * @module The hyparquet functions `readParquet` decodes pages with (`parquetHeader`,
 * `decompressPage`, `readDataPage`, `readPlain`, `convert`, …): its `src/*.js` modules, which its
 * package exports but does not document — so they are loaded defensively, and their shapes
 * described here as far as used.
 */

/** The hyparquet page functions used here (its `src/*.js` modules, exported by its package). */
export interface HyparquetPages {
  parquetHeader(reader: DataReaderLike): PageHeaderLike
  decompressPage(bytes: Uint8Array, size: number, codec: string, compressors: unknown): Uint8Array
  readDataPage(
    bytes: Uint8Array,
    header: DataPageHeaderLike,
    decoder: ColumnDecoderLike,
  ): DataPageLike
  readDataPageV2(
    bytes: Uint8Array,
    header: PageHeaderLike,
    decoder: ColumnDecoderLike,
  ): DataPageLike
  readPlain(
    reader: DataReaderLike,
    type: string,
    count: number,
    fixedLength?: number,
  ): ArrayLike<unknown>
  convert(data: ArrayLike<unknown>, decoder: ColumnDecoderLike): ArrayLike<unknown>
  convertWithDictionary(
    data: ArrayLike<unknown>,
    dictionary: ArrayLike<unknown> | undefined,
    encoding: string,
    decoder: ColumnDecoderLike,
  ): ArrayLike<unknown>
  readRleBitPackedHybrid(
    reader: DataReaderLike,
    width: number,
    output: Int32Array | Uint8Array,
    length?: number,
  ): void
  DEFAULT_PARSERS: Record<string, unknown>
}

/** Loads hyparquet's page functions, or `undefined` when this hyparquet does not have them. */
export async function loadHyparquetPages(): Promise<HyparquetPages | undefined> {
  try {
    const [column, datapage, plain, convert, encoding] = await Promise.all([
      import('hyparquet/src/column.js' as string),
      import('hyparquet/src/datapage.js' as string),
      import('hyparquet/src/plain.js' as string),
      import('hyparquet/src/convert.js' as string),
      import('hyparquet/src/encoding.js' as string),
    ])
    const pages = {
      parquetHeader: column.parquetHeader,
      decompressPage: datapage.decompressPage,
      readDataPage: datapage.readDataPage,
      readDataPageV2: datapage.readDataPageV2,
      readPlain: plain.readPlain,
      convert: convert.convert,
      convertWithDictionary: convert.convertWithDictionary,
      readRleBitPackedHybrid: encoding.readRleBitPackedHybrid,
      DEFAULT_PARSERS: convert.DEFAULT_PARSERS,
    }
    return Object.values(pages).every((f) => f !== undefined)
      ? (pages as HyparquetPages)
      : undefined
  } catch {
    return undefined
  }
}

/** hyparquet's `DataReader`. */
export interface DataReaderLike {
  view: DataView
  offset: number
}

/** A v1 data page header, as far as used here. */
export interface DataPageHeaderLike {
  readonly num_values: number
  readonly encoding: string
}

/** A page header (`parquetHeader`), as far as used here. */
export interface PageHeaderLike {
  readonly type: string
  readonly uncompressed_page_size: number
  readonly compressed_page_size: number
  readonly data_page_header?: DataPageHeaderLike
  readonly dictionary_page_header?: { readonly num_values: number }
  readonly data_page_header_v2?: DataPageHeaderLike & {
    readonly num_nulls: number
    readonly num_rows: number
    readonly definition_levels_byte_length: number
    readonly repetition_levels_byte_length: number
    readonly is_compressed?: boolean
  }
}

/** What `readDataPage` returns, as far as used here. */
export interface DataPageLike {
  readonly definitionLevels: ArrayLike<number>
  readonly dataPage: ArrayLike<unknown>
}

/** hyparquet's schema element, as far as used here. */
export interface FlatElementLike {
  readonly name: string
  readonly type?: string
  readonly type_length?: number
  readonly repetition_type?: string
  readonly num_children?: number
  readonly converted_type?: string
  readonly logical_type?: { readonly type: string }
}

/** hyparquet's `ColumnDecoder`: what its page functions need to know of a column. */
export interface ColumnDecoderLike {
  readonly pathInSchema: string[]
  readonly type: string
  readonly element: FlatElementLike
  readonly schemaPath: readonly { element: FlatElementLike; children: unknown[] }[]
  readonly codec: string
  readonly parsers: Record<string, unknown>
}
