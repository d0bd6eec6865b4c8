/**
 * @module Timeouts, retries and error bodies: the HTTP settings dlt keeps in its `[runtime]`
 * config section (`request_timeout`, `request_max_attempts`, …), named in camelCase. Times are in
 * seconds, as in dlt, so a config module can pass `runtime.*` values through unchanged.
 */

/** HTTP behaviour shared by every request of a client. All times are in seconds. */
export interface HttpRuntimeConfig {
  /**
   * Time one attempt may take, from sending the request to reading the whole body (dlt's
   * `runtime.request_timeout`).
   * @default 60
   */
  readonly requestTimeout?: number
  /**
   * Attempts per request, the first one included (dlt's `runtime.request_max_attempts`).
   * `1` turns retries off.
   * @default 5
   */
  readonly requestMaxAttempts?: number
  /**
   * Multiplier of the exponential backoff: the wait after attempt `n` is
   * `requestBackoffFactor * 2 ** (n - 1)` seconds, i.e. 1, 2, 4, 8 … (dlt's
   * `runtime.request_backoff_factor`).
   * @default 1
   */
  readonly requestBackoffFactor?: number
  /**
   * Longest wait between attempts, for the backoff and for `Retry-After` alike (dlt's
   * `runtime.request_max_retry_delay`).
   * @default 300
   */
  readonly requestMaxRetryDelay?: number
  /**
   * Wait as long as a 429/5xx response's `Retry-After` header asks (seconds or an HTTP date),
   * capped by `requestMaxRetryDelay`.
   * @default true
   */
  readonly respectRetryAfterHeader?: boolean
  /**
   * Put the response body (secrets masked) into HTTP errors. dlt's `runtime.http_show_error_body`
   * defaults to `false`; bodies usually say what went wrong, so dlt-ts shows them.
   * @default true
   */
  readonly httpShowErrorBody?: boolean
  /**
   * Longest body excerpt in an HTTP error; longer bodies are cut and marked `… (truncated)`
   * (dlt's `runtime.http_max_error_body_length`).
   * @default 8192
   */
  readonly httpMaxErrorBodyLength?: number
}

/** The defaults of `HttpRuntimeConfig`, dlt's values. */
export const DEFAULT_HTTP_RUNTIME_CONFIG = Object.freeze({
  requestTimeout: 60,
  requestMaxAttempts: 5,
  requestBackoffFactor: 1,
  requestMaxRetryDelay: 300,
  respectRetryAfterHeader: true,
  httpShowErrorBody: true,
  httpMaxErrorBodyLength: 8192,
} satisfies Required<HttpRuntimeConfig>)

/** `config` over the defaults, checked. Throws `RangeError` naming the option that is out of range. */
export function resolveHttpRuntimeConfig(
  config: HttpRuntimeConfig,
  base: Required<HttpRuntimeConfig> = DEFAULT_HTTP_RUNTIME_CONFIG,
): Required<HttpRuntimeConfig> {
  const resolved = { ...base }
  for (const key of Object.keys(base) as (keyof HttpRuntimeConfig)[]) {
    const value = config[key]
    if (value !== undefined) Object.assign(resolved, { [key]: value })
  }
  checkNumber('requestTimeout', resolved.requestTimeout, { min: 0, exclusive: true })
  checkNumber('requestMaxAttempts', resolved.requestMaxAttempts, { min: 1, integer: true })
  checkNumber('requestBackoffFactor', resolved.requestBackoffFactor, { min: 0 })
  checkNumber('requestMaxRetryDelay', resolved.requestMaxRetryDelay, { min: 0 })
  checkNumber('httpMaxErrorBodyLength', resolved.httpMaxErrorBodyLength, { min: 0, integer: true })
  return Object.freeze(resolved)
}

function checkNumber(
  name: string,
  value: number,
  rule: { min: number; exclusive?: boolean; integer?: boolean },
): void {
  const tooSmall = rule.exclusive ? value <= rule.min : value < rule.min
  if (typeof value !== 'number' || Number.isNaN(value) || tooSmall)
    throw new RangeError(
      `The \`${name}\` option must be a number ${rule.exclusive ? 'above' : 'of at least'} ${rule.min}, got ${String(value)}`,
    )
  if (rule.integer && !Number.isInteger(value))
    throw new RangeError(`The \`${name}\` option must be an integer, got ${value}`)
}
