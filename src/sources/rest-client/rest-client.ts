/**
 * @module `RESTClient` (dlt's `RESTClient`): a client for one API — its base URL, headers, auth,
 * paginator and data selector — that sends requests with retries and turns any paginated JSON
 * endpoint into an async stream of pages.
 */
import { callAuthOrigins } from './auth-origins.js'
import { type ClientCore, createClientCore, mergeHooks } from './client-core.js'
import type { PageData } from './page-data.js'
import { joinUrl, normalizeMethod, toOutgoingRequest } from './page-request.js'
import { paginate } from './paginate.js'
import type { PaginateOptions, RESTClientConfig, RequestOptions } from './rest-client-config.js'
import type { RESTResponse } from './rest-response.js'
import { sendRequest } from './send-request.js'

/**
 * A REST API client with pagination, auth and retries.
 *
 * ```ts
 * const client = new RESTClient({
 *   baseUrl: 'https://api.github.com',
 *   auth: new BearerTokenAuth({ token: process.env.GITHUB_TOKEN! }),
 * })
 * for await (const page of client.paginate('/repos/dlt-hub/dlt/issues', { params: { per_page: 100 } })) {
 *   console.log(page.length, page.response.status)
 * }
 * ```
 */
export class RESTClient {
  readonly #config: Readonly<RESTClientConfig>
  readonly #core: ClientCore

  constructor(config: RESTClientConfig) {
    this.#core = createClientCore(config)
    this.#config = Object.freeze({ ...config })
  }

  /** The configuration this client was created with (frozen). */
  get config(): Readonly<RESTClientConfig> {
    return this.#config
  }

  /** The base URL of relative paths. */
  get baseUrl(): string {
    return this.#core.baseUrl
  }

  /**
   * A new client with `overrides` applied: `headers` are merged by name and `hooks` appended;
   * every other option is replaced. This client is not changed.
   */
  extend(overrides: Partial<RESTClientConfig>): RESTClient {
    const config = this.#config
    return new RESTClient({
      ...config,
      ...overrides,
      headers: { ...config.headers, ...overrides.headers },
      hooks: mergeHooks(config.hooks, overrides.hooks),
    })
  }

  /**
   * Sends one request (retrying as configured) and returns the response whatever its status, as
   * dlt does; call `response.raiseForStatus()` to turn an error status into an `HttpError`.
   * `path` may be an absolute URL; credentials go to it only if its origin is that of `baseUrl`
   * or in `authOrigins` (with `baseUrl: ''`, the origin of `path` itself). Throws
   * `HttpConnectionError`/`RequestTimeoutError` when every attempt failed.
   */
  async request(path = '', options: RequestOptions = {}): Promise<RESTResponse> {
    const core = this.#core
    const outgoing = toOutgoingRequest({
      method: normalizeMethod(options.method ?? 'GET'),
      url: joinUrl(core.baseUrl, path),
      headers: { ...core.headers, ...options.headers },
      params: { ...options.params },
      json: options.json,
    })
    const hooks = mergeHooks(core.hooks, options.hooks)
    const sendOptions = {
      auth: options.auth ?? core.auth,
      authOrigins: callAuthOrigins(core, outgoing.url),
      hooks,
      signal: options.signal,
    }
    return (await sendRequest(core, outgoing, sendOptions)).response
  }

  /** A GET request; see `request()`. */
  get(path: string, options: Omit<RequestOptions, 'method' | 'json'> = {}): Promise<RESTResponse> {
    return this.request(path, { ...options, method: 'GET' })
  }

  /** A POST request, usually with a `json` body; see `request()`. */
  post(path: string, options: Omit<RequestOptions, 'method'> = {}): Promise<RESTResponse> {
    return this.request(path, { ...options, method: 'POST' })
  }

  /**
   * Iterates over the pages of `path`. Each page is an array of records that also carries its
   * `request`, `response`, `paginator` and `auth`. The paginator is the call's, else a clone of
   * the client's, else detected from the first response; the records are selected by
   * `dataSelector`, else detected. Credentials go only to pages at the origin of `baseUrl` (with
   * `baseUrl: ''`, that of the first page) or in `authOrigins`. Throws an `HttpError` for an
   * error status no response action ignores.
   *
   * ```ts
   * for await (const page of client.paginate<Post>('/posts', { paginator: new OffsetPaginator({ limit: 50 }) })) {
   *   for (const post of page) console.log(post.title)
   * }
   * ```
   */
  paginate<T = unknown>(
    path = '',
    options: PaginateOptions = {},
  ): AsyncGenerator<PageData<T>, void, undefined> {
    return paginate<T>(this.#core, path, options)
  }
}
