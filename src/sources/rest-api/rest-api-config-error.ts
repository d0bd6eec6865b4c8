/**
 * @module The error for a REST API config that cannot work: wrong keys, wrong types, references to
 * resources that do not exist, unknown placeholders. Raised before any request, listing every
 * problem with its path in the config; secret values never appear in it.
 */
import { TerminalError } from '../../errors/dlt-error.js'
import type { ConfigIssue } from './config-shape/validate-shape.js'

/** A REST API config was rejected; `issues` holds every problem found. */
export class RestApiConfigError extends TerminalError {
  override name = 'RestApiConfigError'
  /** Every problem, with its path in the config. */
  readonly issues: readonly ConfigIssue[]

  constructor(issues: readonly ConfigIssue[], options?: ErrorOptions) {
    const lines = issues.map((issue) => `  ${issue.path || '(config)'}: ${issue.message}`)
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`
    super(`Invalid REST API config (${count}):\n${lines.join('\n')}`, options)
    this.issues = Object.freeze([...issues])
  }

  /** Brand checked by `isRestApiConfigError`. */
  get isRestApiConfigError(): true {
    return true
  }
}

/** True for a `RestApiConfigError`, also from another copy of the package. */
export function isRestApiConfigError(error: unknown): error is RestApiConfigError {
  return (
    error instanceof RestApiConfigError ||
    (error instanceof Error &&
      error.name === 'RestApiConfigError' &&
      (error as Partial<RestApiConfigError>).isRestApiConfigError === true)
  )
}
