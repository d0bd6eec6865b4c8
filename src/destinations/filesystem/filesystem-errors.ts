/**
 * @module Errors of the filesystem destination: a write disposition it cannot honour, a loader
 * file format it cannot write, and a table or schema name that cannot be part of a file's path.
 */
import { TerminalError } from '../../errors/dlt-error.js'
import { PATH_SEGMENT_RULE } from '../../util/path-segment.js'

/**
 * A table asks for a write disposition the destination cannot do, e.g. `merge` on plain files
 * (dlt merges only into delta/iceberg tables, which dlt-ts does not write).
 */
export class UnsupportedWriteDispositionError extends TerminalError {
  override name = 'UnsupportedWriteDispositionError'
  readonly destination: string
  readonly table: string
  readonly writeDisposition: string

  constructor(destination: string, table: string, writeDisposition: string, advice: string) {
    super(
      `Write disposition "${writeDisposition}" is not supported by destination "${destination}" ` +
        `(table "${table}"): ${advice}`,
    )
    this.destination = destination
    this.table = table
    this.writeDisposition = writeDisposition
  }
}

/** A table asks for a loader file format the destination cannot write. */
export class UnsupportedFileFormatError extends TerminalError {
  override name = 'UnsupportedFileFormatError'
  readonly destination: string
  readonly table: string
  readonly fileFormat: string

  constructor(
    destination: string,
    table: string,
    fileFormat: string,
    supported: readonly string[],
  ) {
    super(
      `Loader file format "${fileFormat}" is not supported by destination "${destination}" ` +
        `(table "${table}"): use one of ${supported.map((f) => `"${f}"`).join(', ')} ` +
        'as the `loaderFileFormat` of the table or of the destination',
    )
    this.destination = destination
    this.table = table
    this.fileFormat = fileFormat
  }
}

/**
 * A table or schema name that would not stay one folder or file name inside the dataset folder
 * (`a/b`, `..`, a name with NUL). `snake_case` never produces one; a schema made by hand can.
 */
export class UnsafePathNameError extends TerminalError {
  override name = 'UnsafePathNameError'
  readonly kind: 'table' | 'schema'
  readonly value: string

  constructor(kind: 'table' | 'schema', value: string, problem: string) {
    const what = kind === 'table' ? 'Table' : 'Schema'
    const role = kind === 'table' ? 'a folder' : 'a file name'
    super(
      `${what} ${JSON.stringify(value)} cannot be ${role} of the filesystem destination: ` +
        `${problem} (${PATH_SEGMENT_RULE})`,
    )
    this.kind = kind
    this.value = value
  }
}
