/**
 * Routes for every pagination style: Link headers, next URLs and cursors in the body or headers,
 * offset/limit (query and POST body), page numbers counted from 0 or from 1.
 */
import { ITEMS, slice } from './test-data.js'
import type { Routes } from './test-server.js'

const PAGE_SIZE = 10
const TOTAL_PAGES = Math.ceil(ITEMS.length / PAGE_SIZE)

export const paginationRoutes: Routes = {
  /** GitHub style, 1-based: a JSON list and `Link: <…>; rel="next"`. */
  'GET /link-header': ({ query, server, send }) => {
    const page = Number(query['page'] ?? 1)
    const link = (n: number, rel: string) => `<${server.url}/link-header?page=${n}>; rel="${rel}"`
    const links = [link(TOTAL_PAGES, 'last')]
    if (page < TOTAL_PAGES) links.unshift(link(page + 1, 'next'))
    send(200, slice((page - 1) * PAGE_SIZE, PAGE_SIZE), { link: links.join(', ') })
  },
  /** A relative next URL under `links.next`; `absolute=1` makes it absolute. */
  'GET /json-link': ({ query, server, send }) => {
    const page = Number(query['page'] ?? 1)
    const path = `/json-link?page=${page + 1}${query['absolute'] ? '&absolute=1' : ''}`
    const next = page < TOTAL_PAGES ? (query['absolute'] ? `${server.url}${path}` : path) : null
    send(200, { data: slice((page - 1) * PAGE_SIZE, PAGE_SIZE), links: { next } })
  },
  /** `total` items; `total=missing|null` drops it, `has_more=1` adds a flag. */
  'GET /offset': ({ query, send }) => {
    const offset = Number(query['offset'] ?? 0)
    const limit = Number(query['limit'] ?? PAGE_SIZE)
    const body: Record<string, unknown> = { items: slice(offset, limit) }
    if (query['total'] === 'null') body['total'] = null
    else if (query['total'] === 'text') body['total'] = 'many'
    else if (query['total'] !== 'missing') body['total'] = ITEMS.length
    if (query['has_more']) body['has_more'] = offset + limit < ITEMS.length
    send(200, body)
  },
  /** Offset and limit in the JSON body of a POST. */
  'POST /offset-body': ({ body, send }) => {
    const { paging } = JSON.parse(body) as { paging: { offset: number; limit: number } }
    send(200, { items: slice(paging.offset, paging.limit), total: ITEMS.length })
  },
  /** Page numbers from `base` (0 or 1); `current=1` reports the page number in the body. */
  'GET /pages': ({ query, send }) => {
    const base = Number(query['base'] ?? 0)
    const page = Number(query['page'] ?? base)
    const body: Record<string, unknown> = {
      results: slice((page - base) * PAGE_SIZE, PAGE_SIZE),
      total_pages: TOTAL_PAGES,
    }
    if (query['current']) body['page'] = page
    send(200, body)
  },
  /** 1-based pages with the page number in a POST body and no total. */
  'POST /pages-body': ({ body, send }) => {
    const { page } = JSON.parse(body) as { page: number }
    send(200, { results: slice((page - 1) * PAGE_SIZE, PAGE_SIZE) })
  },
  /** A cursor under `next_cursor`; `null` on the last page. */
  'GET /cursor': ({ query, send }) => {
    const offset = query['cursor']
      ? Number(Buffer.from(query['cursor'], 'base64url').toString())
      : 0
    const next = offset + PAGE_SIZE < ITEMS.length ? encode(offset + PAGE_SIZE) : null
    send(200, { items: slice(offset, PAGE_SIZE), next_cursor: next })
  },
  /** A cursor in the POST body and `nextPageToken` in the response. */
  'POST /cursor-body': ({ body, send }) => {
    const { cursor, filter } = JSON.parse(body) as { cursor?: string; filter?: string }
    const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0
    const next = offset + PAGE_SIZE < ITEMS.length ? encode(offset + PAGE_SIZE) : undefined
    send(200, { items: slice(offset, PAGE_SIZE), nextPageToken: next, filter })
  },
  /** A cursor in the `NextPageToken` response header. */
  'GET /header-cursor': ({ query, send }) => {
    const offset = query['cursor']
      ? Number(Buffer.from(query['cursor'], 'base64url').toString())
      : 0
    const headers: Record<string, string> =
      offset + PAGE_SIZE < ITEMS.length ? { NextPageToken: encode(offset + PAGE_SIZE) } : {}
    send(200, slice(offset, PAGE_SIZE), headers)
  },
  /** Not paginated: one object. */
  'GET /single': ({ send }) => send(200, { id: 1, name: 'one' }),
  /** Fixed bodies for data selection, by `shape`. */
  'GET /shape': ({ query, send }) => {
    const shape = query['shape'] ?? ''
    if (shape === 'html') return send(200, '<html>oops</html>', { 'content-type': 'text/html' })
    if (shape === 'empty') return send(204, '')
    send(200, SHAPES[shape] ?? { error: 'unknown shape' })
  },
}

const SHAPES: Record<string, unknown> = {
  list: [{ id: 1 }, { id: 2 }],
  data: { meta: { count: 2 }, data: [{ id: 1 }, { id: 2 }] },
  nested: { response: { meta: { tags: ['x'] }, payload: { rows: [{ id: 1 }, { id: 2 }] } } },
  'first-list': { count: 2, tags: ['a', 'b'], things: [{ id: 1 }] },
  'record-key-wins': { links: [{ rel: 'self' }], values: [{ id: 1 }, { id: 2 }] },
  object: { id: 1, name: 'x' },
  'null-data': { data: null },
  deep: { a: { b: { c: { items: [{ id: 1 }] } } }, other: [{ id: 9 }] },
  'odd-keys': { 'the records': [{ id: 1 }, { id: 2 }], meta: {} },
  orders: {
    orders: [
      { id: 1, lines: [{ sku: 'a' }, { sku: 'b' }] },
      { id: 2, lines: [{ sku: 'c' }] },
    ],
  },
}

function encode(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url')
}
