/**
 * @module The errors for a response with an error status, one class per retry decision:
 * `HttpClientError` (4xx, terminal), `HttpRateLimitError` (429) and `HttpServerError` (5xx), both
 * transient. Each names the method, the secret-masked URL and the status, and by default carries a
 * masked, truncated excerpt of the body (dlt#1605). The full response is on the non-enumerable
 * `response` property, so logging the error never prints it.
 */
import { TerminalError, TransientError } from '../../errors/dlt-error.js'
import type { RESTResponse } from './rest-response.js'
import { parseRetryAfter } from './retry.js'

/** A request as it may be shown: URL and headers with secrets masked. */
export interface MaskedRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
}

/** What an HTTP error is built from. */
export interface HttpErrorDetails {
  readonly request: MaskedRequest
  readonly response: RESTResponse
  /** The masked, truncated body, or `undefined` when bodies are not shown. */
  readonly body: string | undefined
  /** Attempts made, retries included. */
  readonly attempts: number
}

/** The fields every HTTP status error has. */
export interface HttpErrorFields {
  readonly method: string
  /** The request URL with secrets masked. */
  readonly url: string
  readonly status: number
  readonly statusText: string
  /** Masked, truncated response body (`httpShowErrorBody`), else `undefined`. */
  readonly body: string | undefined
  readonly request: MaskedRequest
  readonly attempts: number
  /** The response itself, unmasked. Not enumerable: it never shows up when the error is logged. */
  readonly response: RESTResponse
  readonly isHttpError: true
}

/** A 4xx response other than 429: the request is wrong or not allowed; retrying will not help. */
export class HttpClientError extends TerminalError implements HttpErrorFields {
  override name = 'HttpClientError'
  declare readonly method: string
  declare readonly url: string
  declare readonly status: number
  declare readonly statusText: string
  declare readonly body: string | undefined
  declare readonly request: MaskedRequest
  declare readonly attempts: number
  declare readonly response: RESTResponse

  constructor(details: HttpErrorDetails) {
    super(httpErrorMessage(details))
    assignHttpFields(this, details)
  }

  /** Brand checked by `isHttpError`. */
  get isHttpError(): true {
    return true
  }
}

/** A 429 that persisted through every retry. `retryAfter` is the server's last wish, in seconds. */
export class HttpRateLimitError extends TransientError implements HttpErrorFields {
  override name = 'HttpRateLimitError'
  declare readonly method: string
  declare readonly url: string
  declare readonly status: number
  declare readonly statusText: string
  declare readonly body: string | undefined
  declare readonly request: MaskedRequest
  declare readonly attempts: number
  declare readonly response: RESTResponse
  readonly retryAfter: number | undefined

  constructor(details: HttpErrorDetails) {
    super(httpErrorMessage(details))
    assignHttpFields(this, details)
    const header = details.response.headers.get('retry-after')
    this.retryAfter = header ? parseRetryAfter(header) : undefined
  }

  /** Brand checked by `isHttpError`. */
  get isHttpError(): true {
    return true
  }
}

/** A 5xx that persisted through every retry. */
export class HttpServerError extends TransientError implements HttpErrorFields {
  override name = 'HttpServerError'
  declare readonly method: string
  declare readonly url: string
  declare readonly status: number
  declare readonly statusText: string
  declare readonly body: string | undefined
  declare readonly request: MaskedRequest
  declare readonly attempts: number
  declare readonly response: RESTResponse

  constructor(details: HttpErrorDetails) {
    super(httpErrorMessage(details))
    assignHttpFields(this, details)
  }

  /** Brand checked by `isHttpError`. */
  get isHttpError(): true {
    return true
  }
}

/** Any of the three HTTP status errors. */
export type HttpError = HttpClientError | HttpRateLimitError | HttpServerError

/** The error class for `details.response.status`: 429 → rate limit, ≥ 500 → server, else client. */
export function createHttpError(details: HttpErrorDetails): HttpError {
  const { status } = details.response
  if (status === 429) return new HttpRateLimitError(details)
  if (status >= 500) return new HttpServerError(details)
  return new HttpClientError(details)
}

/** True for `HttpClientError`, `HttpRateLimitError` and `HttpServerError`, across package copies. */
export function isHttpError(error: unknown): error is HttpError {
  return (
    error instanceof HttpClientError ||
    error instanceof HttpRateLimitError ||
    error instanceof HttpServerError ||
    (error as { isHttpError?: unknown } | null)?.isHttpError === true
  )
}

/** Cuts `body` to `maxLength` characters, marking the cut. */
export function truncateBody(body: string, maxLength: number): string {
  return body.length > maxLength ? `${body.slice(0, maxLength)}… (truncated)` : body
}

function httpErrorMessage({ request, response, body, attempts }: HttpErrorDetails): string {
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
  const retried = attempts > 1 ? ` (after ${attempts} attempts)` : ''
  const excerpt = body ? `\nResponse body: ${body}` : ''
  return `Request failed with status ${status}: ${request.method} ${request.url}${retried}${excerpt}`
}

function assignHttpFields(error: Error, details: HttpErrorDetails): void {
  const { request, response, body, attempts } = details
  Object.assign(error, {
    method: request.method,
    url: request.url,
    status: response.status,
    statusText: response.statusText,
    body,
    request,
    attempts,
  })
  // Not enumerable: the response holds the unmasked URL and body.
  Object.defineProperty(error, 'response', { value: response, enumerable: false })
}
