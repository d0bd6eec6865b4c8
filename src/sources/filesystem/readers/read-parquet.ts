/**
 * @module `readParquet`: dlt's `read_parquet` reader as a transformer, on `hyparquet` (pure
 * JavaScript; an optional peer, installed with `hyparquet-writer`). Reads each file one row group
 * at a time through byte ranges (the footer first, then the group's column chunks), so memory
 * holds one row group, and yields its rows in pages of `chunkSize`. 64-bit integers that fit a
 * JavaScript number become numbers (larger ones stay `bigint`). The file's types JS values would
 * lose are hinted on the first page (DOUBLE, DECIMAL, DATE, TIMESTAMP); pages of plain values are
 * serialized here as JSON lines, which extract copies into the package.
 */

import { isDltError, toError } from '../../../errors/dlt-error.js'
import { JsonLines } from '../../../extract/json-lines.js'
import { type MarkedPage, mark } from '../../../extract/mark.js'
import { type Resource, transformer } from '../../../extract/resource.js'
import type { ColumnHint } from '../../../schema/hints.js'
import { assertPeersInstalled } from '../../../util/optional-peers.js'
import type { FileItemDict } from '../file-item.js'
import { FileReadError } from '../filesystem-source-errors.js'
import { decodeFlatGroup } from './parquet-flat-columns.js'
import {
  flatElements,
  type RowGroupLike,
  readFlatChunks,
  type SchemaTreeLike,
} from './parquet-flat-read.js'
import { type GroupPaging, groupPages, type ObjectsPage } from './parquet-group-pages.js'
import { type HyparquetPages, loadHyparquetPages } from './parquet-hyparquet-pages.js'
import { ISO_PARSERS } from './parquet-iso-parsers.js'
import type { ParquetColumn } from './parquet-json-lines.js'
import { filesOf } from './reader-files.js'

/** Options of `readParquet`. */
export interface ReadParquetOptions {
  /** Rows per page yielded. @default 1000, as dlt */
  readonly chunkSize?: number
  /** Read only these columns. @default all */
  readonly columns?: readonly string[]
  /** The transformer's name (its table unless renamed with `withName`). @default 'read_parquet' */
  readonly name?: string
}

const READER = 'read_parquet'
const PEER = 'hyparquet'

/** The slice of hyparquet used here. */
export interface Hyparquet {
  parquetMetadataAsync(file: AsyncBufferLike): Promise<ParquetMetadataLike>
  parquetRead(options: Record<string, unknown>): Promise<void>
  parquetSchema(metadata: ParquetMetadataLike): SchemaTreeLike
}

interface AsyncBufferLike {
  byteLength: number
  slice(start: number, end?: number): Promise<ArrayBuffer>
}

interface ParquetMetadataLike {
  readonly row_groups: readonly RowGroupLike[]
  readonly schema: readonly SchemaElementLike[]
}

interface SchemaElementLike {
  readonly name: string
  readonly type?: string
  readonly num_children?: number
  readonly precision?: number
  readonly scale?: number
  readonly converted_type?: string
  readonly logical_type?: { readonly type: string; precision?: number; scale?: number }
}

/**
 * A transformer reading Parquet files from the `filesystem` resource.
 *
 * ```ts
 * import { filesystem, readParquet } from 'dlt-ts/filesystem'
 *
 * await pipeline.run(
 *   filesystem({ bucketUrl: 's3://lake/events', fileGlob: '**\/*.parquet' }).pipe(readParquet()),
 * )
 * ```
 * @throws MissingPeerDependencyError when `hyparquet` is not installed.
 */
export function readParquet(options: ReadParquetOptions = {}): Resource<Record<string, unknown>> {
  assertPeersInstalled('readParquet', [PEER])
  const { chunkSize = 1000, columns } = options
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError('readParquet: `chunkSize` must be an integer >= 1')
  }
  return transformer<FileItemDict | FileItemDict[], Record<string, unknown>>(
    async function* (input: FileItemDict | FileItemDict[]) {
      const hyparquet = (await import(PEER)) as unknown as Hyparquet
      const pages = await loadHyparquetPages()
      for (const file of filesOf(input, READER)) {
        yield* readParquetFile(hyparquet, pages, file, chunkSize, columns)
      }
    } as never,
    { name: options.name ?? READER, concurrency: 2 },
  )
}

/**
 * Reads one file's pages: JSON lines where the rows are plain JSON, objects otherwise (the first
 * page, hinted, always). `pages` (hyparquet's page functions) decodes flat columns without
 * hyparquet's list assembly; without it every row group goes through `parquetRead`.
 * @internal exported for tests, which read files both ways.
 */
export async function* readParquetFile(
  hyparquet: Hyparquet,
  pages: HyparquetPages | undefined,
  file: FileItemDict,
  chunkSize: number,
  columns: readonly string[] | undefined,
): AsyncGenerator<Record<string, unknown>[] | MarkedPage<Record<string, unknown>> | JsonLines> {
  const url = file.file_url
  let row = 0
  try {
    const buffer = asyncBuffer(file)
    const metadata = await hyparquet.parquetMetadataAsync(buffer)
    // the file's types, where JS values would lose them (0.0 is the integer 0 in JS)
    const hints = { columns: columnHints(metadata.schema) }
    const hintless = Object.keys(hints.columns).length === 0
    const names = topLevelNames(metadata.schema)
    const tree = pages && hyparquet.parquetSchema(metadata)
    // flat columns only: decoded page by page here (see parquet-flat-columns.ts)
    const flat = tree && flatElements(tree, columns)
    const groups = metadata.row_groups
    const starts = [0]
    for (const group of groups) starts.push(starts.at(-1)! + Number(group.num_rows))
    const paging = (g: number): GroupPaging => ({
      chunkSize,
      hints: hints.columns,
      first: !hintless && starts[g] === 0,
      firstRow: starts[g]! + 1,
      source: url,
    })
    const yielded = (page: JsonLines | ObjectsPage) => {
      if (page instanceof JsonLines) return page
      return page.hinted ? mark.withHints(page.rows, hints) : page.rows
    }
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!
      const rows = Number(group.num_rows)
      const groupColumns =
        pages && tree && flat
          ? decodeFlatGroup(
              pages,
              tree.element,
              await readFlatChunks(file, group, flat),
              rows,
              hints.columns,
            )
          : await readGroup(hyparquet, buffer, metadata, names, columns, starts[g]!, starts[g + 1]!)
      for (const page of groupPages(groupColumns, rows, paging(g))) {
        yield yielded(page)
        row = Math.min(row + chunkSize, starts[g + 1]!)
      }
    }
  } catch (error) {
    if (isDltError(error)) throw error
    throw new FileReadError(
      READER,
      url,
      `not a readable Parquet file (${toError(error).message})`,
      { row: row + 1 },
      { cause: toError(error) },
    )
  }
}

/** A row group's columns through hyparquet's `parquetRead`, in the schema's order. */
async function readGroup(
  hyparquet: Hyparquet,
  buffer: AsyncBufferLike,
  metadata: ParquetMetadataLike,
  names: readonly string[],
  columns: readonly string[] | undefined,
  groupStart: number,
  groupEnd: number,
): Promise<ParquetColumn[]> {
  const pieces = new Map<string, ColumnPiece[]>()
  await hyparquet.parquetRead({
    file: buffer,
    metadata,
    rowStart: groupStart,
    rowEnd: groupEnd,
    parsers: ISO_PARSERS,
    ...(columns ? { columns: [...columns] } : {}),
    onChunk: ({ columnName, columnData, rowStart }: ColumnChunk) => {
      const list = pieces.get(columnName) ?? []
      list.push({ rowStart, data: columnData })
      pieces.set(columnName, list)
    },
  })
  // one array of values per column, in the schema's order (as hyparquet's row objects)
  return names
    .filter((name) => pieces.has(name))
    .map((name) => ({ name, values: joinPieces(pieces.get(name)!, groupStart, groupEnd) }))
}

/** What hyparquet's `onChunk` gets: values of one top-level column from `rowStart` on. */
interface ColumnChunk {
  readonly columnName: string
  readonly columnData: ArrayLike<unknown>
  readonly rowStart: number
}

interface ColumnPiece {
  readonly rowStart: number
  readonly data: ArrayLike<unknown>
}

/** The values of rows `start..end` of the file from a column's pieces. */
function joinPieces(
  pieces: readonly ColumnPiece[],
  start: number,
  end: number,
): ArrayLike<unknown> {
  const only = pieces.length === 1 ? pieces[0]! : undefined
  if (only && only.rowStart === start && only.data.length === end - start) return only.data
  const values: unknown[] = new Array(end - start)
  for (const { rowStart, data } of pieces) {
    for (let i = Math.max(0, start - rowStart); i < data.length && rowStart + i < end; i++) {
      values[rowStart + i - start] = data[i]
    }
  }
  return values
}

/** The names of the schema's top-level columns, in order. */
function topLevelNames(schema: readonly SchemaElementLike[]): string[] {
  const names: string[] = []
  let at = 1
  for (let child = 0; child < (schema[0]?.num_children ?? 0) && schema[at]; child++) {
    names.push(schema[at]!.name)
    at += 1 + descendants(schema, at)
  }
  return names
}

/** hyparquet's random access to the file, through the file item's byte ranges. */
function asyncBuffer(file: FileItemDict): AsyncBufferLike {
  return {
    byteLength: file.size_in_bytes,
    async slice(start, end = file.size_in_bytes) {
      const bytes = await file.readRange(start, end)
      return bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer
    },
  }
}

/**
 * Hints for the top-level columns whose Parquet type JS values do not carry: FLOAT and DOUBLE
 * are `double`, DECIMAL is `decimal` with its precision and scale, DATE is `date`.
 */
function columnHints(schema: readonly SchemaElementLike[]): Record<string, ColumnHint> {
  const hints: Record<string, ColumnHint> = {}
  const root = schema[0]
  let at = 1
  for (let child = 0; child < (root?.num_children ?? 0); child++) {
    const element = schema[at]
    if (!element) break
    at += 1 + descendants(schema, at)
    if (element.num_children) continue
    const logical = element.logical_type
    if (logical?.type === 'DECIMAL' || element.converted_type === 'DECIMAL') {
      const precision = logical?.precision ?? element.precision
      const scale = logical?.scale ?? element.scale
      hints[element.name] = {
        dataType: 'decimal',
        ...(precision === undefined ? {} : { precision }),
        ...(scale === undefined ? {} : { scale }),
      }
    } else if (logical?.type === 'DATE' || element.converted_type === 'DATE') {
      hints[element.name] = { dataType: 'date' }
    } else if (
      logical?.type === 'TIMESTAMP' ||
      element.type === 'INT96' ||
      element.converted_type?.startsWith('TIMESTAMP') === true
    ) {
      hints[element.name] = { dataType: 'timestamp' }
    } else if (element.type === 'FLOAT' || element.type === 'DOUBLE') {
      hints[element.name] = { dataType: 'double' }
    }
  }
  return hints
}

/** The number of schema elements below the element at `index`. */
function descendants(schema: readonly SchemaElementLike[], index: number): number {
  let count = 0
  let at = index + 1
  for (let child = 0; child < (schema[index]?.num_children ?? 0); child++) {
    const below = 1 + descendants(schema, at)
    count += below
    at += below
  }
  return count
}
