/**
 * Small servers on 127.0.0.1, each on its own port — so each is its own origin — for the tests of
 * where credentials go. Every server records what it received, serves pages whose next link
 * (in the body and in a `Link` header) points wherever the test says, redirects wherever the test
 * says, and issues OAuth 2 tokens. Start them per test file and close them in `afterAll`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RecordedRequest } from './test-server.js'

/** The OAuth 2 client credentials the token endpoint accepts, and the token it issues. */
export const ORIGIN_CLIENT_ID = 'origin-client-1'
export const ORIGIN_CLIENT_SECRET = 'origin-client-secret-xyz'
export const ORIGIN_ACCESS_TOKEN = 'origin-access-token-123456'

/** A started server. */
export interface OriginServer {
  /** Its origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  readonly requests: RecordedRequest[]
  /** The requests of `path` (pathname only). */
  requestsOf(path: string): RecordedRequest[]
  close(): Promise<void>
}

/**
 * Starts a server with these routes (any method):
 * - `/page?n=&next=&status=`: `{ data: [{ n, method, body }], next }` with `Link: <next>; rel="next"`
 *   when `next` is given; `status` sets the status (e.g. 401).
 * - `/redirect?to=&status=`: a redirect (302 unless `status` says otherwise) to `to`, else to
 *   itself.
 * - `POST /oauth/token`: a client credentials grant.
 */
export async function startOriginServer(): Promise<OriginServer> {
  const requests: RecordedRequest[] = []
  let url = ''
  const server = createServer(async (req, res) => {
    const parsed = new URL(req.url ?? '/', url)
    let body = ''
    for await (const chunk of req) body += String(chunk)
    const query = Object.fromEntries(parsed.searchParams)
    const method = req.method ?? 'GET'
    requests.push({ method, path: parsed.pathname, query, headers: req.headers, body })
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(payload))
    }
    if (parsed.pathname === '/page') {
      const next = query['next'] ?? null
      const link: Record<string, string> = next ? { link: `<${next}>; rel="next"` } : {}
      const status = Number(query['status'] ?? 200)
      return send(status, { data: [{ n: Number(query['n'] ?? 1), method, body }], next }, link)
    }
    const self = `${parsed.pathname}${parsed.search}`
    if (parsed.pathname === '/redirect')
      return send(
        Number(query['status'] ?? 302),
        { moved: true },
        { location: query['to'] ?? self },
      )
    if (parsed.pathname === '/oauth/token' && method === 'POST') {
      const form = new URLSearchParams(body)
      const valid =
        form.get('client_id') === ORIGIN_CLIENT_ID &&
        form.get('client_secret') === ORIGIN_CLIENT_SECRET
      if (!valid) return send(401, { error: 'invalid_client' })
      return send(200, { access_token: ORIGIN_ACCESS_TOKEN, expires_in: 3600 })
    }
    send(404, { error: `no route ${parsed.pathname}` })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    requests,
    requestsOf: (path) => requests.filter((request) => request.path === path),
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      )
    },
  }
}

/**
 * A URL of `/page` on `server` numbered `n`, whose next link is `next`. Nest calls to build a
 * chain: `pageUrl(a, 1, pageUrl(b, 2))`.
 */
export function pageUrl(server: OriginServer, n: number, next?: string): string {
  const url = new URL('/page', server.url)
  url.searchParams.set('n', String(n))
  if (next !== undefined) url.searchParams.set('next', next)
  return url.href
}

/** A URL of `/redirect` on `server` that redirects to `to` with `status`. */
export function redirectUrl(server: OriginServer, to: string, status = 302): string {
  const url = new URL('/redirect', server.url)
  url.searchParams.set('to', to)
  url.searchParams.set('status', String(status))
  return url.href
}

/**
 * The credentials `request` carried, by where they were: the `authorization`, `x-api-key` and
 * `cookie` headers and the `api_key` query parameter. Empty when it carried none.
 */
export function credentialsOf(request: RecordedRequest): Record<string, string> {
  const found: Record<string, string> = {}
  for (const name of ['authorization', 'x-api-key', 'cookie'] as const) {
    const value = request.headers[name]
    if (typeof value === 'string') found[name] = value
  }
  const key = request.query['api_key']
  if (key !== undefined) found['api_key'] = key
  return found
}
