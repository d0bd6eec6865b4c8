/**
 * A real HTTP server on 127.0.0.1 (port 0) for the REST client tests: every pagination style,
 * flaky and slow endpoints, dropped sockets, auth schemes and an OAuth token endpoint. Start one per
 * test file (`beforeAll`) and close it in `afterAll`. Counters are per `run` query parameter, so
 * tests stay independent of each other and of their order.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { authRoutes } from './auth-routes.js'
import { paginationRoutes } from './pagination-routes.js'
import { resilienceRoutes } from './resilience-routes.js'

/** A request the server received. */
export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

/** What a route handler gets. */
export interface RouteContext {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly url: URL
  readonly query: Record<string, string>
  readonly body: string
  readonly server: TestServerState
  /** Sends `body` as JSON (or as text when it is a string) with `status` and `headers`. */
  send(status: number, body: unknown, headers?: Record<string, string>): void
}

/** A route: `'GET /path'` → handler. */
export type Routes = Record<string, (context: RouteContext) => void | Promise<void>>

/** State shared by routes. */
export interface TestServerState {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  /** Counts a hit of `name` and returns the count including this one. */
  count(name: string): number
  /** Issued OAuth tokens: token → expiry time (ms). */
  readonly tokens: Map<string, number>
  /** Timers of delayed responses, cleared on close. */
  readonly timers: Set<NodeJS.Timeout>
}

/** A started test server. */
export interface TestServer {
  readonly url: string
  readonly requests: RecordedRequest[]
  /** How many requests hit `path` (pathname only). */
  hits(path: string): number
  readonly state: TestServerState
  close(): Promise<void>
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startTestServer(): Promise<TestServer> {
  const routes: Routes = { ...paginationRoutes, ...resilienceRoutes, ...authRoutes }
  const requests: RecordedRequest[] = []
  const counters = new Map<string, number>()
  const state = {
    url: '',
    count(name: string) {
      const next = (counters.get(name) ?? 0) + 1
      counters.set(name, next)
      return next
    },
    tokens: new Map<string, number>(),
    timers: new Set<NodeJS.Timeout>(),
  }
  const server = createServer((req, res) => {
    handle(req, res, routes, state, requests).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(599, { 'content-type': 'text/plain' })
      res.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: state.url,
    requests,
    state,
    hits: (path) => requests.filter((request) => request.path === path).length,
    async close() {
      for (const timer of state.timers) clearTimeout(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      )
    },
  }
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  routes: Routes,
  server: TestServerState,
  requests: RecordedRequest[],
): Promise<void> {
  const url = new URL(req.url ?? '/', server.url)
  let body = ''
  for await (const chunk of req) body += String(chunk)
  const query = Object.fromEntries(url.searchParams)
  requests.push({
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    headers: req.headers,
    body,
  })
  const route = routes[`${req.method} ${url.pathname}`]
  const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload)
    const type = typeof payload === 'string' ? 'text/plain' : 'application/json'
    res.writeHead(status, { 'content-type': type, ...headers })
    res.end(text)
  }
  if (!route) return send(404, { error: `no route ${req.method} ${url.pathname}` })
  await route({ req, res, url, query, body, server, send })
}

/** Collects every page of a `paginate()` call. */
export async function collectPages<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = []
  for await (const page of pages) collected.push(page)
  return collected
}

/** Retry settings that keep tests fast: millisecond backoff, a short timeout. */
export const FAST_RETRIES = {
  requestBackoffFactor: 0.001,
  requestMaxRetryDelay: 0.05,
  requestTimeout: 2,
} as const
