/**
 * @module The error of a custom destination function that threw: which destination, table and
 * batch, how much was delivered before it, and that the next run resumes there.
 */
import { TransientError } from '../../errors/dlt-error.js'

/** Where a custom destination function failed. */
export interface CustomDestinationFailure {
  readonly destination: string
  readonly table: string
  readonly fileName: string
  /** 1-based number of the batch that failed within the file. */
  readonly batch: number
  /** Rows of the file delivered before the failed batch. */
  readonly rowsDelivered: number
}

/**
 * The destination function threw (dlt treats this as retryable). Batches before `batch` were
 * delivered and are not sent again; the next run starts at `batch`. A function that throws a
 * `TerminalError` gets it passed through unchanged instead.
 */
export class CustomDestinationError extends TransientError {
  override name = 'CustomDestinationError'
  readonly destination: string
  readonly table: string
  readonly fileName: string
  readonly batch: number
  readonly rowsDelivered: number

  constructor(failure: CustomDestinationFailure, options: ErrorOptions & { cause: Error }) {
    const { destination, table, fileName, batch, rowsDelivered } = failure
    super(
      `Custom destination "${destination}" failed on batch ${batch} of table "${table}" ` +
        `(file ${fileName}, after ${rowsDelivered} row(s) delivered): ${options.cause.message}. ` +
        `Run the pipeline again to resume at batch ${batch}`,
      options,
    )
    this.destination = destination
    this.table = table
    this.fileName = fileName
    this.batch = batch
    this.rowsDelivered = rowsDelivered
  }
}
