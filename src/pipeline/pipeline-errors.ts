/**
 * @module Errors of the pipeline as a whole.
 */
import { DltError, isTerminalError, isTransientError } from '../errors/dlt-error.js'

/** The steps of a run. */
export type PipelineStep = 'sync' | 'extract' | 'normalize' | 'load'

const STEP_HINTS: Record<PipelineStep, string> = {
  sync: '',
  extract: ' Nothing of this run was kept; data loaded before is untouched.',
  normalize:
    ' The extracted package is kept (and so is any newer one). The hints and contract given to the ' +
    'next run() apply to pending packages too: run again with the ones that accept this data ' +
    "(e.g. schemaContract: 'evolve' on the resource or run), or fix the data and call " +
    'pipeline.dropPendingPackages() to discard the pending packages.',
  load: '',
}

/** A step of a run failed; `cause` is the error of the step, `loadId` the package concerned. */
export class PipelineStepFailed extends DltError {
  override name = 'PipelineStepFailed'
  readonly pipelineName: string
  readonly step: PipelineStep
  readonly loadId: string | undefined

  constructor(pipelineName: string, step: PipelineStep, loadId: string | undefined, cause: Error) {
    super(
      `Pipeline "${pipelineName}" failed in step ${step}${loadId ? ` (load id ${loadId})` : ''}: ${cause.message}${STEP_HINTS[step]}`,
      { cause },
    )
    this.pipelineName = pipelineName
    this.step = step
    this.loadId = loadId
  }

  /** True when the step's error may go away on a retry: `isTransientError(runError)` holds then. */
  get isTransient(): boolean {
    return isTransientError(this.cause)
  }

  /** True when the step's error is terminal: a retry cannot fix it. */
  get isTerminal(): boolean {
    return isTerminalError(this.cause)
  }
}

/** Another process is running the same pipeline. */
export class PipelineLockedError extends DltError {
  override name = 'PipelineLockedError'
  readonly pipelineName: string
  readonly holderPid: number

  constructor(pipelineName: string, holderPid: number, lockPath: string) {
    super(
      `Pipeline "${pipelineName}" is being run by process ${holderPid}: wait for it to finish. ` +
        `If that process is gone, delete ${lockPath}.`,
    )
    this.pipelineName = pipelineName
    this.holderPid = holderPid
  }
}
