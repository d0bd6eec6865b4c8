/**
 * Retries against the local server: intermittent 503s, 429 with `Retry-After` (seconds and HTTP
 * date), dropped sockets before and during the body, responses slower than the timeout, the
 * exponential backoff, statuses that are not retried, and aborting.
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isTerminalError, isTransientError } from '../../../src/errors/dlt-error.js'
import {
  type BeforeRetryState,
  HttpClientError,
  type HttpConnectionError,
  HttpRateLimitError,
  HttpServerError,
  isHttpConnectionError,
  isRequestTimeoutError,
  RESTClient,
  RequestTimeoutError,
} from '../../../src/sources/rest-client/index.js'
import { collectPages, FAST_RETRIES, startTestServer, type TestServer } from './test-server.js'

let server: TestServer
let client: RESTClient
let retries: BeforeRetryState[]

beforeAll(async () => {
  server = await startTestServer()
  retries = []
  client = new RESTClient({
    baseUrl: server.url,
    ...FAST_RETRIES,
    hooks: { beforeRetry: [(state) => void retries.push(state)] },
  })
})
afterAll(() => server.close())

/** A fresh run id, so server-side counters start at zero for each test. */
const runId = (): string => randomUUID()

/** The retries recorded for requests to `path` with run id `k`. */
const retriesOf = (k: string) => retries.filter((state) => state.url.includes(k))

describe('retried failures', () => {
  it('retries 503 until it succeeds', async () => {
    const k = runId()
    const response = await client.get('/flaky', { params: { run: k, fail: 2 } })
    expect(response.status).toBe(200)
    expect(response.json()).toMatchObject({ hit: 3 })
    expect(retriesOf(k).map((state) => state.status)).toEqual([503, 503])
  })

  it('retries inside paginate() too', async () => {
    const pages = await collectPages(
      client.paginate('/flaky', { params: { run: runId(), fail: 1, status: 502 } }),
    )
    expect(pages.flat()).toEqual([{ id: 1 }, { id: 2 }])
  })

  it('backs off exponentially, capped by requestMaxRetryDelay', async () => {
    const k = runId()
    const backoff = client.extend({ requestBackoffFactor: 0.01, requestMaxRetryDelay: 0.03 })
    await backoff.get('/flaky', { params: { run: k, fail: 4 } })
    expect(retriesOf(k).map((state) => state.delay)).toEqual([0.01, 0.02, 0.03, 0.03])
    expect(retriesOf(k).map((state) => state.attempt)).toEqual([1, 2, 3, 4])
  })

  it('waits as long as Retry-After says', async () => {
    const k = runId()
    const patient = client.extend({ requestMaxRetryDelay: 5 })
    const started = performance.now()
    const response = await patient.get('/rate-limited', { params: { run: k, retry_after: '1' } })
    expect(response.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
    expect(retriesOf(k).map((state) => [state.status, state.delay])).toEqual([[429, 1]])
  })

  it('caps Retry-After at requestMaxRetryDelay', async () => {
    const k = runId()
    await client.get('/rate-limited', { params: { run: k, retry_after: '120' } })
    expect(retriesOf(k)[0]?.delay).toBe(FAST_RETRIES.requestMaxRetryDelay)
  })

  it('reads Retry-After as an HTTP date', async () => {
    const k = runId()
    const patient = client.extend({ requestMaxRetryDelay: 5 })
    const inASecondAndAHalf = new Date(Date.now() + 1500).toUTCString()
    await patient.get('/rate-limited', {
      params: { run: k, retry_after: inASecondAndAHalf },
      signal: AbortSignal.timeout(10_000),
    })
    const delay = retriesOf(k)[0]?.delay ?? 0
    // The date has whole seconds: the wait is between 0.5 and 1.5 s.
    expect(delay).toBeGreaterThan(0.4)
    expect(delay).toBeLessThanOrEqual(1.5)
  })

  it('ignores Retry-After when told to', async () => {
    const k = runId()
    await client
      .extend({ respectRetryAfterHeader: false })
      .get('/rate-limited', { params: { run: k, retry_after: '60' } })
    expect(retriesOf(k)[0]?.delay).toBe(0.001)
  })

  it('retries a socket destroyed before the response', async () => {
    const k = runId()
    const response = await client.get('/drop', { params: { run: k, times: 2 } })
    expect(response.status).toBe(200)
    expect(retriesOf(k).map((state) => state.error?.name)).toEqual([
      'HttpConnectionError',
      'HttpConnectionError',
    ])
  })

  it('retries a socket destroyed in the middle of the body', async () => {
    const k = runId()
    const pages = await collectPages(client.paginate('/drop-mid-body', { params: { run: k } }))
    expect(pages.flat()).toEqual([{ id: 1 }])
    expect(retriesOf(k)).toHaveLength(1)
  })

  it('retries a response slower than requestTimeout', async () => {
    const k = runId()
    const impatient = client.extend({ requestTimeout: 0.1 })
    const response = await impatient.get('/slow', { params: { run: k, delay: 1000 } })
    expect(response.json()).toEqual({ data: [{ id: 2 }] })
    expect(retriesOf(k)[0]?.error).toBeInstanceOf(RequestTimeoutError)
  })
})

describe('giving up', () => {
  it('throws HttpServerError after the last attempt, naming the attempts', async () => {
    const k = runId()
    const few = client.extend({ requestMaxAttempts: 3 })
    const error = await collectPages(
      few.paginate('/flaky', { params: { run: k, fail: 10 } }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpServerError)
    expect(isTransientError(error)).toBe(true)
    expect((error as HttpServerError).attempts).toBe(3)
    expect((error as Error).message).toMatch(
      /^Request failed with status 503 Service Unavailable: GET .* \(after 3 attempts\)/,
    )
  })

  it("throws HttpRateLimitError with the server's Retry-After", async () => {
    const once = client.extend({ requestMaxAttempts: 1 })
    const error = await collectPages(
      once.paginate('/rate-limited', { params: { run: runId(), retry_after: '30' } }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpRateLimitError)
    expect((error as HttpRateLimitError).retryAfter).toBe(30)
  })

  it('returns the last error response from request() instead of throwing', async () => {
    const response = await client
      .extend({ requestMaxAttempts: 2 })
      .get('/flaky', { params: { run: runId(), fail: 5 } })
    expect(response.status).toBe(503)
    expect(() => response.raiseForStatus()).toThrow(HttpServerError)
  })

  it('throws HttpConnectionError when the socket keeps dropping', async () => {
    const error = await client
      .extend({ requestMaxAttempts: 2 })
      .get('/drop', { params: { run: runId(), times: 5 } })
      .catch((e: unknown) => e)
    expect(isHttpConnectionError(error)).toBe(true)
    expect(isTransientError(error)).toBe(true)
    expect((error as HttpConnectionError).message).toMatch(
      /^Connection failed after 2 attempts: GET http:\/\/127\.0\.0\.1:\d+\/drop\?run=/,
    )
  })

  it('throws RequestTimeoutError when every attempt is too slow', async () => {
    const error = await client
      .extend({ requestTimeout: 0.05, requestMaxAttempts: 2 })
      .get('/slow', { params: { run: runId(), delay: 1000, times: 5 } })
      .catch((e: unknown) => e)
    expect(isRequestTimeoutError(error)).toBe(true)
    expect((error as Error).message).toMatch(
      /^Request timed out after 0\.05 s \(2 attempts\): GET /,
    )
  })

  it('throws HttpConnectionError when nothing listens', async () => {
    const nowhere = new RESTClient({
      baseUrl: await closedPortUrl(),
      ...FAST_RETRIES,
      requestMaxAttempts: 2,
    })
    const error = await nowhere.get('/x').catch((e: unknown) => e)
    expect(isHttpConnectionError(error)).toBe(true)
    expect((error as HttpConnectionError).code).toBe('ECONNREFUSED')
  })
})

describe('not retried', () => {
  it.each([400, 401, 403, 404, 422])('does not retry %i', async (code) => {
    const before = server.hits('/status')
    const error = await collectPages(client.paginate('/status', { params: { code } })).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(HttpClientError)
    expect(isTerminalError(error)).toBe(true)
    expect(server.hits('/status') - before).toBe(1)
  })

  it('stops retrying when the signal aborts', async () => {
    const controller = new AbortController()
    const slow = client.extend({ requestBackoffFactor: 10, requestMaxRetryDelay: 10 })
    const pending = slow.get('/flaky', {
      params: { run: runId(), fail: 5 },
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(new Error('stop')), 50)
    await expect(pending).rejects.toThrow('stop')
  })

  it('aborts a request in flight', async () => {
    const pending = client.get('/slow', {
      params: { run: runId(), delay: 1000 },
      signal: AbortSignal.timeout(50),
    })
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' })
  })
})

/** The URL of a port that was free a moment ago and has nothing listening now. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return `http://127.0.0.1:${port}`
}
