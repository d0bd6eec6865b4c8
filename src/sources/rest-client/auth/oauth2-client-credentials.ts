/**
 * @module OAuth 2 client credentials flow (dlt's `OAuth2ClientCredentials`): the client id and
 * secret are exchanged for an access token, which is cached, renewed shortly before it expires and
 * renewed again if the API answers 401 anyway (a token revoked early).
 */
import { ResponseFormatError } from '../rest-client-errors.js'
import type { RESTResponse } from '../rest-response.js'
import {
  AuthBase,
  type AuthContext,
  type AuthRequest,
  type AuthTokenRequest,
  requireSecret,
} from './auth.js'

/** Configuration of `OAuth2ClientCredentials`. */
export interface OAuth2ClientCredentialsConfig {
  /** The token endpoint. */
  readonly accessTokenUrl: string
  readonly clientId: string
  /** Masked wherever the client shows a request. */
  readonly clientSecret: string
  /**
   * Extra form fields of the token request, e.g. `{ scope: 'read' }` or `{ audience: '…' }`.
   * @default {}
   */
  readonly accessTokenRequestData?: Readonly<Record<string, string | number | boolean>>
  /**
   * Token lifetime in seconds when the token response has no `expires_in`.
   * @default 3600
   */
  readonly defaultTokenExpiration?: number
  /**
   * Renew the token this many seconds before it expires (at most half its lifetime), so a request
   * never leaves with a token that expires on the way.
   * @default 60
   */
  readonly tokenRefreshMargin?: number
}

/**
 * Fetches and renews an OAuth 2 access token with the client credentials grant and sends it as
 * `Authorization: Bearer <token>`. Subclass and override `buildAccessTokenRequest`,
 * `parseAccessToken` or `parseExpirationInSeconds` for providers that deviate from RFC 6749.
 *
 * ```ts
 * const auth = new OAuth2ClientCredentials({
 *   accessTokenUrl: 'https://auth.example.com/oauth/token',
 *   clientId: process.env.CLIENT_ID!,
 *   clientSecret: process.env.CLIENT_SECRET!,
 * })
 * ```
 */
export class OAuth2ClientCredentials extends AuthBase {
  readonly #config: Required<OAuth2ClientCredentialsConfig>
  #accessToken: string | undefined
  #refreshAt = 0
  #pending: Promise<void> | undefined

  constructor(config: OAuth2ClientCredentialsConfig) {
    super()
    this.#config = Object.freeze({
      accessTokenUrl: requireSecret(config?.accessTokenUrl, 'accessTokenUrl'),
      clientId: requireSecret(config.clientId, 'clientId'),
      clientSecret: requireSecret(config.clientSecret, 'clientSecret'),
      accessTokenRequestData: { ...config.accessTokenRequestData },
      defaultTokenExpiration: config.defaultTokenExpiration ?? 3600,
      tokenRefreshMargin: config.tokenRefreshMargin ?? 60,
    })
  }

  /** True when there is no token yet or it is due for renewal. */
  get isTokenExpired(): boolean {
    return this.#accessToken === undefined || Date.now() >= this.#refreshAt
  }

  async authenticate(request: AuthRequest, context: AuthContext): Promise<void> {
    if (this.isTokenExpired) await this.#renew(context)
    request.headers.set('authorization', `Bearer ${this.#accessToken}`)
  }

  /** Drops the token, so the request is sent again with a new one. */
  override handleUnauthorized(): boolean {
    this.#accessToken = undefined
    return true
  }

  override secretValues(): readonly string[] {
    const { clientId, clientSecret } = this.#config
    return this.#accessToken
      ? [clientSecret, clientId, this.#accessToken]
      : [clientSecret, clientId]
  }

  /** The token request: a form POST with the client id, secret and `grant_type`. */
  protected buildAccessTokenRequest(): AuthTokenRequest {
    const { accessTokenUrl, clientId, clientSecret, accessTokenRequestData } = this.#config
    const form = new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: 'client_credentials',
    })
    for (const [name, value] of Object.entries(accessTokenRequestData))
      form.set(name, String(value))
    return {
      method: 'POST',
      url: accessTokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    }
  }

  /** The token in the token response: `access_token`. */
  protected parseAccessToken(response: unknown): string | undefined {
    const token = (response as { access_token?: unknown } | null)?.access_token
    return typeof token === 'string' && token !== '' ? token : undefined
  }

  /** The token lifetime: `expires_in`, else `defaultTokenExpiration`. */
  protected parseExpirationInSeconds(response: unknown): number {
    const expiresIn = Number((response as { expires_in?: unknown } | null)?.expires_in)
    return Number.isFinite(expiresIn) && expiresIn > 0
      ? expiresIn
      : this.#config.defaultTokenExpiration
  }

  /** Fetches a token; concurrent callers share one token request. */
  #renew(context: AuthContext): Promise<void> {
    this.#pending ??= this.#obtainToken(context).finally(() => {
      this.#pending = undefined
    })
    return this.#pending
  }

  async #obtainToken(context: AuthContext): Promise<void> {
    const response: RESTResponse = await context.send(this.buildAccessTokenRequest())
    response.raiseForStatus()
    const body = response.json()
    const token = this.parseAccessToken(body)
    if (!token) {
      const { method, url } = response.request
      throw new ResponseFormatError(
        method,
        url,
        response.status,
        'no access_token in the token response',
      )
    }
    const lifetime = this.parseExpirationInSeconds(body)
    const margin = Math.min(this.#config.tokenRefreshMargin, lifetime / 2)
    this.#accessToken = token
    this.#refreshAt = Date.now() + (lifetime - margin) * 1000
  }
}
