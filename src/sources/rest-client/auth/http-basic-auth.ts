/**
 * @module HTTP basic auth: `Authorization: Basic base64(username:password)` (dlt's
 * `HttpBasicAuth`).
 */
import { AuthBase, type AuthRequest, requireSecret } from './auth.js'

/** Configuration of `HttpBasicAuth`. */
export interface HttpBasicAuthConfig {
  readonly username: string
  /** The password. Masked wherever the client shows a request. */
  readonly password: string
}

/**
 * Sends HTTP basic credentials (UTF-8 encoded).
 *
 * ```ts
 * new HttpBasicAuth({ username: 'ann', password: process.env.PASSWORD! })
 * ```
 */
export class HttpBasicAuth extends AuthBase {
  readonly #username: string
  readonly #password: string
  readonly #encoded: string

  constructor(config: HttpBasicAuthConfig) {
    super()
    if (typeof config?.username !== 'string')
      throw new TypeError('The `username` option must be a string')
    this.#username = config.username
    this.#password = requireSecret(config.password, 'password')
    this.#encoded = Buffer.from(`${this.#username}:${this.#password}`, 'utf8').toString('base64')
  }

  /** The user name (not secret). */
  get username(): string {
    return this.#username
  }

  authenticate(request: AuthRequest): void {
    request.headers.set('authorization', `Basic ${this.#encoded}`)
  }

  override secretValues(): readonly string[] {
    return [this.#password, this.#encoded]
  }
}
