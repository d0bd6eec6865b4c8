/**
 * HTTP errors against the local server: what they say (method, masked URL, status, masked and
 * truncated body), which branch of the error tree they are on, and the guards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isDltError, isTerminalError } from '../../../src/errors/dlt-error.js'
import {
  HttpClientError,
  type HttpError,
  HttpServerError,
  isHttpError,
  isRequestTimeoutError,
  RESTClient,
} from '../../../src/sources/rest-client/index.js'
import { collectPages, FAST_RETRIES, startTestServer, type TestServer } from './test-server.js'

let server: TestServer
let client: RESTClient

beforeAll(async () => {
  server = await startTestServer()
  client = new RESTClient({ baseUrl: server.url, ...FAST_RETRIES, requestMaxAttempts: 2 })
})
afterAll(() => server.close())

async function failure(from: RESTClient, path: string, params: Record<string, string | number>) {
  return (await collectPages(from.paginate(path, { params })).catch((e: unknown) => e)) as HttpError
}

describe('HTTP errors', () => {
  it('names the method, the masked URL, the status and the masked body', async () => {
    const error = await failure(client, '/status', { code: 404, api_key: 'k-9876543', page: 2 })
    expect(error).toBeInstanceOf(HttpClientError)
    expect(error.message).toBe(
      `Request failed with status 404 Not Found: GET ${server.url}/status?code=404&api_key=***&page=2\n` +
        'Response body: {"error":"Not Found","echo":{"url":"/status?code=404&api_key=***&page=2","authorization":null},"password":"***"}',
    )
    expect(error).toMatchObject({
      method: 'GET',
      status: 404,
      statusText: 'Not Found',
      attempts: 1,
    })
  })

  it('keeps the unmasked response off the enumerable properties', async () => {
    const error = await failure(client, '/status', { code: 400, token: 'abcdefgh' })
    expect(Object.keys(error)).not.toContain('response')
    expect(error.response.url).toContain('token=abcdefgh')
    expect(JSON.stringify(error)).not.toContain('abcdefgh')
  })

  it('truncates long bodies', async () => {
    const error = await failure(client, '/big-error', {})
    expect(error).toBeInstanceOf(HttpServerError)
    expect(error.body).toHaveLength(8192 + '… (truncated)'.length)
    const short = await failure(client.extend({ httpMaxErrorBodyLength: 10 }), '/big-error', {})
    expect(short.body).toBe('xxxxxxxxxx… (truncated)')
  })

  it('leaves the body out when httpShowErrorBody is false', async () => {
    const error = await failure(client.extend({ httpShowErrorBody: false }), '/status', {
      code: 404,
    })
    expect(error.body).toBeUndefined()
    expect(error.message).not.toContain('Response body')
  })

  it('puts each error on the right branch, with guards that work across package copies', async () => {
    const error = await failure(client, '/status', { code: 404 })
    expect(isHttpError(error)).toBe(true)
    expect(isTerminalError(error)).toBe(true)
    expect(isDltError(error)).toBe(true)
    const foreign = { name: 'HttpServerError', isHttpError: true, isDltError: true }
    expect(isHttpError(foreign)).toBe(true)
    expect(isHttpError(new Error('x'))).toBe(false)
    expect(
      isRequestTimeoutError(Object.assign(new Error('x'), { name: 'RequestTimeoutError' })),
    ).toBe(false)
  })
})

describe('boundary checks', () => {
  it.each([
    [
      { requestMaxAttempts: 0 },
      'The `requestMaxAttempts` option must be a number of at least 1, got 0',
    ],
    [{ requestTimeout: 0 }, 'The `requestTimeout` option must be a number above 0, got 0'],
    [{ requestMaxAttempts: 1.5 }, 'The `requestMaxAttempts` option must be an integer, got 1.5'],
    [
      { requestBackoffFactor: -1 },
      'The `requestBackoffFactor` option must be a number of at least 0, got -1',
    ],
  ])('refuses %o', (options, message) => {
    expect(() => new RESTClient({ baseUrl: server.url, ...options })).toThrow(message)
  })

  it('refuses a body on GET and an unknown method', async () => {
    await expect(client.request('/echo', { json: { a: 1 } })).rejects.toThrow(
      'The `json` option needs a method with a body, not GET',
    )
    await expect(client.request('/echo', { method: 'FETCH' as never })).rejects.toThrow('`method`')
  })

  it('refuses a paginator that is not one', () => {
    expect(() => new RESTClient({ baseUrl: '', paginator: {} as never })).toThrow('`paginator`')
  })
})

describe('requests', () => {
  it('joins paths like dlt and merges headers and query parameters', async () => {
    const configured = new RESTClient({
      baseUrl: `${server.url}/`,
      headers: { 'x-client': 'a', 'x-both': 'client' },
    })
    const response = await configured.post('/echo?fixed=1', {
      params: { list: [1, 2], skipped: undefined },
      headers: { 'x-both': 'call' },
      json: { hello: 'world' },
    })
    const echo = response.json<{
      query: Record<string, string>
      headers: Record<string, string>
      body: string
    }>()
    expect(echo.query).toEqual({ fixed: '1', list: '2' })
    expect(response.request.url).toBe(`${server.url}/echo?fixed=1&list=1&list=2`)
    expect(echo.headers).toMatchObject({
      'x-client': 'a',
      'x-both': 'call',
      'content-type': 'application/json',
    })
    expect(JSON.parse(echo.body)).toEqual({ hello: 'world' })
  })

  it('takes absolute URLs as they are', async () => {
    const elsewhere = new RESTClient({ baseUrl: 'http://example.invalid' })
    expect((await elsewhere.get(`${server.url}/single`)).json()).toEqual({ id: 1, name: 'one' })
  })

  it('extends without changing the original', () => {
    const base = new RESTClient({ baseUrl: server.url, headers: { a: '1' } })
    const extended = base.extend({ headers: { b: '2' }, requestMaxAttempts: 1 })
    expect(extended.config.headers).toEqual({ a: '1', b: '2' })
    expect(base.config.headers).toEqual({ a: '1' })
    expect(Object.isFrozen(base.config)).toBe(true)
  })
})
