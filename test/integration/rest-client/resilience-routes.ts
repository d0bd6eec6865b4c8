/**
 * Routes that fail: error statuses a number of times per `run`, 429 with `Retry-After`, dropped
 * sockets (before the response and mid-body), slow responses, and error bodies that echo secrets.
 */
import type { Routes } from './test-server.js'

export const resilienceRoutes: Routes = {
  /** `status` (default 503) for the first `fail` hits of `run`, then a page of two records. */
  'GET /flaky': ({ query, server, send }) => {
    const hit = server.count(`flaky:${query['run']}`)
    if (hit <= Number(query['fail'] ?? 1))
      return send(Number(query['status'] ?? 503), { error: 'try again', hit })
    send(200, { data: [{ id: 1 }, { id: 2 }], hit })
  },
  /** 429 with `Retry-After: <retry_after>` for the first `fail` hits of `run`. */
  'GET /rate-limited': ({ query, server, send }) => {
    const hit = server.count(`rate:${query['run']}`)
    if (hit <= Number(query['fail'] ?? 1))
      return send(429, { error: 'slow down' }, { 'retry-after': query['retry_after'] ?? '1' })
    send(200, { data: [{ id: 1 }] })
  },
  /** Destroys the socket without a response for the first `times` hits of `run`. */
  'GET /drop': ({ req, query, server, send }) => {
    if (server.count(`drop:${query['run']}`) <= Number(query['times'] ?? 1))
      return void req.socket.destroy()
    send(200, { data: [{ id: 1 }] })
  },
  /** Sends headers and half a body, then destroys the socket, for the first `times` hits. */
  'GET /drop-mid-body': ({ res, query, server, send }) => {
    if (server.count(`mid:${query['run']}`) <= Number(query['times'] ?? 1)) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
      res.write('{"data": [{"id": 1},')
      return void setTimeout(() => res.socket?.destroy(), 10)
    }
    send(200, { data: [{ id: 1 }] })
  },
  /** Answers after `delay` ms for the first `times` hits of `run`, at once afterwards. */
  'GET /slow': ({ query, server, send }) => {
    const hit = server.count(`slow:${query['run']}`)
    if (hit > Number(query['times'] ?? 1)) return send(200, { data: [{ id: hit }] })
    return new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          server.timers.delete(timer)
          send(200, { data: [{ id: hit }] })
          resolve()
        },
        Number(query['delay'] ?? 500),
      )
      server.timers.add(timer)
    })
  },
  /** Any status, with a body that echoes the query and the credentials it was sent. */
  'GET /status': ({ req, url, query, send }) => {
    send(Number(query['code'] ?? 404), {
      error: 'Not Found',
      echo: { url: url.pathname + url.search, authorization: req.headers.authorization ?? null },
      password: 'server-side-secret',
    })
  },
  /** A 500 with a 20 000-character body. */
  'GET /big-error': ({ send }) => send(500, 'x'.repeat(20_000)),
  /** Children of a parent: 404 (with a JSON error) for parent 2. */
  'GET /children': ({ query, send }) => {
    if (query['parent'] === '2') return send(404, { error: 'Not found' })
    send(200, { data: [{ parent: Number(query['parent']), id: 1 }] })
  },
  /** 200 with an error in the body, as some APIs do. */
  'GET /soft-error': ({ send }) => send(200, { error: 'quota exceeded', data: [] }),
  /** A JSON echo of the request: method, query, headers, body. */
  'POST /echo': ({ req, query, body, send }) =>
    send(200, { method: req.method, query, headers: req.headers, body }),
  'GET /echo': ({ req, query, send }) =>
    send(200, { method: req.method, query, headers: req.headers }),
}
