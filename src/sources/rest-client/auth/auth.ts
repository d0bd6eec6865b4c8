/**
 * @module The auth plug-in point (dlt's `AuthConfigBase`): an object that adds credentials to each
 * outgoing request, may refresh them when the server answers 401, and names its secrets so the
 * client can mask them in every URL, header and body it shows.
 */
import type { HttpMethod } from '../page-request.js'
import type { RESTResponse } from '../rest-response.js'

/** An outgoing request as auth sees it: add headers, query parameters or cookies in place. */
export interface AuthRequest {
  readonly method: HttpMethod
  readonly url: URL
  readonly headers: Headers
}

/** A request an auth sends itself, e.g. to fetch a token. */
export interface AuthTokenRequest {
  readonly method: HttpMethod
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  /** The body, sent as it is (set `content-type` in `headers`). */
  readonly body?: string
}

/** What the client gives an auth besides the request. */
export interface AuthContext {
  /**
   * Sends a request with the client's `fetch`, timeout and retries, without auth. The response is
   * returned whatever its status; call `raiseForStatus()` on it.
   */
  send(request: AuthTokenRequest): Promise<RESTResponse>
  /** The caller's abort signal, if any. */
  readonly signal: AbortSignal | undefined
}

/**
 * Adds credentials to requests. Implement it (or extend `AuthBase`) for a custom scheme:
 *
 * ```ts
 * class SignedAuth extends AuthBase {
 *   authenticate(request: AuthRequest) {
 *     request.headers.set('x-signature', sign(request.url.href))
 *   }
 * }
 * ```
 */
export interface Auth {
  /** Adds credentials to `request`. Called before every attempt, retries included. */
  authenticate(request: AuthRequest, context: AuthContext): void | Promise<void>
  /**
   * Called once per request when the server answered 401. Return `true` after renewing the
   * credentials to have the request sent again; `false` lets the 401 through.
   */
  handleUnauthorized?(response: RESTResponse, context: AuthContext): boolean | Promise<boolean>
  /** The secret values this auth sends; the client masks them wherever it shows a request. */
  secretValues?(): readonly string[]
}

/** An `Auth` with defaults: no renewal on 401, no secrets to mask. */
export abstract class AuthBase implements Auth {
  abstract authenticate(request: AuthRequest, context: AuthContext): void | Promise<void>

  /** Lets the 401 through. */
  handleUnauthorized(_response: RESTResponse, _context: AuthContext): boolean | Promise<boolean> {
    return false
  }

  /** No secrets. Override to list the values your auth sends. */
  secretValues(): readonly string[] {
    return []
  }
}

/** Throws `TypeError` naming `option` unless `value` is a non-empty string. */
export function requireSecret(value: unknown, option: string): string {
  if (typeof value !== 'string' || value === '')
    throw new TypeError(`The \`${option}\` option must be a non-empty string`)
  return value
}
