/**
 * @module Redirects, followed by the client rather than by `fetch` (which gets
 * `redirect: 'manual'`), so that credentials are added per hop, only for the origins that may
 * receive them. The rules are the Fetch standard's "HTTP-redirect fetch": at most 20 redirects,
 * 303 (and 301/302 after a POST) turn the request into a body-less GET, 307/308 keep method and
 * body, and a hop to another origin loses the `Authorization` and `Cookie` headers the caller set.
 */
import type { HttpMethod } from './page-request.js'
import { ResponseFormatError } from './rest-client-errors.js'
import type { RESTResponse } from './rest-response.js'

/** One request of a redirect chain, before credentials are added. */
export interface Hop {
  readonly method: HttpMethod
  readonly url: URL
  readonly headers: Headers
  readonly body: string | undefined
}

/** Redirects followed per request, as in `fetch`. */
export const MAX_REDIRECTS = 20

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])
/** Headers that describe a body, dropped with it. */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type']
/** Headers that carry credentials, dropped when a hop leaves the origin (undici's list). */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie']

/**
 * The request `response` redirects `hop` to, or `undefined` when it is not a redirect (or has no
 * `Location`). Throws `ResponseFormatError` when `Location` is not an http(s) URL or when
 * `redirects` (those followed so far) reached `MAX_REDIRECTS`.
 */
export function redirectHop(hop: Hop, response: RESTResponse, redirects: number): Hop | undefined {
  const location = response.headers.get('location')
  if (!REDIRECT_STATUSES.has(response.status) || location === null) return undefined
  const fail = (reason: string) => {
    const { method, url } = response.request
    return new ResponseFormatError(method, url, response.status, reason)
  }
  if (redirects >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`)
  const url = parseLocation(location, hop.url)
  if (url === undefined) throw fail('redirect to a location that is not an http(s) URL')
  const headers = new Headers(hop.headers)
  if (url.origin !== hop.url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name)
  const status = response.status
  const toGet = status === 303 ? hop.method !== 'HEAD' : status <= 302 && hop.method === 'POST'
  if (!toGet) return { method: hop.method, url, headers, body: hop.body }
  for (const name of BODY_HEADERS) headers.delete(name)
  return { method: 'GET', url, headers, body: undefined }
}

function parseLocation(location: string, base: URL): URL | undefined {
  try {
    const url = new URL(location, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    // An unparsable Location: the caller reports it.
    return undefined
  }
}
