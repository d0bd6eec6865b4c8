/**
 * @module Errors of the load stage.
 */
import { DltError } from '../errors/dlt-error.js'

/** A load package could not be loaded; it stays in `load/normalized` and the next run retries it. */
export class LoadPackageError extends DltError {
  override name = 'LoadPackageError'
  readonly loadId: string
  readonly table: string | undefined
  readonly fileName: string | undefined

  constructor(
    loadId: string,
    detail: { table?: string; fileName?: string; message: string; durableJobs?: boolean },
    options?: ErrorOptions,
  ) {
    const where = detail.table
      ? ` for table "${detail.table}"${detail.fileName ? ` (file ${detail.fileName})` : ''}`
      : ''
    super(
      `Load of package ${loadId} failed${where}: ${detail.message}. ${
        detail.durableJobs
          ? 'Jobs that finished before the failure stay done and are not repeated; '
          : 'Nothing of this package was committed; '
      }fix the cause and run the pipeline again to retry it, or call pipeline.dropPendingPackages() to discard it.`,
      options,
    )
    this.loadId = loadId
    this.table = detail.table
    this.fileName = detail.fileName
  }
}
