/**
 * @module API key auth: the key in a header, a query parameter or a cookie, under a name of your
 * choice (dlt's `APIKeyAuth`, whose `cookie` location dlt-ts implements).
 */
import { AuthBase, type AuthRequest, requireSecret } from './auth.js'

/** Where an API key goes. `param` is dlt's alias of `query`. */
export const API_KEY_LOCATIONS = ['header', 'query', 'param', 'cookie'] as const
/** Where an API key goes. */
export type ApiKeyLocation = (typeof API_KEY_LOCATIONS)[number]

/** Configuration of `APIKeyAuth`. */
export interface APIKeyAuthConfig {
  /** The key. Masked wherever the client shows a request. */
  readonly apiKey: string
  /**
   * The header, query parameter or cookie name.
   * @default 'Authorization'
   */
  readonly name?: string
  /**
   * Where the key goes.
   * @default 'header'
   */
  readonly location?: ApiKeyLocation
}

/**
 * Sends an API key.
 *
 * ```ts
 * new APIKeyAuth({ apiKey: process.env.KEY!, name: 'api_key', location: 'query' })
 * ```
 */
export class APIKeyAuth extends AuthBase {
  readonly #apiKey: string
  readonly #name: string
  readonly #location: ApiKeyLocation

  constructor(config: APIKeyAuthConfig) {
    super()
    this.#apiKey = requireSecret(config?.apiKey, 'apiKey')
    this.#name = config.name ?? 'Authorization'
    this.#location = config.location ?? 'header'
    if (!API_KEY_LOCATIONS.includes(this.#location))
      throw new TypeError(
        `The \`location\` option must be one of ${API_KEY_LOCATIONS.join(', ')}, got "${this.#location}"`,
      )
  }

  /** The name the key is sent under. */
  get name(): string {
    return this.#name
  }

  /** Where the key is sent. */
  get location(): ApiKeyLocation {
    return this.#location
  }

  authenticate(request: AuthRequest): void {
    if (this.#location === 'header') {
      request.headers.set(this.#name, this.#apiKey)
    } else if (this.#location === 'cookie') {
      const cookie = `${this.#name}=${encodeURIComponent(this.#apiKey)}`
      const existing = request.headers.get('cookie')
      request.headers.set('cookie', existing ? `${existing}; ${cookie}` : cookie)
    } else {
      request.url.searchParams.set(this.#name, this.#apiKey)
    }
  }

  override secretValues(): readonly string[] {
    return [this.#apiKey, encodeURIComponent(this.#apiKey)]
  }
}
