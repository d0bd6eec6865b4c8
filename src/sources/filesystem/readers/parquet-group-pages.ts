/**
 * @module The pages of one Parquet row group as `readParquet` yields them: JSON lines where the
 * rows are plain JSON, objects otherwise — and always for the file's first page, which carries the
 * column hints. Runs on the reader's thread.
 */
import type { JsonLines } from '../../../extract/json-lines.js'
import type { ColumnHint } from '../../../schema/hints.js'
import { JsonLinesPage } from './json-lines-page.js'
import { type ParquetColumn, parquetObjects, writeParquetJsonLines } from './parquet-json-lines.js'

/** Rows as objects; `hinted`: the file's first page, to be marked with the column hints. */
export interface ObjectsPage {
  readonly rows: Record<string, unknown>[]
  readonly hinted: boolean
}

/** Where a row group's pages start and how they are cut. */
export interface GroupPaging {
  /** Rows per page. */
  readonly chunkSize: number
  /** The file's column hints (see `readParquet`). */
  readonly hints: Readonly<Record<string, ColumnHint>>
  /** Whether the group's first page is the file's first, to be yielded as hinted objects. */
  readonly first: boolean
  /** The 1-based row number of the group's first row in the file. */
  readonly firstRow: number
  /** Names the file in errors (its `file_url`). */
  readonly source: string
}

/** The pages of a row group of `rows` rows, one at a time. */
export function* groupPages(
  columns: readonly ParquetColumn[],
  rows: number,
  { chunkSize, hints, first, firstRow, source }: GroupPaging,
): Generator<JsonLines | ObjectsPage> {
  const lines = new JsonLinesPage(source)
  for (let start = 0; start < rows; start += chunkSize) {
    const end = Math.min(start + chunkSize, rows)
    if (first && start === 0) {
      yield { rows: parquetObjects(columns, start, end, hints), hinted: true }
    } else if (writeParquetJsonLines(columns, start, end, hints, lines, firstRow + start)) {
      // plain JSON rows: serialized here, copied into the package by extract
      yield lines.take()!
    } else yield { rows: parquetObjects(columns, start, end, hints), hinted: false }
  }
}
