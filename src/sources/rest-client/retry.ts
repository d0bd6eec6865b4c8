/**
 * @module When and how long to retry, as dlt's `requests` wrapper decides: 429 and every 5xx,
 * connection failures and timeouts are retried; other statuses are not. The wait is exponential
 * (`factor * 2 ** (attempt - 1)`: 1, 2, 4, 8 … seconds) unless the response carries a
 * `Retry-After` header, and never longer than `requestMaxRetryDelay`.
 */
import type { HttpRuntimeConfig } from './http-runtime-config.js'

/** True for the statuses dlt retries: 429 and 500–599. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599)
}

/** The shape shared by the three HTTP date formats (IMF-fixdate, RFC 850, asctime). */
const HTTP_DATE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b.*\b\d{1,2}:\d{2}:\d{2}\b/i

/**
 * Parses a `Retry-After` value: whole seconds (`"120"`) or an HTTP date. Returns seconds from
 * `now` (negative for a date in the past), or `undefined` if the value is neither.
 */
export function parseRetryAfter(value: string, now: number = Date.now()): number | undefined {
  if (/^\s*\d+\s*$/.test(value)) return Number(value)
  // `Date.parse` accepts nearly anything ("1.5" is a date to V8): require a month name and a time.
  if (!HTTP_DATE.test(value)) return undefined
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : (date - now) / 1000
}

/**
 * Seconds to wait after failed attempt number `attempt` (1-based). `retryAfter` (seconds, from the
 * response) wins over the backoff when given; both are clamped to `[0, requestMaxRetryDelay]`.
 */
export function computeRetryDelay(
  attempt: number,
  config: Required<Pick<HttpRuntimeConfig, 'requestBackoffFactor' | 'requestMaxRetryDelay'>>,
  retryAfter?: number,
): number {
  const wanted = retryAfter ?? config.requestBackoffFactor * 2 ** Math.max(0, attempt - 1)
  return Math.min(config.requestMaxRetryDelay, Math.max(0, wanted))
}

/** System error codes of connections that failed or broke; a retry may succeed. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
])

/**
 * True when `error` (thrown by `fetch` or while reading the body) means the connection failed or
 * broke, as opposed to a programming error such as an invalid header.
 */
export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true
    // undici's wrappers: `fetch failed` (connect/headers) and `terminated` (body).
    if (current instanceof TypeError && /^(fetch failed|terminated)$/.test(current.message))
      return true
    current = current.cause
  }
  return false
}

/** Waits `seconds`; rejects with the signal's reason if it aborts first. */
export function sleep(seconds: number, signal?: AbortSignal): Promise<void> {
  if (seconds <= 0 && !signal?.aborted) return Promise.resolve()
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, seconds * 1000)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
