/**
 * Pages through a small local API with the REST client: a GitHub-style endpoint (Link headers,
 * bearer token), an offset/limit endpoint whose records sit under `data`, and a flaky endpoint
 * that answers 503 once before it works. The server starts on a free port and stops at the end.
 *
 * Run it with `npx tsx examples/rest-client/paginate-local-api.ts`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  BearerTokenAuth,
  OffsetPaginator,
  RESTClient,
} from '../../src/sources/rest-client/index.js'

const TOKEN = 'example-token'
const ISSUES = Array.from({ length: 45 }, (_, i) => ({ number: i + 1, title: `Issue ${i + 1}` }))
const EVENTS = Array.from({ length: 23 }, (_, i) => ({ id: i + 1, type: i % 2 ? 'push' : 'fork' }))
let flakyHits = 0

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return send(401, { message: 'Bad credentials' })
  if (url.pathname === '/issues') {
    // GitHub style: 1-based pages, the next page in the Link header.
    const page = Number(url.searchParams.get('page') ?? 1)
    const perPage = Number(url.searchParams.get('per_page') ?? 30)
    const next = page * perPage < ISSUES.length
    const link = next
      ? { link: `<${base}/issues?page=${page + 1}&per_page=${perPage}>; rel="next"` }
      : {}
    return send(200, ISSUES.slice((page - 1) * perPage, page * perPage), link)
  }
  if (url.pathname === '/events') {
    const offset = Number(url.searchParams.get('offset'))
    const limit = Number(url.searchParams.get('limit'))
    return send(200, { meta: { total: EVENTS.length }, data: EVENTS.slice(offset, offset + limit) })
  }
  if (url.pathname === '/flaky') {
    flakyHits++
    return flakyHits === 1
      ? send(503, { message: 'try later' })
      : send(200, { data: [{ ok: true }] })
  }
  send(404, { message: 'Not Found' })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const client = new RESTClient({
  baseUrl: base,
  auth: new BearerTokenAuth({ token: TOKEN }),
  requestBackoffFactor: 0.1, // retry after 0.1 s, 0.2 s, … instead of 1 s, 2 s, …
})

try {
  // No paginator given: the Link header is detected; the records are the top-level list.
  let issues = 0
  for await (const page of client.paginate<{ number: number }>('/issues', {
    params: { per_page: 20 },
  })) {
    issues += page.length
    console.log(`issues: page of ${page.length} from ${page.response.url}`)
  }
  console.log(`issues: ${issues} in total\n`)

  // An explicit paginator; records are detected under "data" (or set dataSelector: 'data').
  const paginator = new OffsetPaginator({ limit: 10, totalPath: 'meta.total' })
  for await (const page of client.paginate('/events', { paginator })) {
    console.log(
      `events: ${page.length} records, next offset ${(page.paginator as OffsetPaginator).offset}`,
    )
  }

  // The first attempt gets a 503; the client waits 0.1 s and retries.
  for await (const page of client.paginate('/flaky'))
    console.log(`\nflaky: ${JSON.stringify(page)} after ${flakyHits} attempts`)

  // Error statuses throw an HttpError that names the method, the URL and the body.
  try {
    for await (const page of client.paginate('/missing')) console.log(page)
  } catch (error) {
    console.log(`\n${(error as Error).message}`)
  }
} finally {
  server.close()
}
