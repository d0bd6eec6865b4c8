/**
 * Pagination against the local server: every built-in paginator, the POST-body variants, detection
 * in dlt's order (including 1-based page numbers), stop conditions, and a custom paginator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BasePaginator,
  HeaderCursorPaginator,
  HeaderLinkPaginator,
  isPaginatorError,
  JSONLinkPaginator,
  JSONResponseCursorPaginator,
  OffsetPaginator,
  PageNumberPaginator,
  type PageRequest,
  RESTClient,
  type RESTResponse,
  SinglePagePaginator,
} from '../../../src/sources/rest-client/index.js'
import { ITEMS } from './test-data.js'
import { collectPages, FAST_RETRIES, startTestServer, type TestServer } from './test-server.js'

let server: TestServer
let client: RESTClient

beforeAll(async () => {
  server = await startTestServer()
  client = new RESTClient({ baseUrl: server.url, ...FAST_RETRIES })
})
afterAll(() => server.close())

const ids = (pages: readonly (readonly unknown[])[]) =>
  pages.flat().map((record) => (record as { id: number }).id)
const ALL_IDS = ITEMS.map((item) => item.id)

describe('explicit paginators', () => {
  it('follows the Link header', async () => {
    const pages = await collectPages(
      client.paginate('/link-header', { paginator: new HeaderLinkPaginator() }),
    )
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5])
    expect(ids(pages)).toEqual(ALL_IDS)
  })

  it('follows a relative next URL in the body and drops the first request query', async () => {
    const paginator = new JSONLinkPaginator({ nextUrlPath: 'links.next' })
    const pages = await collectPages(
      client.paginate('/json-link', { paginator, params: { page: 1 } }),
    )
    expect(ids(pages)).toEqual(ALL_IDS)
    expect(pages[1]?.request.url).toBe(`${server.url}/json-link?page=2`)
    expect(pages[1]?.request.params).toEqual({})
  })

  it('steps offset and limit until the total', async () => {
    const pages = await collectPages(
      client.paginate('/offset', { paginator: new OffsetPaginator({ limit: 10 }) }),
    )
    expect(ids(pages)).toEqual(ALL_IDS)
    expect(pages.map((page) => page.request.params)).toEqual([
      { offset: 0, limit: 10 },
      { offset: 10, limit: 10 },
      { offset: 20, limit: 10 },
    ])
  })

  it('stops at maximumOffset', async () => {
    const paginator = new OffsetPaginator({ limit: 5, maximumOffset: 10 })
    expect(ids(await collectPages(client.paginate('/offset', { paginator })))).toEqual(
      ALL_IDS.slice(0, 10),
    )
  })

  it('stops on has_more: false', async () => {
    const paginator = new OffsetPaginator({ limit: 10, totalPath: null, hasMorePath: 'has_more' })
    const pages = await collectPages(
      client.paginate('/offset', { paginator, params: { has_more: 1 } }),
    )
    expect(pages).toHaveLength(3)
  })

  it.each(['missing', 'null'])(
    'falls back to the empty page when the total is %s',
    async (total) => {
      // dlt raises here (dlt#1414, dlt#4429).
      const pages = await collectPages(
        client.paginate('/offset', {
          paginator: new OffsetPaginator({ limit: 10 }),
          params: { total },
        }),
      )
      expect(pages.map((page) => page.length)).toEqual([10, 10, 5, 0])
    },
  )

  it('refuses a total that is not a number', async () => {
    const pages = client.paginate('/offset', {
      paginator: new OffsetPaginator({ limit: 10 }),
      params: { total: 'text' },
    })
    const error = await collectPages(pages).catch((e: unknown) => e)
    expect(isPaginatorError(error)).toBe(true)
    expect((error as Error).message).toContain('"total" is not a number: "many"')
  })

  it('refuses a missing total when nothing else could stop it', async () => {
    const paginator = new OffsetPaginator({ limit: 10, stopAfterEmptyPage: false })
    const error = await collectPages(
      client.paginate('/offset', { paginator, params: { total: 'missing' } }),
    ).catch((e: unknown) => e)
    expect(isPaginatorError(error)).toBe(true)
  })

  it('counts pages from 0 or 1', async () => {
    const zero = new PageNumberPaginator({ totalPath: 'total_pages' })
    const one = new PageNumberPaginator({ basePage: 1, totalPath: 'total_pages' })
    expect(ids(await collectPages(client.paginate('/pages', { paginator: zero })))).toEqual(ALL_IDS)
    expect(
      ids(await collectPages(client.paginate('/pages', { paginator: one, params: { base: 1 } }))),
    ).toEqual(ALL_IDS)
  })

  it('stops before maximumPage, as dlt does', async () => {
    const paginator = new PageNumberPaginator({ totalPath: null, maximumPage: 2 })
    expect(await collectPages(client.paginate('/pages', { paginator }))).toHaveLength(2)
  })

  it('sends the cursor from the body back as a query parameter', async () => {
    const paginator = new JSONResponseCursorPaginator({
      cursorPath: 'next_cursor',
      cursorParam: 'cursor',
    })
    expect(ids(await collectPages(client.paginate('/cursor', { paginator })))).toEqual(ALL_IDS)
  })

  it('sends the cursor from a header back as a query parameter', async () => {
    const paginator = new HeaderCursorPaginator({ cursorKey: 'NextPageToken' })
    expect(ids(await collectPages(client.paginate('/header-cursor', { paginator })))).toEqual(
      ALL_IDS,
    )
  })

  it('reads one page with SinglePagePaginator', async () => {
    const pages = await collectPages(
      client.paginate('/link-header', { paginator: new SinglePagePaginator() }),
    )
    expect(pages).toHaveLength(1)
  })
})

describe('paginators in POST bodies', () => {
  it('puts offset and limit into the JSON body', async () => {
    const paginator = new OffsetPaginator({
      limit: 10,
      offsetBodyPath: 'paging.offset',
      limitBodyPath: 'paging.limit',
    })
    const pages = await collectPages(
      client.paginate('/offset-body', { method: 'POST', json: { query: 'x' }, paginator }),
    )
    expect(ids(pages)).toEqual(ALL_IDS)
    expect(pages[2]?.request.json).toEqual({ query: 'x', paging: { offset: 20, limit: 10 } })
  })

  it('puts the page number into the JSON body', async () => {
    const paginator = new PageNumberPaginator({
      basePage: 1,
      pageBodyPath: 'page',
      totalPath: null,
    })
    const pages = await collectPages(client.paginate('/pages-body', { method: 'post', paginator }))
    expect(ids(pages)).toEqual(ALL_IDS)
  })

  it('puts the cursor into the JSON body and keeps the rest of it', async () => {
    const paginator = new JSONResponseCursorPaginator({
      cursorPath: 'nextPageToken',
      cursorBodyPath: 'cursor',
    })
    const json = { filter: 'all' }
    const pages = await collectPages(
      client.paginate('/cursor-body', { method: 'POST', json, paginator }),
    )
    expect(ids(pages)).toEqual(ALL_IDS)
    expect(pages.map((page) => page.response.json<{ filter: string }>().filter)).toEqual([
      'all',
      'all',
      'all',
    ])
    expect(json).toEqual({ filter: 'all' })
  })

  it('refuses both a query parameter and a body path', () => {
    expect(() => new OffsetPaginator({ limit: 1, offsetParam: 'o', offsetBodyPath: 'o' })).toThrow(
      'Set either `offsetParam` or `offsetBodyPath`, not both',
    )
  })
})

describe('detection', () => {
  it.each([
    ['a Link header', '/link-header', HeaderLinkPaginator],
    ['a next URL in the body', '/json-link', JSONLinkPaginator],
    ['an absolute next URL in the body', '/json-link?absolute=1', JSONLinkPaginator],
    ['a total page count', '/pages', PageNumberPaginator],
    ['a cursor in the body', '/cursor', JSONResponseCursorPaginator],
  ])('detects %s', async (_, path, type) => {
    const pages = await collectPages(client.paginate(path))
    expect(ids(pages)).toEqual(ALL_IDS)
    expect(pages[0]?.paginator).toBeInstanceOf(type)
  })

  it('falls back to a single page', async () => {
    const pages = await collectPages(client.paginate('/single'))
    expect(pages).toEqual([[{ id: 1, name: 'one' }]])
    expect(pages[0]?.paginator).toBeInstanceOf(SinglePagePaginator)
  })

  it('detects 1-based pages from the page number in the response', async () => {
    const before = server.hits('/pages')
    const pages = await collectPages(client.paginate('/pages', { params: { base: 1, current: 1 } }))
    expect(ids(pages)).toEqual(ALL_IDS)
    expect(server.hits('/pages') - before).toBe(3)
  })

  it('detects 1-based pages when page 1 repeats the first page, and skips the repeat', async () => {
    const pages = await collectPages(client.paginate('/pages', { params: { base: 1 } }))
    expect(ids(pages)).toEqual(ALL_IDS)
    expect(pages.map((page) => page.request.params['page'])).toEqual([undefined, 2, 3])
  })

  it('keeps 0-based pages 0-based', async () => {
    const pages = await collectPages(client.paginate('/pages', { params: { base: 0 } }))
    expect(ids(pages)).toEqual(ALL_IDS)
    expect(pages.map((page) => page.request.params['page'])).toEqual([undefined, 1, 2])
  })
})

describe('paginator state', () => {
  it('clones the client paginator for every call, so concurrent calls do not interfere', async () => {
    const shared = new RESTClient({
      baseUrl: server.url,
      paginator: new OffsetPaginator({ limit: 10 }),
    })
    const [first, second] = await Promise.all([
      collectPages(shared.paginate('/offset')),
      collectPages(shared.paginate('/offset')),
    ])
    expect(ids(first)).toEqual(ALL_IDS)
    expect(ids(second)).toEqual(ALL_IDS)
  })

  it('attaches request, response and paginator to every page', async () => {
    const [page] = await collectPages(client.paginate('/link-header'))
    expect(page?.response.status).toBe(200)
    expect(page?.response.links['next']?.url).toBe(`${server.url}/link-header?page=2`)
    expect(page?.request.method).toBe('GET')
    expect(Object.isFrozen(page?.request)).toBe(true)
    expect(Object.keys(page ?? {})).toHaveLength(10)
  })

  it('drives a custom paginator', async () => {
    class TotalPagesPaginator extends BasePaginator {
      #page = 1
      override initRequest(request: PageRequest): void {
        request.params['page'] = this.#page
        request.params['base'] = 1
      }
      updateState(response: RESTResponse): void {
        this.#page++
        this.setHasNextPage(this.#page <= response.json<{ total_pages: number }>().total_pages)
      }
      updateRequest(request: PageRequest): void {
        request.params['page'] = this.#page
      }
    }
    const pages = await collectPages(
      client.paginate('/pages', { paginator: new TotalPagesPaginator() }),
    )
    expect(ids(pages)).toEqual(ALL_IDS)
  })

  it('stops when the consumer breaks out of the loop', async () => {
    const before = server.hits('/offset')
    for await (const page of client.paginate('/offset', {
      paginator: new OffsetPaginator({ limit: 5 }),
    })) {
      expect(page).toHaveLength(5)
      break
    }
    expect(server.hits('/offset') - before).toBe(1)
  })
})
