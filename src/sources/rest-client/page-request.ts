/**
 * @module The request a `paginate()` call keeps sending: a plain, mutable object (like the
 * `requests.Request` dlt's paginators update) that paginators change between pages — a query
 * parameter, a field in the JSON body, or the whole URL. Also URL joining and query encoding.
 */

/** The HTTP methods the client sends. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const
/** An HTTP method. Lowercase spellings are accepted wherever a method is passed in. */
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** A query parameter value. `null`/`undefined` leave the parameter out; a list repeats it. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean)[]

/** Query parameters by name. */
export type QueryParams = Record<string, QueryValue>

/**
 * The request of one `paginate()` call. Paginators change it in `initRequest` and `updateRequest`;
 * the client sends it as it is after each update.
 */
export interface PageRequest {
  method: HttpMethod
  /** Absolute URL, possibly with a query string of its own; `params` are added to it. */
  url: string
  headers: Record<string, string>
  params: QueryParams
  /** The JSON body; `undefined` sends no body. */
  json: unknown
}

/** A request ready to send: URL with its query, headers, and the encoded body. */
export interface OutgoingRequest {
  readonly method: HttpMethod
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * Encodes `request` for sending: `params` into the URL, `json` into the body (with
 * `content-type: application/json` unless a content type is set). Throws `TypeError` for a body on
 * a GET or HEAD request.
 */
export function toOutgoingRequest(request: Readonly<PageRequest>): OutgoingRequest {
  const url = buildUrl(request.url, request.params)
  const headers = { ...request.headers }
  if (request.json === undefined) return { method: request.method, url, headers, body: undefined }
  if (request.method === 'GET' || request.method === 'HEAD')
    throw new TypeError(`The \`json\` option needs a method with a body, not ${request.method}`)
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json'
  return { method: request.method, url, headers, body: JSON.stringify(request.json) }
}

/** Uppercases and checks `method`. Throws `TypeError` naming the option for an unknown method. */
export function normalizeMethod(method: string, option = 'method'): HttpMethod {
  const upper = String(method).toUpperCase()
  if (!(HTTP_METHODS as readonly string[]).includes(upper))
    throw new TypeError(
      `The \`${option}\` option must be one of ${HTTP_METHODS.join(', ')}, got "${method}"`,
    )
  return upper as HttpMethod
}

/**
 * `path` resolved against `baseUrl` the way dlt's `join_url` does: an absolute `http(s)://` path is
 * used as it is; otherwise the two are joined with exactly one `/`.
 */
export function joinUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path
  if (baseUrl === '') return path
  if (path === '') return baseUrl
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}

/** `url` with `params` set on its query (a parameter in `params` replaces one already in `url`). */
export function buildUrl(url: string, params: QueryParams): URL {
  let built: URL
  try {
    built = new URL(url)
  } catch (error) {
    throw new TypeError(
      `Invalid request URL "${url.split('?')[0]}": give \`baseUrl\` or an absolute path`,
      { cause: error },
    )
  }
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    built.searchParams.delete(name)
    for (const item of Array.isArray(value) ? value : [value])
      built.searchParams.append(name, String(item))
  }
  return built
}

/** A frozen deep copy of `request`: what a page records as the request that produced it. */
export function snapshotRequest(request: PageRequest): Readonly<PageRequest> {
  return deepFreeze(
    structuredClone({
      method: request.method,
      url: request.url,
      headers: request.headers,
      params: request.params,
      json: request.json,
    }),
  )
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
