/**
 * `client.authOrigins` of a REST API config reaches the client: a next-page link to another origin
 * gets the bearer token only when that origin is listed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AnyResource } from '../../../src/extract/resource.js'
import { type RestApiConfig, restApiResources } from '../../../src/sources/rest-api/index.js'
import {
  credentialsOf,
  type OriginServer,
  pageUrl,
  startOriginServer,
} from '../rest-client/origin-servers.js'

let a: OriginServer
let b: OriginServer

beforeAll(async () => {
  ;[a, b] = await Promise.all([startOriginServer(), startOriginServer()])
})
afterAll(() => Promise.all([a.close(), b.close()]))
beforeEach(() => {
  a.requests.length = 0
  b.requests.length = 0
})

const TOKEN = 'rest-api-token-123456'
const bearer = { authorization: `Bearer ${TOKEN}` }

/** A config whose one resource reads page 1 on `a`, linking to page 2 on `b`. */
function configWith(authOrigins?: readonly string[]): RestApiConfig {
  return {
    client: {
      baseUrl: a.url,
      auth: { type: 'bearer', token: TOKEN },
      paginator: { type: 'json_link', nextUrlPath: 'next' },
      ...(authOrigins ? { authOrigins } : {}),
    },
    resources: [
      {
        name: 'pages',
        endpoint: { path: 'page', params: { n: 1, next: pageUrl(b, 2) }, dataSelector: 'data' },
      },
    ],
  }
}

async function readPages(config: RestApiConfig): Promise<unknown[]> {
  const [resource] = restApiResources(config)
  const items: unknown[] = []
  const context = { incremental: undefined, state: {} }
  for await (const chunk of (resource as AnyResource).chunks(context)) items.push(...chunk.items)
  return items.map((item) => (item as { n: number }).n)
}

describe('client.authOrigins', () => {
  it('keeps the credentials from another origin by default', async () => {
    expect(await readPages(configWith())).toEqual([1, 2])
    expect(a.requestsOf('/page').map(credentialsOf)).toEqual([bearer])
    expect(b.requestsOf('/page').map(credentialsOf)).toEqual([{}])
  })

  it('sends them to a listed origin', async () => {
    expect(await readPages(configWith([b.url]))).toEqual([1, 2])
    expect(b.requestsOf('/page').map(credentialsOf)).toEqual([bearer])
  })

  it('is checked with the rest of the config', () => {
    const config = { ...configWith(), client: { ...configWith().client, authOrigins: 'x' } }
    expect(() => restApiResources(config as never)).toThrow(/client\.authOrigins/)
  })
})
