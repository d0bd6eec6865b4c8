/**
 * A small GitHub-like API on 127.0.0.1 (port 0) for the REST API source tests: issues in pages
 * linked by `Link` headers, filtered by `since`, comments per issue, an optional bearer token, and
 * a POST search endpoint that echoes its body. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Issue {
  id: number
  number: number
  title: string
  updated_at: string
}

export interface Comment {
  id: number
  body: string
}

/** A request the server received. */
export interface SeenRequest {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

/** The data the API serves; change it between runs. */
export interface GithubLikeData {
  issues: Issue[]
  comments: Map<number, Comment[]>
}

export interface GithubLikeServer {
  readonly url: string
  readonly data: GithubLikeData
  readonly requests: SeenRequest[]
  /** Most comments requests in flight at once. */
  readonly maxConcurrentComments: number
  /** Requests to paths matching `pattern`. */
  seen(pattern: RegExp): SeenRequest[]
  close(): Promise<void>
}

/** Options of the server. */
export interface GithubLikeServerOptions {
  /** When set, every request must send `Authorization: Bearer <token>`. */
  readonly token?: string
  /** Issues per page. @default 2 */
  readonly perPage?: number
  /** Milliseconds each comments request takes. @default 0 */
  readonly commentDelayMs?: number
}

/** Starts the server with `data`. */
export async function startGithubLikeServer(
  data: GithubLikeData,
  options: GithubLikeServerOptions = {},
): Promise<GithubLikeServer> {
  const requests: SeenRequest[] = []
  let base = ''
  let inFlight = 0
  let maxInFlight = 0
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }))
  })
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base)
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
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      return send(res, 401, { message: 'Bad credentials' })
    }
    if (/\/comments$/.test(url.pathname) && options.commentDelayMs) {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise((resolve) => setTimeout(resolve, options.commentDelayMs))
      inFlight--
    }
    route(url, req.method ?? 'GET', body, res, data, options.perPage ?? 2)
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    data,
    requests,
    get maxConcurrentComments() {
      return maxInFlight
    },
    seen: (pattern) => requests.filter((r) => pattern.test(r.path)),
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function route(
  url: URL,
  method: string,
  body: string,
  res: ServerResponse,
  data: GithubLikeData,
  perPage: number,
): void {
  const comments = /^\/repos\/acme\/widgets\/issues\/(\d+)\/comments$/.exec(url.pathname)
  if (method === 'GET' && url.pathname === '/repos/acme/widgets/issues') {
    listIssues(url, res, data, perPage)
  } else if (method === 'GET' && comments) {
    send(res, 200, data.comments.get(Number(comments[1])) ?? [])
  } else if (method === 'POST' && url.pathname === '/search') {
    send(res, 200, { data: { echo: JSON.parse(body || 'null') } })
  } else {
    send(res, 404, { message: 'Not Found' })
  }
}

function listIssues(url: URL, res: ServerResponse, data: GithubLikeData, perPage: number): void {
  const since = url.searchParams.get('since')
  const page = Number(url.searchParams.get('page') ?? 1)
  const matching = data.issues
    .filter((issue) => !since || issue.updated_at >= since)
    .sort((a, b) => a.number - b.number)
  const slice = matching.slice((page - 1) * perPage, page * perPage)
  const headers: Record<string, string> = {}
  if (page * perPage < matching.length) {
    const next = new URL(url)
    next.searchParams.set('page', String(page + 1))
    headers['link'] = `<${next.href}>; rel="next"`
  }
  send(res, 200, slice, headers)
}

function send(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  if (res.headersSent) return
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}
