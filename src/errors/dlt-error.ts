/**
 * @module The root of dlt-ts' error tree. Every error a user can cause is a `DltError`; its two
 * branches, `TerminalError` and `TransientError`, tell the loader whether a retry can help.
 */

/** Base class of every error dlt-ts raises on purpose. */
export class DltError extends Error {
  override name = 'DltError'

  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
  }

  /** Brand checked by `isDltError`, so two copies of the package still agree. */
  get isDltError(): true {
    return true
  }
}

/** Retrying does not help: bad data, an unsupported type, a rejected credential. */
export class TerminalError extends DltError {
  override name = 'TerminalError'
  get isTerminal(): true {
    return true
  }
}

/** Retrying may help: a reset connection, a lock timeout, a 429/503. */
export class TransientError extends DltError {
  override name = 'TransientError'
  get isTransient(): true {
    return true
  }
}

/** Wraps a thrown value that is not an `Error` (ky's `NonError`), so `cause` is always an Error. */
export class NonError extends Error {
  override name = 'NonError'
  readonly value: unknown
  constructor(value: unknown) {
    super(typeof value === 'string' ? value : safeString(value))
    this.value = value
  }
}

/** Returns `value` if it is an Error, else wraps it in `NonError`. */
export function toError(value: unknown): Error {
  return value instanceof Error ? value : new NonError(value)
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    // Circular or BigInt-holding values cannot be JSON-encoded; String() always works.
    return String(value)
  }
}

/** True for any error raised by dlt-ts, across package copies. */
export function isDltError(error: unknown): error is DltError {
  return (
    error instanceof DltError || (error as { isDltError?: unknown } | null)?.isDltError === true
  )
}

/** True for errors that a retry cannot fix. */
export function isTerminalError(error: unknown): error is TerminalError {
  return (
    error instanceof TerminalError ||
    (error as { isTerminal?: unknown } | null)?.isTerminal === true
  )
}

/** True for errors that a retry may fix. */
export function isTransientError(error: unknown): error is TransientError {
  return (
    error instanceof TransientError ||
    (error as { isTransient?: unknown } | null)?.isTransient === true
  )
}
