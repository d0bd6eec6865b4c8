/**
 * @module What `RESTClient` takes: its configuration (`RESTClientConfig`), the options of one
 * request (`RequestOptions`) and of one pagination (`PaginateOptions`), and the hooks.
 */
import type { Auth } from './auth/auth.js'
import type { HttpRuntimeConfig } from './http-runtime-config.js'
import type { HttpMethod, QueryParams } from './page-request.js'
import type { Paginator } from './paginators/paginator.js'
import type { ResponseAction, ResponseHook } from './response-actions.js'
import type { RESTClientLogger } from './rest-client-logger.js'

/** The `fetch` the client calls: the global one by default. */
export type FetchLike = (input: URL, init: RequestInit) => Promise<Response>

/** The state passed to a `beforeRetry` hook. */
export interface BeforeRetryState {
  readonly method: string
  /** The URL with secrets masked. */
  readonly url: string
  /** The attempt that just failed, from 1. */
  readonly attempt: number
  /** Seconds until the next attempt. */
  readonly delay: number
  /** The status that is retried, when the attempt got a response. */
  readonly status: number | undefined
  /** The error that is retried (`HttpConnectionError`, `RequestTimeoutError`), when there was one. */
  readonly error: Error | undefined
}

/** Called before the client waits and retries. */
export type BeforeRetryHook = (state: BeforeRetryState) => void | Promise<void>

/** Hooks into sending. The client's hooks run first, then those of the call. */
export interface RequestHooks {
  /** Run on every response, retries included (see `ResponseHook`). */
  readonly response?: readonly ResponseHook[]
  /** Run before each retry, e.g. to count retries. */
  readonly beforeRetry?: readonly BeforeRetryHook[]
}

/** Configuration of a `RESTClient`. Frozen on intake; derive variants with `client.extend()`. */
export interface RESTClientConfig extends HttpRuntimeConfig {
  /**
   * Prefix of every relative path: an absolute http(s) URL, or `''` when every call passes an
   * absolute URL. Its origin is where `auth` credentials go.
   */
  readonly baseUrl: string
  /**
   * Headers of every request; a call's headers override them by name.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Credentials for every request (see `Auth`); a call's `auth` replaces it. They are sent only to
   * the origin of `baseUrl` and to `authOrigins` (see there).
   */
  readonly auth?: Auth
  /**
   * More origins (scheme, host and port, e.g. `'https://uploads.example.com'`) that may receive the
   * `auth` credentials. A URL is reduced to its origin. Credentials always go to the origin of
   * `baseUrl` — or, when `baseUrl` is `''`, to that of each call's first URL — and to these; a
   * request to any other origin (a next-page link, an absolute path, a redirect) is sent without
   * them.
   * @default []
   */
  readonly authOrigins?: readonly string[]
  /** Paginator of every `paginate()` call, cloned per call. Without one, it is detected. */
  readonly paginator?: Paginator
  /** JSONPath of the records in each response. Without one, it is detected. */
  readonly dataSelector?: string
  /**
   * Hooks of every request.
   * @default {}
   */
  readonly hooks?: RequestHooks
  /**
   * Where requests, retries and detections are logged (URLs masked). `console` works.
   * @default a logger that drops everything
   */
  readonly logger?: RESTClientLogger
  /**
   * The `fetch` to call; for proxies or instrumentation. It must honour `redirect: 'manual'`: the
   * client follows redirects itself, to keep credentials from other origins.
   * @default globalThis.fetch
   */
  readonly fetch?: FetchLike
}

/** Options of one `request()`. */
export interface RequestOptions {
  /**
   * The HTTP method (lowercase accepted).
   * @default 'GET'
   */
  readonly method?: HttpMethod | Lowercase<HttpMethod>
  /** Query parameters, added to any in the path. */
  readonly params?: QueryParams
  /** A JSON body. */
  readonly json?: unknown
  /** Headers of this request, over the client's. */
  readonly headers?: Readonly<Record<string, string>>
  /** Credentials of this request, instead of the client's. */
  readonly auth?: Auth
  /** Hooks of this request, after the client's. */
  readonly hooks?: RequestHooks
  /** Aborts the request, its retries and their waits. */
  readonly signal?: AbortSignal
}

/** Options of one `paginate()`. */
export interface PaginateOptions extends Omit<RequestOptions, 'method'> {
  /**
   * GET, or POST for search endpoints that take the query in the body.
   * @default 'GET'
   */
  readonly method?: 'GET' | 'POST' | 'get' | 'post'
  /** The paginator, used as it is (not cloned). Default: the client's, else detected. */
  readonly paginator?: Paginator
  /** JSONPath of the records. Default: the client's, else detected from the first response. */
  readonly dataSelector?: string
  /**
   * Rules for particular responses, e.g. `[{ statusCode: 404, action: 'ignore' }]`: an ignored
   * response ends the pagination without records.
   */
  readonly responseActions?: readonly ResponseAction[]
}
