/**
 * Auth against the local server: bearer, API key (header, query, cookie), HTTP basic, OAuth 2
 * client credentials with real token expiry and early revocation, a custom auth, and secrets kept
 * out of errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APIKeyAuth,
  AuthBase,
  type AuthRequest,
  BearerTokenAuth,
  HttpBasicAuth,
  HttpClientError,
  OAuth2ClientCredentials,
  type OAuth2ClientCredentialsConfig,
  RESTClient,
} from '../../../src/sources/rest-client/index.js'
import {
  API_KEY,
  BASIC_PASSWORD,
  BASIC_USER,
  BEARER_TOKEN,
  CLIENT_ID,
  CLIENT_SECRET,
} from './auth-routes.js'
import { collectPages, FAST_RETRIES, startTestServer, type TestServer } from './test-server.js'

let server: TestServer
let client: RESTClient

beforeAll(async () => {
  server = await startTestServer()
  client = new RESTClient({ baseUrl: server.url, ...FAST_RETRIES })
})
afterAll(() => server.close())

/** The records of `path` paginated with `auth`. */
async function recordsWith(auth: RESTClient['config']['auth'], path: string): Promise<unknown[]> {
  return (await collectPages(client.paginate(path, auth ? { auth } : {}))).flat()
}

describe('static credentials', () => {
  it.each([
    ['a bearer token', new BearerTokenAuth({ token: BEARER_TOKEN }), '/auth/bearer'],
    [
      'an API key header',
      new APIKeyAuth({ apiKey: API_KEY, name: 'x-api-key' }),
      '/auth/api-key-header',
    ],
    [
      'an API key query parameter',
      new APIKeyAuth({ apiKey: API_KEY, name: 'api_key', location: 'query' }),
      '/auth/api-key-query',
    ],
    [
      'an API key param (dlt alias)',
      new APIKeyAuth({ apiKey: API_KEY, name: 'api_key', location: 'param' }),
      '/auth/api-key-query',
    ],
    [
      'an API key cookie',
      new APIKeyAuth({ apiKey: API_KEY, name: 'session_key', location: 'cookie' }),
      '/auth/api-key-cookie',
    ],
    [
      'HTTP basic (UTF-8)',
      new HttpBasicAuth({ username: BASIC_USER, password: BASIC_PASSWORD }),
      '/auth/basic',
    ],
  ])('sends %s', async (_, auth, path) => {
    expect(await recordsWith(auth, path)).toEqual([{ ok: true }])
  })

  it('uses the client auth unless the call brings its own', async () => {
    const authed = client.extend({ auth: new BearerTokenAuth({ token: BEARER_TOKEN }) })
    expect((await authed.get('/auth/bearer')).status).toBe(200)
    const wrong = new BearerTokenAuth({ token: 'wrong-token' })
    expect((await authed.get('/auth/bearer', { auth: wrong })).status).toBe(401)
  })

  it('keeps the cookie the caller set', async () => {
    const auth = new APIKeyAuth({ apiKey: API_KEY, name: 'session_key', location: 'cookie' })
    const response = await client.get('/auth/api-key-cookie', {
      auth,
      headers: { cookie: 'theme=dark' },
    })
    expect(response.status).toBe(200)
  })

  it('refuses an empty secret at the API boundary', () => {
    expect(() => new BearerTokenAuth({ token: '' })).toThrow(
      'The `token` option must be a non-empty string',
    )
    expect(() => new APIKeyAuth({ apiKey: 'k', location: 'body' as never })).toThrow('`location`')
  })
})

describe('secrets in errors', () => {
  it('masks the token in the message, the request headers and the echoed body', async () => {
    const auth = new BearerTokenAuth({ token: BEARER_TOKEN })
    const error = (await collectPages(
      client.paginate('/status', { auth, params: { code: 403 } }),
    ).catch((e: unknown) => e)) as HttpClientError
    expect(error).toBeInstanceOf(HttpClientError)
    expect(error.request.headers['authorization']).toBe('***')
    expect(error.body).toContain('"authorization":"Bearer ***"')
    expect(error.body).toContain('"password":"***"')
    expect(JSON.stringify(error)).not.toContain(BEARER_TOKEN)
    expect(error.message).not.toContain(BEARER_TOKEN)
    expect(error.response.status).toBe(403)
  })

  it('masks an API key sent in the query, whatever its parameter name', async () => {
    const auth = new APIKeyAuth({ apiKey: API_KEY, name: 'appid', location: 'query' })
    const error = (await collectPages(
      client.paginate('/status', { auth, params: { code: 400 } }),
    ).catch((e: unknown) => e)) as HttpClientError
    expect(error.url).toBe(`${server.url}/status?code=400&appid=***`)
    expect(error.message).not.toContain(API_KEY)
    expect(error.body).not.toContain(API_KEY)
  })
})

describe('OAuth 2 client credentials', () => {
  const config = (expiresIn = 3600): OAuth2ClientCredentialsConfig => ({
    accessTokenUrl: `${server.url}/oauth/token?expires_in=${expiresIn}`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    accessTokenRequestData: { scope: 'read' },
  })
  const issued = () => server.requests.filter((request) => request.path === '/oauth/token').length

  it('fetches one token and reuses it across pages and calls', async () => {
    const auth = new OAuth2ClientCredentials(config())
    const before = issued()
    const pages = await collectPages(client.paginate('/oauth/items', { auth }))
    await collectPages(client.paginate('/oauth/items', { auth }))
    expect(pages.flat()).toHaveLength(3)
    expect(issued() - before).toBe(1)
    const token = server.requests.findLast((request) => request.path === '/oauth/token')
    expect(new URLSearchParams(token?.body)).toEqual(
      new URLSearchParams({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_type: 'client_credentials',
        scope: 'read',
      }),
    )
  })

  it('shares one token request between concurrent requests', async () => {
    const auth = new OAuth2ClientCredentials(config())
    const before = issued()
    await Promise.all([1, 2, 3].map(() => client.get('/oauth/items', { auth })))
    expect(issued() - before).toBe(1)
  })

  it('renews the token before it expires', async () => {
    const auth = new OAuth2ClientCredentials(config(1))
    const before = issued()
    const itemsBefore = server.hits('/oauth/items')
    expect((await client.get('/oauth/items', { auth })).status).toBe(200)
    expect(auth.isTokenExpired).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(auth.isTokenExpired).toBe(true)
    expect((await client.get('/oauth/items', { auth })).status).toBe(200)
    expect(issued() - before).toBe(2)
    // No request went out with the old token: it was renewed before it expired.
    expect(server.hits('/oauth/items') - itemsBefore).toBe(2)
  })

  it('renews a token the server revoked early, once, on 401', async () => {
    const auth = new OAuth2ClientCredentials(config())
    const before = issued()
    const itemsBefore = server.hits('/oauth/items')
    const pages = client.paginate('/oauth/items', { auth })
    const first = await pages.next()
    await client.post('/oauth/revoke-all')
    const rest = await collectPages(pages)
    expect([first.value, ...rest].flat()).toHaveLength(3)
    expect(issued() - before).toBe(2)
    // 3 pages and the one rejected with the revoked token.
    expect(server.hits('/oauth/items') - itemsBefore).toBe(4)
  })

  it('fails with a masked error when the client secret is wrong', async () => {
    const auth = new OAuth2ClientCredentials({ ...config(), clientSecret: 'wrong-secret-123' })
    const error = (await client
      .get('/oauth/items', { auth })
      .catch((e: unknown) => e)) as HttpClientError
    expect(error).toBeInstanceOf(HttpClientError)
    expect(error.message).toMatch(
      /^Request failed with status 401 Unauthorized: POST .*\/oauth\/token/,
    )
    expect(error.message).not.toContain('wrong-secret-123')
    expect(error.body).toBe('{"error":"invalid_client","client_secret":"***"}')
  })
})

describe('custom auth', () => {
  it('runs an AuthBase subclass before every attempt', async () => {
    class SignedAuth extends AuthBase {
      calls = 0
      authenticate(request: AuthRequest): void {
        this.calls++
        request.headers.set('x-api-key', API_KEY)
      }
    }
    const auth = new SignedAuth()
    expect(await recordsWith(auth, '/auth/api-key-header')).toEqual([{ ok: true }])
    await client.get('/flaky', { auth, params: { run: 'custom-auth', fail: 1 } })
    expect(auth.calls).toBe(3)
  })

  it('accepts a plain object implementing Auth', async () => {
    const auth = {
      authenticate: (request: AuthRequest) => request.url.searchParams.set('api_key', API_KEY),
    }
    expect(await recordsWith(auth, '/auth/api-key-query')).toEqual([{ ok: true }])
  })
})
