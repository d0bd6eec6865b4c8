/**
 * @module Errors of the load stage.
 */
import { DltError } from '../errors/dlt-error.js'

/**
 * Where a failed load stands at the destination:
 * - `not-committed`: nothing of the package is there (rolled back);
 * - `jobs-kept`: a client without transactions kept the jobs that finished (`hasDurableJobs`);
 * - `commit-unknown`: the commit itself failed, so the destination may or may not have it;
 * - `committed`: the package is loaded, only the bookkeeping after the commit failed.
 */
export type LoadOutcome = 'not-committed' | 'jobs-kept' | 'commit-unknown' | 'committed'

const OUTCOME_ADVICE: Record<LoadOutcome, string> = {
  'not-committed':
    'Nothing of this package was committed; fix the cause and run the pipeline again to retry it, ' +
    'or call pipeline.dropPendingPackages() to discard it.',
  'jobs-kept':
    'Jobs that finished before the failure stay done and are not repeated; fix the cause and run ' +
    'the pipeline again to finish the package, or call pipeline.dropPendingPackages() to discard it.',
  'commit-unknown':
    'The destination did not confirm the commit, so the rows may or may not be loaded. Run the ' +
    'pipeline again: it looks the load id up in _dlt_loads and loads the package only if the ' +
    'commit did not happen. Do not drop the package or extract the same data again.',
  committed:
    'The package WAS committed: its rows are in the destination. Only moving it to load/loaded ' +
    'failed; fix the cause and run the pipeline again, which finds the load id in _dlt_loads and ' +
    'just moves the package. Do not drop the package or extract the same data again: that would ' +
    'load its rows twice.',
}

/** A load package could not be loaded (or not be marked loaded); `outcome` says what holds. */
export class LoadPackageError extends DltError {
  override name = 'LoadPackageError'
  readonly loadId: string
  readonly table: string | undefined
  readonly fileName: string | undefined
  readonly outcome: LoadOutcome

  constructor(
    loadId: string,
    detail: { table?: string; fileName?: string; message: string; outcome: LoadOutcome },
    options?: ErrorOptions,
  ) {
    const where = detail.table
      ? ` for table "${detail.table}"${detail.fileName ? ` (file ${detail.fileName})` : ''}`
      : ''
    const what = detail.outcome === 'committed' ? 'Bookkeeping' : 'Load'
    super(
      `${what} of package ${loadId} failed${where}: ${detail.message}. ${OUTCOME_ADVICE[detail.outcome]}`,
      options,
    )
    this.loadId = loadId
    this.table = detail.table
    this.fileName = detail.fileName
    this.outcome = detail.outcome
  }
}
