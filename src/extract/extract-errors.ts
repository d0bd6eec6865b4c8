/**
 * @module Errors of the extract stage.
 */
import { DltError } from '../errors/dlt-error.js'

/** A resource (or transformer) threw while producing items; `cause` is what it threw. */
export class ResourceExtractError extends DltError {
  override name = 'ResourceExtractError'
  readonly resourceName: string

  constructor(resourceName: string, cause: Error) {
    super(
      `Resource "${resourceName}" failed while extracting: ${cause.message}. Nothing of this run ` +
        'was loaded and its state was not advanced; fix the cause and run again.',
      { cause },
    )
    this.resourceName = resourceName
  }
}
