/**
 * @module The typed configuration of `restApiSource` — dlt's `RESTAPIConfig` with camelCase keys
 * (dlt's snake_case keys are accepted too: see `DltRestApiConfig`).
 * Everything here can also be written as JSON (functions and class instances aside); the same
 * structure is checked at run time by `validateRestApiConfig` and described for editors by
 * `restApiConfigJsonSchema`.
 */
import type { ResourceHints } from '../../extract/resource.js'
import type {
  ApiKeyLocation,
  Auth,
  HeaderCursorPaginatorConfig,
  HeaderLinkPaginatorConfig,
  HttpMethod,
  JSONLinkPaginatorConfig,
  JSONResponseCursorPaginatorConfig,
  OffsetPaginatorConfig,
  PageNumberPaginatorConfig,
  Paginator,
  ResponseAction,
} from '../rest-client/index.js'

/** Paginator type names (dlt's `PaginatorType`); `'json_response'` is dlt's deprecated alias of `'json_link'`. */
export const PAGINATOR_TYPES = [
  'json_link',
  'json_response',
  'header_link',
  'auto',
  'single_page',
  'cursor',
  'header_cursor',
  'offset',
  'page_number',
] as const
/** A paginator type name. */
export type PaginatorType = (typeof PAGINATOR_TYPES)[number]

/** Auth type names (dlt's `AuthType`). */
export const AUTH_TYPES = ['bearer', 'api_key', 'http_basic', 'oauth2_client_credentials'] as const
/** An auth type name. */
export type AuthType = (typeof AUTH_TYPES)[number]

/** `{ type: 'json_link', nextUrlPath }`: the next page's URL in the body. */
export type JsonLinkPaginatorTypeConfig = {
  readonly type: 'json_link' | 'json_response'
} & JSONLinkPaginatorConfig
/** `{ type: 'header_link' }`: the `Link` header. */
export type HeaderLinkPaginatorTypeConfig = {
  readonly type: 'header_link'
} & HeaderLinkPaginatorConfig
/** `{ type: 'cursor' }`: a cursor in the body, sent back as a parameter. */
export type CursorPaginatorTypeConfig = {
  readonly type: 'cursor'
} & JSONResponseCursorPaginatorConfig
/** `{ type: 'header_cursor' }`: a cursor in a response header. */
export type HeaderCursorPaginatorTypeConfig = {
  readonly type: 'header_cursor'
} & HeaderCursorPaginatorConfig
/** `{ type: 'offset', limit }`: `?offset=&limit=`. */
export type OffsetPaginatorTypeConfig = { readonly type: 'offset' } & OffsetPaginatorConfig
/** `{ type: 'page_number' }`: `?page=`. */
export type PageNumberPaginatorTypeConfig = {
  readonly type: 'page_number'
} & PageNumberPaginatorConfig
/** `{ type: 'single_page' }` or `{ type: 'auto' }`. */
export interface PlainPaginatorTypeConfig {
  readonly type: 'single_page' | 'auto'
}

/** A paginator: a type name, a `{ type, … }` object, or a `Paginator` instance. */
export type PaginatorConfig =
  | PaginatorType
  | JsonLinkPaginatorTypeConfig
  | HeaderLinkPaginatorTypeConfig
  | CursorPaginatorTypeConfig
  | HeaderCursorPaginatorTypeConfig
  | OffsetPaginatorTypeConfig
  | PageNumberPaginatorTypeConfig
  | PlainPaginatorTypeConfig
  | Paginator

/** `{ type: 'bearer', token }`; `type` may be left out (dlt's shorthand). */
export interface BearerAuthConfig {
  readonly type?: 'bearer'
  /** Read from `sources.<source>.token` when left out. */
  readonly token?: string
}
/** `{ type: 'api_key', apiKey, name, location }`. */
export interface ApiKeyAuthTypeConfig {
  readonly type: 'api_key'
  /** Read from `sources.<source>.api_key` when left out. */
  readonly apiKey?: string
  /** @default 'Authorization' */
  readonly name?: string
  /** @default 'header' */
  readonly location?: ApiKeyLocation
}
/** `{ type: 'http_basic', username, password }`. */
export interface HttpBasicAuthTypeConfig {
  readonly type: 'http_basic'
  /** Read from `sources.<source>.username` when left out. */
  readonly username?: string
  /** Read from `sources.<source>.password` when left out. */
  readonly password?: string
}
/** `{ type: 'oauth2_client_credentials', … }`. */
export interface OAuth2ClientCredentialsTypeConfig {
  readonly type: 'oauth2_client_credentials'
  /** Read from `sources.<source>.access_token_url` when left out. */
  readonly accessTokenUrl?: string
  /** Read from `sources.<source>.client_id` when left out. */
  readonly clientId?: string
  /** Read from `sources.<source>.client_secret` when left out. */
  readonly clientSecret?: string
  readonly accessTokenRequestData?: Readonly<Record<string, string | number | boolean>>
  /** @default 3600 */
  readonly defaultTokenExpiration?: number
  /** @default 60 */
  readonly tokenRefreshMargin?: number
}

/** Credentials: a type name (all values from configuration), a `{ type, … }` object or an `Auth`. */
export type AuthConfig =
  | AuthType
  | BearerAuthConfig
  | ApiKeyAuthTypeConfig
  | HttpBasicAuthTypeConfig
  | OAuth2ClientCredentialsTypeConfig
  | Auth

/** The client every resource's requests go through. */
export interface ClientConfig {
  /** Prefix of every endpoint path. */
  readonly baseUrl: string
  /** Headers of every request. @default {} */
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Credentials of every request — sent only to the origin of `baseUrl` and to `authOrigins`.
   * @default none
   */
  readonly auth?: AuthConfig | null
  /**
   * More origins (`'https://files.example.com'`) that may receive the `auth` credentials, e.g. for
   * next-page links to another host. Requests to any other origin go without them.
   * @default []
   */
  readonly authOrigins?: readonly string[] | null
  /** The paginator of every endpoint that sets none. @default detected */
  readonly paginator?: PaginatorConfig | null
}

/** Options of `dlt.incremental()` that an endpoint can set, plus how the value reaches the request. */
export interface IncrementalArgs {
  /** Path of the cursor in each record: `'updated_at'`. */
  readonly cursorPath: string
  /** Where the first run starts. */
  readonly initialValue?: unknown
  /** Makes a stateless backfill `[initialValue, endValue)`. */
  readonly endValue?: unknown
  /** @default 'max' */
  readonly lastValueFunc?: 'max' | 'min'
  readonly primaryKey?: string | readonly string[]
  readonly rowOrder?: 'asc' | 'desc'
  /** @default 'raise' */
  readonly onCursorValueMissing?: 'raise' | 'include' | 'exclude'
  readonly lag?: number
  /** @default 'closed' */
  readonly rangeStart?: 'open' | 'closed'
  /** @default 'open' */
  readonly rangeEnd?: 'open' | 'closed'
  /** Turns the cursor value into what the API expects (e.g. a date into a Unix timestamp). */
  readonly convert?: (value: unknown) => unknown
}

/** `endpoint.incremental`: the cursor, and the query parameters its range goes into. */
export interface EndpointIncrementalConfig extends IncrementalArgs {
  /** Query parameter that receives the start value. @default none (use `{incremental.startValue}`) */
  readonly startParam?: string
  /** Query parameter that receives the end value. @default none */
  readonly endParam?: string
}

/** `params.<name>: { type: 'incremental', … }`: the parameter receives the start value. */
export interface IncrementalParamConfig extends IncrementalArgs {
  readonly type: 'incremental'
}

/** `params.<name>: { type: 'resolve', resource, field }`: a field of each parent record (dlt's older form). */
export interface ResolveParamConfig {
  readonly type: 'resolve'
  readonly resource: string
  readonly field: string
}

/** A query parameter value, or a bound parameter. */
export type EndpointParamValue =
  | string
  | number
  | boolean
  | null
  | readonly (string | number | boolean)[]
  | ResolveParamConfig
  | IncrementalParamConfig

/** How one resource requests its data. */
export interface EndpointConfig {
  /** Path under `client.baseUrl`, with placeholders. @default the resource's name */
  readonly path?: string
  /** @default 'GET' */
  readonly method?: 'GET' | 'POST' | 'get' | 'post'
  /** Query parameters; string values may hold placeholders. */
  readonly params?: Readonly<Record<string, EndpointParamValue>>
  /** A JSON body; string values (and keys) may hold placeholders. */
  readonly json?: unknown
  /** Headers of this endpoint's requests; values may hold placeholders. */
  readonly headers?: Readonly<Record<string, string>>
  /** @default the client's, else detected */
  readonly paginator?: PaginatorConfig | null
  /** JSONPath of the records. @default detected */
  readonly dataSelector?: string | null
  readonly responseActions?: readonly ResponseAction[] | null
  readonly incremental?: EndpointIncrementalConfig | null
  /** Credentials of this endpoint, instead of the client's. */
  readonly auth?: AuthConfig | null
}

/** A processing step run on each record, in order. */
export type ProcessingStep =
  | { readonly filter: (record: any) => unknown }
  | { readonly map: (record: any) => unknown }

/** What a resource and `resourceDefaults` may set. */
export interface EndpointResourceBase {
  readonly endpoint?: string | EndpointConfig
  /** Parent fields copied into each child record as `_<parent>_<field>`. */
  readonly includeFromParent?: readonly string[] | null
  readonly tableName?: ResourceHints['tableName'] | null
  readonly writeDisposition?: ResourceHints['writeDisposition'] | null
  readonly primaryKey?: string | readonly string[] | null
  readonly mergeKey?: string | readonly string[] | null
  readonly columns?: ResourceHints['columns'] | null
  readonly schemaContract?: ResourceHints['schemaContract'] | null
  readonly maxTableNesting?: number | null
  readonly loaderFileFormat?: ResourceHints['loaderFileFormat'] | null
  /** @default true */
  readonly selected?: boolean | null
  /** Accepted for dlt compatibility. @default false */
  readonly parallelized?: boolean | null
  readonly processingSteps?: readonly ProcessingStep[] | null
  /** Child resources: parent records requested at once (a dlt-ts addition). @default 5 */
  readonly concurrency?: number | null
}

/** One resource: an endpoint and its table hints. */
export interface EndpointResourceConfig extends EndpointResourceBase {
  /** The resource's name, its default table name and default path. */
  readonly name: string
}

/** The whole REST API description. */
export interface RestApiConfig {
  readonly client: ClientConfig
  /** Merged into every resource: `endpoint.params`/`json` one level deep, the rest replaced. */
  readonly resourceDefaults?: EndpointResourceBase | null
  /** Resources: a name (`'issues'`, path `issues`) or a full description. */
  readonly resources: readonly (string | EndpointResourceConfig)[]
}

/** A method as the config accepts it. */
export type EndpointMethod = Extract<HttpMethod, 'GET' | 'POST'>
