/**
 * A small GitHub-like issue tracker served on 127.0.0.1 for the REST API example: issues in pages
 * linked by `Link` headers and filtered by `?since=`, comments per issue, behind a bearer token.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Issue {
  id: number
  number: number
  title: string
  updated_at: string
}

/** A running tracker: change `issues`/`comments` between runs; `log` lists the requests. */
export interface LocalIssueTracker {
  readonly url: string
  readonly issues: Issue[]
  readonly comments: Map<number, { id: number; body: string }[]>
  readonly log: string[]
  close(): Promise<void>
}

/** Starts the tracker; every request needs `Authorization: Bearer <token>`. */
export async function startLocalIssueTracker(token: string): Promise<LocalIssueTracker> {
  const issues: Issue[] = [
    { id: 501, number: 1, title: 'Login fails', updated_at: '2024-06-01T10:00:00Z' },
    { id: 502, number: 2, title: 'Slow export', updated_at: '2024-06-02T09:30:00Z' },
    { id: 503, number: 3, title: 'Typo in docs', updated_at: '2024-06-02T12:00:00Z' },
  ]
  const comments = new Map([
    [1, [{ id: 9001, body: 'Same on Firefox' }]],
    [2, [{ id: 9002, body: 'Takes 5 minutes' }]],
  ])
  const log: string[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    log.push(`${req.method} ${url.pathname}${url.search}`)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'Bad creds' })
    const match = /^\/issues\/(\d+)\/comments$/.exec(url.pathname)
    if (match) return send(200, comments.get(Number(match[1])) ?? [])
    if (url.pathname !== '/issues') return send(404, { message: 'Not Found' })
    const since = url.searchParams.get('since') ?? ''
    const perPage = Number(url.searchParams.get('per_page') ?? 30)
    const page = Number(url.searchParams.get('page') ?? 1)
    const all = issues.filter((issue) => issue.updated_at >= since)
    const next = new URL(`${base}${url.pathname}${url.search}`)
    next.searchParams.set('page', String(page + 1))
    const link = page * perPage < all.length ? { link: `<${next.href}>; rel="next"` } : undefined
    send(200, all.slice((page - 1) * perPage, page * perPage), link)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    issues,
    comments,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
