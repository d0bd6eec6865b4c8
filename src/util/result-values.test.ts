import { describe, expect, it } from 'vitest'
import { bigintsToResult, integerResult } from './result-values.js'

describe('integerResult', () => {
  it('gives numbers while exact and decimal strings beyond 2^53 - 1', () => {
    expect(integerResult(2n)).toBe(2)
    expect(integerResult(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER)
    expect(integerResult(-BigInt(Number.MAX_SAFE_INTEGER))).toBe(-Number.MAX_SAFE_INTEGER)
    expect(integerResult(2n ** 53n)).toBe('9007199254740992')
    expect(integerResult(-(2n ** 60n))).toBe('-1152921504606846976')
    expect(integerResult('1152921504606846976')).toBe('1152921504606846976')
    expect(integerResult('42')).toBe(42)
    expect(integerResult(7)).toBe(7)
  })

  it('gives BigInt for every integer with `bigint`', () => {
    expect(integerResult(7, { bigint: true })).toBe(7n)
    expect(integerResult('1152921504606846976', { bigint: true })).toBe(2n ** 60n)
    expect(integerResult(2n ** 100n, { bigint: true })).toBe(2n ** 100n)
  })
})

describe('bigintsToResult', () => {
  it('converts bigints inside arrays and plain objects, and leaves other values alone', () => {
    const date = new Date(0)
    const bytes = new Uint8Array([1])
    const value = { a: [1n, 2n ** 60n], b: { c: 3n }, date, bytes, text: 'x', n: 1.5, z: null }
    const converted = bigintsToResult(value) as typeof value
    expect(converted).toEqual({
      a: [1, '1152921504606846976'],
      b: { c: 3 },
      date,
      bytes,
      text: 'x',
      n: 1.5,
      z: null,
    })
    expect(converted.date).toBe(date)
    expect(() => JSON.stringify(converted)).not.toThrow()
    expect(bigintsToResult({ a: [1n] }, { bigint: true })).toEqual({ a: [1n] })
  })
})
