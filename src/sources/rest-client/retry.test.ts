import { describe, expect, it } from 'vitest'
import {
  computeRetryDelay,
  isConnectionError,
  isRetryableStatus,
  parseRetryAfter,
  sleep,
} from './retry.js'

const CONFIG = { requestBackoffFactor: 1, requestMaxRetryDelay: 300 }

describe('computeRetryDelay', () => {
  it('doubles from the backoff factor: 1, 2, 4, 8 s', () => {
    expect([1, 2, 3, 4].map((attempt) => computeRetryDelay(attempt, CONFIG))).toEqual([1, 2, 4, 8])
  })

  it('caps the backoff and Retry-After at requestMaxRetryDelay', () => {
    expect(computeRetryDelay(20, CONFIG)).toBe(300)
    expect(computeRetryDelay(1, CONFIG, 1000)).toBe(300)
  })

  it('prefers Retry-After, never below 0', () => {
    expect(computeRetryDelay(3, CONFIG, 7)).toBe(7)
    expect(computeRetryDelay(3, CONFIG, -5)).toBe(0)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')
  it.each([
    ['120', 120],
    [' 3 ', 3],
    ['Wed, 01 Jan 2025 00:00:30 GMT', 30],
    ['Tue, 31 Dec 2024 23:59:50 GMT', -10],
    ['soon', undefined],
    ['1.5', undefined],
  ])('%j → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})

describe('isRetryableStatus', () => {
  it('retries 429 and 5xx only', () => {
    expect([200, 400, 401, 404, 408, 429, 500, 503, 599].filter(isRetryableStatus)).toEqual([
      429, 500, 503, 599,
    ])
  })
})

describe('isConnectionError', () => {
  it('recognizes undici wrappers and system codes, not programming errors', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    expect(isConnectionError(new TypeError('fetch failed', { cause: reset }))).toBe(true)
    expect(isConnectionError(new TypeError('terminated'))).toBe(true)
    expect(isConnectionError(reset)).toBe(true)
    expect(isConnectionError(new TypeError('Invalid header name'))).toBe(false)
    expect(isConnectionError('fetch failed')).toBe(false)
  })
})

describe('sleep', () => {
  it('rejects with the abort reason', async () => {
    const controller = new AbortController()
    const pending = sleep(10, controller.signal)
    controller.abort(new Error('stop'))
    await expect(pending).rejects.toThrow('stop')
  })
})
