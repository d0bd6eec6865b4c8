/**
 * @module Which files `readParquet` decodes itself (every selected top-level column flat: no
 * children, not repeated) and reading a row group's column chunks of those columns — in one
 * byte range when they lie together, as they do when all columns are read.
 */
import type { FileItemDict } from '../file-item.js'
import type { FlatColumnChunk } from './parquet-flat-columns.js'
import type { FlatElementLike } from './parquet-hyparquet-pages.js'

/** A row group in hyparquet's metadata, as far as used here. */
export interface RowGroupLike {
  readonly num_rows: bigint | number
  readonly columns: readonly {
    readonly meta_data?: {
      readonly path_in_schema: readonly string[]
      readonly codec: string
      readonly data_page_offset: bigint | number
      readonly dictionary_page_offset?: bigint | number
      readonly total_compressed_size: bigint | number
    }
  }[]
}

/** hyparquet's schema tree (`parquetSchema`), as far as used here. */
export interface SchemaTreeLike {
  readonly element: FlatElementLike
  readonly children: readonly SchemaTreeLike[]
}

/**
 * The schema elements of the selected top-level columns in the schema's order, or `undefined`
 * when one of them is not flat (nested, repeated) — hyparquet assembles those.
 */
export function flatElements(
  tree: SchemaTreeLike,
  columns: readonly string[] | undefined,
): FlatElementLike[] | undefined {
  const selected = tree.children.filter((child) => !columns || columns.includes(child.element.name))
  const flat = (child: SchemaTreeLike) =>
    child.children.length === 0 &&
    child.element.repetition_type !== 'REPEATED' &&
    child.element.type !== undefined
  return selected.every(flat) ? selected.map((child) => child.element) : undefined
}

/** Unselected bytes between selected column chunks read rather than asked for apart. */
const GAP_BYTES = 1 << 20

/** The column chunks of `elements` in `group`. */
export async function readFlatChunks(
  file: FileItemDict,
  group: RowGroupLike,
  elements: readonly FlatElementLike[],
): Promise<FlatColumnChunk[]> {
  const chunks = elements.map((element) => {
    const meta = group.columns.find(
      (chunk) =>
        chunk.meta_data?.path_in_schema.length === 1 &&
        chunk.meta_data.path_in_schema[0] === element.name,
    )?.meta_data
    if (!meta) throw new Error(`parquet column chunk of ${element.name} not found`)
    // as hyparquet: the dictionary page, if any, comes first
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset)
    return { element, codec: meta.codec, start, end: start + Number(meta.total_compressed_size) }
  })
  if (chunks.length === 0) return []
  const first = Math.min(...chunks.map((chunk) => chunk.start))
  const last = Math.max(...chunks.map((chunk) => chunk.end))
  const needed = chunks.reduce((sum, chunk) => sum + chunk.end - chunk.start, 0)
  if (last - first <= needed + GAP_BYTES) {
    const span = await file.readRange(first, last)
    return chunks.map(({ element, codec, start, end }) => ({
      element,
      codec,
      bytes: span.subarray(start - first, end - first),
    }))
  }
  return Promise.all(
    chunks.map(async ({ element, codec, start, end }) => ({
      element,
      codec,
      bytes: await file.readRange(start, end),
    })),
  )
}
