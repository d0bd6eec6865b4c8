/**
 * @module Failed load jobs of a pipeline. dlt-ts loads a package in one transaction, so a job
 * that fails rolls its whole package back: the package stays in `load/normalized` and the run's
 * trace (`pipeline.lastTrace`) keeps the error, which names the package, the table and the file
 * (`LoadPackageError`). This reads them back from the trace (`StepTrace.failure`; from the
 * message for traces written before it had one).
 */
import type { RunTrace } from '../../index.js'

/** A failed job, as the last run recorded it. */
export interface FailedJob {
  readonly loadId: string | undefined
  readonly table: string | undefined
  readonly fileName: string | undefined
  /** The step that failed: `load` for jobs, `normalize` when the package could not be normalized. */
  readonly step: string
  readonly failedAt: string
  readonly message: string
}

/** The failed steps of the last run that concern a package, with what their errors name. */
export function failedJobs(trace: RunTrace | undefined): FailedJob[] {
  if (!trace) return []
  const jobs: FailedJob[] = []
  for (const step of trace.steps) {
    if (step.error === undefined || (step.step !== 'load' && step.step !== 'normalize')) continue
    const message = step.error
    const { failure } = step
    jobs.push({
      loadId:
        failure?.loadId ??
        /\bpackage (\d+(?:\.\d+)?)/.exec(message)?.[1] ??
        /load id (\d+(?:\.\d+)?)/.exec(message)?.[1],
      table: failure ? failure.table : /\bfor table "([^"]+)"/.exec(message)?.[1],
      fileName: failure ? failure.fileName : /\(file ([^)]+)\)/.exec(message)?.[1],
      step: step.step,
      failedAt: step.finishedAt,
      message,
    })
  }
  return jobs
}
