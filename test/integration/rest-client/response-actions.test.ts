/**
 * Response actions and hooks against the local server: ignoring responses by status or content,
 * rewriting responses, and the order of hooks relative to retries.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createResponseHooks,
  HttpClientError,
  RESTClient,
  type RESTResponse,
} from '../../../src/sources/rest-client/index.js'
import { collectPages, FAST_RETRIES, startTestServer, type TestServer } from './test-server.js'

let server: TestServer
let client: RESTClient

beforeAll(async () => {
  server = await startTestServer()
  client = new RESTClient({ baseUrl: server.url, ...FAST_RETRIES })
})
afterAll(() => server.close())

describe('ignore', () => {
  it('treats a 404 as no records', async () => {
    const responseActions = [{ statusCode: 404, action: 'ignore' } as const]
    const children = []
    for (const parent of [1, 2, 3])
      children.push(
        ...(
          await collectPages(client.paginate('/children', { params: { parent }, responseActions }))
        ).flat(),
      )
    expect(children).toEqual([
      { parent: 1, id: 1 },
      { parent: 3, id: 1 },
    ])
  })

  it('still fails on a 404 without the action', async () => {
    const error = await collectPages(client.paginate('/children', { params: { parent: 2 } })).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(HttpClientError)
  })

  it('ignores by body content', async () => {
    const responseActions = [{ content: 'quota exceeded', action: 'ignore' } as const]
    expect(await collectPages(client.paginate('/soft-error', { responseActions }))).toEqual([])
  })

  it('needs both status and content to match when both are given', async () => {
    const responseActions = [
      { statusCode: 404, content: 'something else', action: 'ignore' } as const,
    ]
    const error = await collectPages(
      client.paginate('/children', { params: { parent: 2 }, responseActions }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpClientError)
  })

  it('ignores a 503 without retrying it, as dlt does', async () => {
    const run = randomUUID()
    const responseActions = [{ statusCode: 503, action: 'ignore' } as const]
    expect(
      await collectPages(client.paginate('/flaky', { params: { run, fail: 3 }, responseActions })),
    ).toEqual([])
    expect(server.requests.filter((request) => request.query['run'] === run)).toHaveLength(1)
  })
})

describe('callbacks', () => {
  it('lets a rule rewrite a matching response', async () => {
    const asEmpty = (response: RESTResponse) => response.withJson({ data: [] }, 200)
    const pages = await collectPages(
      client.paginate('/children', {
        params: { parent: 2 },
        responseActions: [{ statusCode: 404, action: asEmpty }],
      }),
    )
    expect(pages.map((page) => page.length)).toEqual([0])
  })

  it('runs a bare hook on every response, in order with the rules', async () => {
    const seen: number[] = []
    const record = (response: RESTResponse) => {
      seen.push(response.status)
    }
    const dropNames = (response: RESTResponse) =>
      response.withJson(
        response.json<{ data: object[] }>().data.map(({ id }: { id?: number }) => ({ id })),
      )
    await collectPages(
      client.paginate('/flaky', {
        params: { run: randomUUID(), fail: 1 },
        responseActions: [record],
      }),
    )
    expect(seen).toEqual([503, 200])
    const [page] = await collectPages(
      client.paginate('/children', { params: { parent: 1 }, responseActions: [dropNames] }),
    )
    expect([...(page ?? [])]).toEqual([{ id: 1 }])
  })

  it('runs the client hooks before the call hooks', async () => {
    const order: string[] = []
    const hooked = client.extend({ hooks: { response: [() => void order.push('client')] } })
    await hooked.get('/single', { hooks: { response: [() => void order.push('call')] } })
    expect(order).toEqual(['client', 'call'])
  })

  it('checks rules at the API boundary', () => {
    expect(() => createResponseHooks([{ statusCode: 404, action: 'retry' as never }])).toThrow(
      "The `responseActions[0].action` option must be 'ignore', a function or a list of functions",
    )
    expect(() => createResponseHooks([{ action: 'ignore' }])).toThrow(
      'needs `statusCode` or `content`',
    )
  })
})
