/**
 * @module Errors of the filesystem source: a file a reader cannot read (corrupt gzip, a CSV row
 * with too many fields, a line that is not JSON, a damaged Parquet file). The message names the
 * file, the line or row, and what to do; the run's extract stops, so nothing of the run loads.
 */
import { TerminalError } from '../../errors/dlt-error.js'

/** Where in a file a reader failed. */
export interface FilePosition {
  /** 1-based line of a text file (CSV, JSON lines). */
  readonly line?: number | undefined
  /** 1-based data row (CSV records after the header, Parquet rows). */
  readonly row?: number | undefined
}

/** A reader could not read a file. */
export class FileReadError extends TerminalError {
  override name = 'FileReadError'
  /** The reader: `read_csv`, `read_jsonl`, `read_parquet`. */
  readonly reader: string
  /** The file's `file_url`. */
  readonly fileUrl: string
  readonly line: number | undefined
  readonly row: number | undefined

  constructor(
    reader: string,
    fileUrl: string,
    problem: string,
    position: FilePosition = {},
    options?: ErrorOptions,
  ) {
    const at = [
      position.line === undefined ? '' : `line ${position.line}`,
      position.row === undefined ? '' : `row ${position.row}`,
    ]
      .filter(Boolean)
      .join(', ')
    super(
      `${reader} failed on ${fileUrl}${at ? ` at ${at}` : ''}: ${problem}. Fix or remove the ` +
        'file (or narrow `fileGlob`) and run again; the files read before it in this run load then',
      options,
    )
    this.reader = reader
    this.fileUrl = fileUrl
    this.line = position.line
    this.row = position.row
  }
}
