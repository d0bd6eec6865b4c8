/**
 * @module dlt-ts/rest-client: a REST API client that turns any paginated JSON API into an async
 * stream of pages — paginators (given or detected), auth, retries with backoff, data selection and
 * secret-masked errors. It is independent of the pipeline: yield its pages from a resource, or use
 * it on its own.
 *
 * ```ts
 * import { RESTClient, BearerTokenAuth, HeaderLinkPaginator } from 'dlt-ts/rest-client'
 *
 * const github = new RESTClient({
 *   baseUrl: 'https://api.github.com',
 *   auth: new BearerTokenAuth({ token: process.env.GITHUB_TOKEN! }),
 *   paginator: new HeaderLinkPaginator(),
 * })
 * for await (const page of github.paginate('/repos/dlt-hub/dlt/issues')) console.log(page.length)
 * ```
 */

export {
  API_KEY_LOCATIONS,
  APIKeyAuth,
  type APIKeyAuthConfig,
  type ApiKeyLocation,
} from './auth/api-key-auth.js'
export {
  type Auth,
  AuthBase,
  type AuthContext,
  type AuthRequest,
  type AuthTokenRequest,
} from './auth/auth.js'
export { BearerTokenAuth, type BearerTokenAuthConfig } from './auth/bearer-token-auth.js'
export { HttpBasicAuth, type HttpBasicAuthConfig } from './auth/http-basic-auth.js'
export {
  OAuth2ClientCredentials,
  type OAuth2ClientCredentialsConfig,
} from './auth/oauth2-client-credentials.js'
export { NON_RECORD_KEY_PATTERNS, RECORD_KEY_PATTERNS } from './data-selector.js'
export {
  HttpClientError,
  type HttpError,
  type HttpErrorFields,
  HttpRateLimitError,
  HttpServerError,
  isHttpError,
  type MaskedRequest,
} from './http-errors.js'
export { DEFAULT_HTTP_RUNTIME_CONFIG, type HttpRuntimeConfig } from './http-runtime-config.js'
export type { LinkValue } from './link-header.js'
export type { PageContext, PageData } from './page-data.js'
export {
  HTTP_METHODS,
  type HttpMethod,
  type PageRequest,
  type QueryParams,
  type QueryValue,
} from './page-request.js'
export { BaseNextUrlPaginator } from './paginators/base-next-url-paginator.js'
export { BaseReferencePaginator } from './paginators/base-reference-paginator.js'
export {
  HeaderCursorPaginator,
  type HeaderCursorPaginatorConfig,
} from './paginators/header-cursor-paginator.js'
export {
  HeaderLinkPaginator,
  type HeaderLinkPaginatorConfig,
} from './paginators/header-link-paginator.js'
export {
  JSONLinkPaginator,
  type JSONLinkPaginatorConfig,
} from './paginators/json-link-paginator.js'
export {
  JSONResponseCursorPaginator,
  type JSONResponseCursorPaginatorConfig,
} from './paginators/json-response-cursor-paginator.js'
export { OffsetPaginator, type OffsetPaginatorConfig } from './paginators/offset-paginator.js'
export {
  PageNumberPaginator,
  type PageNumberPaginatorConfig,
} from './paginators/page-number-paginator.js'
export { BasePaginator, type Paginator } from './paginators/paginator.js'
export { RangePaginator, type RangePaginatorSettings } from './paginators/range-paginator.js'
export type { RequestTarget } from './paginators/request-target.js'
export { SinglePagePaginator } from './paginators/single-page-paginator.js'
export { MASK, SENSITIVE_PARAMS } from './redaction.js'
export {
  createResponseHooks,
  RESPONSE_ACTION_TYPES,
  type ResponseAction,
  type ResponseActionRule,
  type ResponseActionType,
  type ResponseHook,
  type ResponseHookResult,
} from './response-actions.js'
export { RESTClient } from './rest-client.js'
export type {
  BeforeRetryHook,
  BeforeRetryState,
  FetchLike,
  PaginateOptions,
  RESTClientConfig,
  RequestHooks,
  RequestOptions,
} from './rest-client-config.js'
export {
  HttpConnectionError,
  isHttpConnectionError,
  isPaginatorError,
  isRequestTimeoutError,
  isResponseFormatError,
  PaginatorError,
  RequestTimeoutError,
  ResponseFormatError,
} from './rest-client-errors.js'
export type { RESTClientLogger } from './rest-client-logger.js'
export { RESTResponse } from './rest-response.js'
