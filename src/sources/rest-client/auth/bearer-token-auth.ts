/**
 * @module Bearer token auth: `Authorization: Bearer <token>` on every request (dlt's
 * `BearerTokenAuth`).
 */
import { AuthBase, type AuthRequest, requireSecret } from './auth.js'

/** Configuration of `BearerTokenAuth`. */
export interface BearerTokenAuthConfig {
  /** The token. Masked wherever the client shows a request. */
  readonly token: string
}

/**
 * Sends `Authorization: Bearer <token>`.
 *
 * ```ts
 * const client = new RESTClient({ baseUrl, auth: new BearerTokenAuth({ token: process.env.TOKEN! }) })
 * ```
 */
export class BearerTokenAuth extends AuthBase {
  readonly #token: string

  constructor(config: BearerTokenAuthConfig) {
    super()
    this.#token = requireSecret(config?.token, 'token')
  }

  authenticate(request: AuthRequest): void {
    request.headers.set('authorization', `Bearer ${this.#token}`)
  }

  override secretValues(): readonly string[] {
    return [this.#token]
  }
}
