/**
 * Credentials stay with their origin: against servers on different ports of 127.0.0.1 (different
 * origins), every auth kind reaches the origin of `baseUrl` and those in `authOrigins`, and no other
 * — not through a next link in the body, a `Link` header, an absolute URL, or a redirect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  APIKeyAuth,
  type Auth,
  BearerTokenAuth,
  HeaderLinkPaginator,
  HttpBasicAuth,
  HttpClientError,
  JSONLinkPaginator,
  OAuth2ClientCredentials,
  type Paginator,
  RESTClient,
  ResponseFormatError,
} from '../../../src/sources/rest-client/index.js'
import { API_KEY, BASIC_PASSWORD, BASIC_USER, BEARER_TOKEN } from './auth-routes.js'
import {
  credentialsOf,
  ORIGIN_ACCESS_TOKEN,
  ORIGIN_CLIENT_ID,
  ORIGIN_CLIENT_SECRET,
  type OriginServer,
  pageUrl,
  redirectUrl,
  startOriginServer,
} from './origin-servers.js'
import { collectPages, FAST_RETRIES } from './test-server.js'

/** The API (origin of `baseUrl`), another origin, and an OAuth token endpoint on a third. */
let a: OriginServer
let b: OriginServer
let tokens: OriginServer

beforeAll(async () => {
  ;[a, b, tokens] = await Promise.all([
    startOriginServer(),
    startOriginServer(),
    startOriginServer(),
  ])
})
afterAll(() => Promise.all([a.close(), b.close(), tokens.close()]))
beforeEach(() => {
  for (const server of [a, b, tokens]) server.requests.length = 0
})

const basic = Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`, 'utf8').toString('base64')

/** Each auth kind, and the credentials a server records when it was sent. */
const AUTH_KINDS: [string, () => Auth, Record<string, string>][] = [
  [
    'a bearer token',
    () => new BearerTokenAuth({ token: BEARER_TOKEN }),
    { authorization: `Bearer ${BEARER_TOKEN}` },
  ],
  [
    'an API key header',
    () => new APIKeyAuth({ apiKey: API_KEY, name: 'x-api-key' }),
    { 'x-api-key': API_KEY },
  ],
  [
    'an API key query parameter',
    () => new APIKeyAuth({ apiKey: API_KEY, name: 'api_key', location: 'query' }),
    { api_key: API_KEY },
  ],
  [
    'an API key cookie',
    () => new APIKeyAuth({ apiKey: API_KEY, name: 'session_key', location: 'cookie' }),
    { cookie: `session_key=${API_KEY}` },
  ],
  [
    'HTTP basic',
    () => new HttpBasicAuth({ username: BASIC_USER, password: BASIC_PASSWORD }),
    { authorization: `Basic ${basic}` },
  ],
  [
    'OAuth 2 client credentials',
    () =>
      new OAuth2ClientCredentials({
        accessTokenUrl: `${tokens.url}/oauth/token`,
        clientId: ORIGIN_CLIENT_ID,
        clientSecret: ORIGIN_CLIENT_SECRET,
      }),
    { authorization: `Bearer ${ORIGIN_ACCESS_TOKEN}` },
  ],
]

/** The credentials each `/page` request to `server` carried, in order. */
const pagesSeenBy = (server: OriginServer) => server.requestsOf('/page').map(credentialsOf)

/** The path and query of `url`, for a call relative to `baseUrl`. */
const pathOf = (url: string) => {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

/** The `n` of every record of `path`. */
async function pageNumbers(client: RESTClient, path: string): Promise<unknown[]> {
  const pages = await collectPages(client.paginate<{ n: number }>(path))
  return pages.flat().map((record) => record.n)
}

describe.each(AUTH_KINDS)('%s', (_, createAuth, sent) => {
  const clientWith = (paginator: Paginator = new JSONLinkPaginator()) =>
    new RESTClient({
      baseUrl: a.url,
      auth: createAuth(),
      paginator,
      dataSelector: 'data',
      ...FAST_RETRIES,
    })

  it('goes to every page of the origin of baseUrl', async () => {
    const path = pathOf(pageUrl(a, 1, pageUrl(a, 2, pageUrl(a, 3))))
    expect(await pageNumbers(clientWith(), path)).toEqual([1, 2, 3])
    expect(pagesSeenBy(a)).toEqual([sent, sent, sent])
  })

  it('is withheld from a next link in the body to another origin', async () => {
    const path = pathOf(pageUrl(a, 1, pageUrl(b, 2)))
    expect(await pageNumbers(clientWith(), path)).toEqual([1, 2])
    expect(pagesSeenBy(a)).toEqual([sent])
    expect(pagesSeenBy(b)).toEqual([{}])
  })

  it('is withheld from a Link header next URL to another origin, and sent on back home', async () => {
    const path = pathOf(pageUrl(a, 1, pageUrl(b, 2, pageUrl(a, 3))))
    expect(await pageNumbers(clientWith(new HeaderLinkPaginator()), path)).toEqual([1, 2, 3])
    expect(pagesSeenBy(a)).toEqual([sent, sent])
    expect(pagesSeenBy(b)).toEqual([{}])
  })

  it('goes to an origin listed in authOrigins', async () => {
    const client = clientWith().extend({ authOrigins: [b.url] })
    const path = pathOf(pageUrl(a, 1, pageUrl(b, 2)))
    expect(await pageNumbers(client, path)).toEqual([1, 2])
    expect(pagesSeenBy(a)).toEqual([sent])
    expect(pagesSeenBy(b)).toEqual([sent])
  })

  it('is withheld from a redirect to another origin', async () => {
    const response = await clientWith().get(pathOf(redirectUrl(a, pageUrl(b, 7))))
    expect(response.status).toBe(200)
    expect(response.json()).toMatchObject({ data: [{ n: 7 }] })
    expect(a.requestsOf('/redirect').map(credentialsOf)).toEqual([sent])
    expect(pagesSeenBy(b)).toEqual([{}])
  })

  it('is kept through a redirect to the same origin', async () => {
    const response = await clientWith().get(pathOf(redirectUrl(a, pageUrl(a, 7), 301)))
    expect(response.json()).toMatchObject({ data: [{ n: 7 }] })
    expect(response.url).toContain(pageUrl(a, 7))
    expect(pagesSeenBy(a)).toEqual([sent])
  })
})

describe('the origin of a call', () => {
  const bearer = { authorization: `Bearer ${BEARER_TOKEN}` }
  const auth = new BearerTokenAuth({ token: BEARER_TOKEN })

  it('is that of its first URL when baseUrl is ""', async () => {
    const client = new RESTClient({ baseUrl: '', auth, paginator: new JSONLinkPaginator() })
    const first = pageUrl(a, 1, pageUrl(a, 2, pageUrl(b, 3)))
    expect(await pageNumbers(client, first)).toEqual([1, 2, 3])
    expect(pagesSeenBy(a)).toEqual([bearer, bearer])
    expect(pagesSeenBy(b)).toEqual([{}])
    await client.get(pageUrl(b, 4))
    expect(pagesSeenBy(b)).toEqual([{}, bearer])
  })

  it('is not that of an absolute URL at another origin when there is a baseUrl', async () => {
    const client = new RESTClient({ baseUrl: `${a.url}/api/`, auth })
    await client.get(pageUrl(b, 1))
    await client.extend({ authOrigins: [`${b.url}/any/path`] }).get(pageUrl(b, 2))
    expect(pagesSeenBy(b)).toEqual([{}, bearer])
  })

  it('differs for another scheme, host name or port', async () => {
    const port = Number(new URL(b.url).port)
    const near = [
      `https://127.0.0.1:${port}`,
      `http://localhost:${port}`,
      `http://127.0.0.1:${port + 1}`,
    ]
    const client = new RESTClient({ baseUrl: a.url, auth, authOrigins: near })
    await client.get(pageUrl(b, 1))
    expect(pagesSeenBy(b)).toEqual([{}])
  })
})

describe('redirects', () => {
  const client = () => new RESTClient({ baseUrl: a.url, dataSelector: 'data', ...FAST_RETRIES })

  it('drop Authorization and Cookie headers set by hand when they leave the origin', async () => {
    const headers = { authorization: 'Bearer set-by-hand', cookie: 'session=by-hand' }
    await client().get(pathOf(redirectUrl(a, pageUrl(b, 1))), { headers })
    await client().get(pathOf(redirectUrl(a, pageUrl(a, 2))), { headers })
    expect(pagesSeenBy(b)).toEqual([{}])
    expect(pagesSeenBy(a)).toEqual([headers])
  })

  it('keep the method and body on 307 and 308, and turn a POST into a GET on 303', async () => {
    const json = { query: 'dlt' }
    for (const status of [307, 308, 303]) {
      const response = await client().post(pathOf(redirectUrl(a, pageUrl(a, status), status)), {
        json,
      })
      expect(response.status).toBe(200)
    }
    const seen = a.requestsOf('/page').map(({ method, body }) => ({ method, body }))
    expect(seen).toEqual([
      { method: 'POST', body: '{"query":"dlt"}' },
      { method: 'POST', body: '{"query":"dlt"}' },
      { method: 'GET', body: '' },
    ])
  })

  it('are followed 20 times at most', async () => {
    const error = await client()
      .get('/redirect')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseFormatError)
    expect(String(error)).toContain('redirects')
    expect(a.requestsOf('/redirect')).toHaveLength(21)
  })
})

describe('renewal on 401', () => {
  it('is not asked of an auth that sent nothing to the origin that answered', async () => {
    const auth = new OAuth2ClientCredentials({
      accessTokenUrl: `${tokens.url}/oauth/token`,
      clientId: ORIGIN_CLIENT_ID,
      clientSecret: ORIGIN_CLIENT_SECRET,
    })
    const client = new RESTClient({ baseUrl: a.url, auth, paginator: new JSONLinkPaginator() })
    const unauthorized = `${pageUrl(b, 2)}&status=401`
    const pages = client.paginate(pathOf(pageUrl(a, 1, unauthorized)))
    await expect(collectPages(pages)).rejects.toBeInstanceOf(HttpClientError)
    expect(pagesSeenBy(b)).toEqual([{}])
    expect(tokens.requestsOf('/oauth/token')).toHaveLength(1)
  })
})

describe('the authOrigins option', () => {
  it.each([
    ['a host without scheme', ['api.example.com']],
    ['a relative URL', ['/v2']],
    ['a non-HTTP URL', ['ftp://files.example.com']],
    ['a string instead of a list', 'https://api.example.com'],
  ])('rejects %s', (_, authOrigins) => {
    expect(() => new RESTClient({ baseUrl: '', authOrigins: authOrigins as never })).toThrow(
      /`authOrigins`/,
    )
  })

  it('comes with a baseUrl that is an absolute http(s) URL or ""', () => {
    expect(() => new RESTClient({ baseUrl: 'api.example.com/v1' })).toThrow(/`baseUrl`/)
  })
})
