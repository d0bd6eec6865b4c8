/**
 * @module The REST client's errors besides HTTP statuses (those are in `http-errors.ts`): a
 * connection that failed or a request that timed out on every attempt (transient), a body that is
 * not what was expected, and a paginator that cannot read the response (terminal). URLs in
 * messages and properties are always secret-masked.
 */
import { TerminalError, TransientError } from '../../errors/dlt-error.js'

/** The connection failed on every attempt: refused, reset, dropped mid-body, DNS failure. */
export class HttpConnectionError extends TransientError {
  override name = 'HttpConnectionError'
  readonly method: string
  /** The request URL with secrets masked. */
  readonly url: string
  readonly attempts: number
  /** The system error code when there is one, e.g. `ECONNRESET`, `UND_ERR_SOCKET`. */
  readonly code: string | undefined

  constructor(method: string, url: string, attempts: number, options: { cause: Error }) {
    const reason = rootCause(options.cause)
    const code = (reason as { code?: unknown }).code
    const codeText = typeof code === 'string' ? ` (${code})` : ''
    const retried = attempts > 1 ? ` after ${attempts} attempts` : ''
    super(`Connection failed${retried}: ${method} ${url}: ${reason.message}${codeText}`, options)
    this.method = method
    this.url = url
    this.attempts = attempts
    this.code = typeof code === 'string' ? code : undefined
  }
}

/** Every attempt took longer than `requestTimeout` (headers and body included). */
export class RequestTimeoutError extends TransientError {
  override name = 'RequestTimeoutError'
  readonly method: string
  /** The request URL with secrets masked. */
  readonly url: string
  readonly attempts: number
  /** The timeout of one attempt, in seconds. */
  readonly timeout: number

  constructor(method: string, url: string, attempts: number, timeout: number) {
    const retried = attempts > 1 ? ` (${attempts} attempts)` : ''
    super(`Request timed out after ${timeout} s${retried}: ${method} ${url}`)
    this.method = method
    this.url = url
    this.attempts = attempts
    this.timeout = timeout
  }
}

/** The response body is not what the client or an auth expected (not JSON, no token). */
export class ResponseFormatError extends TerminalError {
  override name = 'ResponseFormatError'
  readonly method: string
  /** The request URL with secrets masked. */
  readonly url: string
  readonly status: number

  constructor(
    method: string,
    url: string,
    status: number,
    reason: string,
    options?: { cause: Error },
  ) {
    super(`Unexpected response to ${method} ${url} (status ${status}): ${reason}`, options)
    this.method = method
    this.url = url
    this.status = status
  }
}

/** A paginator cannot read a value it needs, e.g. a `total` that is not a number. */
export class PaginatorError extends TerminalError {
  override name = 'PaginatorError'
  /** The paginator's description, e.g. `OffsetPaginator(offset=20, limit=10, totalPath=total)`. */
  readonly paginator: string
  /** The JSONPath that was read, when the problem is a value in the body. */
  readonly path: string | undefined

  constructor(paginator: string, path: string | undefined, reason: string) {
    super(`Paginator ${paginator} cannot continue: ${reason}`)
    this.paginator = paginator
    this.path = path
  }
}

/** True for `HttpConnectionError`, across package copies. */
export function isHttpConnectionError(error: unknown): error is HttpConnectionError {
  return hasName(error, HttpConnectionError, 'HttpConnectionError')
}

/** True for `RequestTimeoutError`, across package copies. */
export function isRequestTimeoutError(error: unknown): error is RequestTimeoutError {
  return hasName(error, RequestTimeoutError, 'RequestTimeoutError')
}

/** True for `ResponseFormatError`, across package copies. */
export function isResponseFormatError(error: unknown): error is ResponseFormatError {
  return hasName(error, ResponseFormatError, 'ResponseFormatError')
}

/** True for `PaginatorError`, across package copies. */
export function isPaginatorError(error: unknown): error is PaginatorError {
  return hasName(error, PaginatorError, 'PaginatorError')
}

function hasName(error: unknown, type: abstract new (...args: never[]) => Error, name: string) {
  return (
    error instanceof type ||
    (error instanceof Error &&
      error.name === name &&
      (error as { isDltError?: unknown }).isDltError === true)
  )
}

/** The innermost `cause` (undici hides the socket error under `fetch failed`). */
function rootCause(error: Error): Error {
  let current = error
  for (let depth = 0; depth < 5 && current.cause instanceof Error; depth++) current = current.cause
  return current
}
