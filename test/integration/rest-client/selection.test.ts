/**
 * Data selection against the local server: JSONPath selectors, dlt's detection of the records
 * (record-like keys, the first list, the whole body), and bodies that are empty or not JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  isResponseFormatError,
  RESTClient,
  SinglePagePaginator,
} from '../../../src/sources/rest-client/index.js'
import { collectPages, FAST_RETRIES, startTestServer, type TestServer } from './test-server.js'

let server: TestServer
let client: RESTClient

beforeAll(async () => {
  server = await startTestServer()
  client = new RESTClient({ baseUrl: server.url, ...FAST_RETRIES })
})
afterAll(() => server.close())

/** The records of the single page of `shape`. */
async function records(shape: string, dataSelector?: string): Promise<unknown[]> {
  const options = dataSelector === undefined ? {} : { dataSelector }
  const pages = await collectPages(client.paginate('/shape', { params: { shape }, ...options }))
  expect(pages).toHaveLength(1)
  return [...(pages[0] ?? [])]
}

describe('detection', () => {
  it.each([
    ['a top-level list', 'list', [{ id: 1 }, { id: 2 }]],
    ['a list under "data", not the meta object', 'data', [{ id: 1 }, { id: 2 }]],
    ['a record list two objects down', 'nested', [{ id: 1 }, { id: 2 }]],
    ['the first list when no key is record-like', 'first-list', ['a', 'b']],
    ['a record-like key over an earlier list', 'record-key-wins', [{ id: 1 }, { id: 2 }]],
    ['the whole body when it has no list', 'object', [{ id: 1, name: 'x' }]],
    ['a key that needs quoting', 'odd-keys', [{ id: 1 }, { id: 2 }]],
  ])('finds %s', async (_, shape, expected) => {
    expect(await records(shape)).toEqual(expected)
  })

  it('ignores lists nested deeper than dlt looks', async () => {
    expect(await records('deep')).toEqual([{ id: 9 }])
  })

  it('detects the selector once and reuses it for later pages', async () => {
    const pages = await collectPages(client.paginate('/json-link'))
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5])
  })
})

describe('selectors', () => {
  it.each([
    ['a field', 'data', [{ id: 1 }, { id: 2 }]],
    ['a rooted path', '$.data', [{ id: 1 }, { id: 2 }]],
    ['every element', '$.data[*]', [{ id: 1 }, { id: 2 }]],
    ['a field of every element', 'data[*].id', [1, 2]],
    ['one element', 'data[1]', [{ id: 2 }]],
    ['a quoted name', "$['meta']", [{ count: 2 }]],
    ['nothing', 'missing', []],
  ])('selects %s', async (_, selector, expected) => {
    expect(await records('data', selector)).toEqual(expected)
  })

  it('selects nested lists with a recursive descent', async () => {
    expect(await records('orders', '$..lines[*].sku')).toEqual(['a', 'b', 'c'])
  })

  it('treats null as an empty page', async () => {
    expect(await records('null-data', 'data')).toEqual([])
  })

  it('uses the client selector unless the call has one', async () => {
    const selecting = client.extend({ dataSelector: 'meta' })
    const [page] = await collectPages(selecting.paginate('/shape', { params: { shape: 'data' } }))
    expect([...(page ?? [])]).toEqual([{ count: 2 }])
  })

  it('rejects a filter expression at the API boundary', () => {
    expect(
      () => new RESTClient({ baseUrl: server.url, dataSelector: '$.data[?(@.id > 1)]' }),
    ).toThrow(/Unsupported JSONPath "\$\.data\[\?\(@\.id > 1\)\]" at position 7/)
  })
})

describe('bodies', () => {
  it('reads an empty 204 body as an empty page', async () => {
    const pages = await collectPages(
      client.paginate('/shape', {
        params: { shape: 'empty' },
        paginator: new SinglePagePaginator(),
      }),
    )
    expect(pages.map((page) => page.length)).toEqual([0])
  })

  it('fails with the masked URL when the body is not JSON', async () => {
    const pages = client.paginate('/shape', { params: { shape: 'html', token: 'abcdef' } })
    const error = await collectPages(pages).catch((e: unknown) => e)
    expect(isResponseFormatError(error)).toBe(true)
    expect((error as Error).message).toBe(
      `Unexpected response to GET ${server.url}/shape?shape=html&token=*** (status 200): the body is not valid JSON (text/html)`,
    )
  })
})
