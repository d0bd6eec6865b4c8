import { describe, expect, it } from 'vitest'
import { assertNewerLoadId, compareLoadIds, createLoadId } from './load-id.js'

describe('createLoadId', () => {
  it('is a decimal string of Unix seconds with 6 fraction digits', () => {
    const id = createLoadId()
    expect(id).toMatch(/^\d{10}\.\d{6}$/)
    expect(Math.abs(Number(id) - Date.now() / 1000)).toBeLessThan(5)
  })

  it('is strictly increasing, even after an id from the future', () => {
    const future = `${Math.floor(Date.now() / 1000) + 3600}.999999`
    const next = createLoadId(future)
    expect(compareLoadIds(next, future)).toBe(1)
    expect(next).toBe(`${Math.floor(Date.now() / 1000) + 3601}.000000`)
    let previous = createLoadId()
    for (let i = 0; i < 1000; i++) {
      const id = createLoadId(previous)
      expect(compareLoadIds(id, previous)).toBe(1)
      previous = id
    }
  })

  it.each([
    ['1.5', '1.400000', 1],
    ['10.000001', '9.999999', 1],
    ['2.000000', '2.0', 0],
    ['1732461234.512345', '1732461234.512346', -1],
  ])('compareLoadIds(%s, %s) = %d', (a, b, expected) => {
    expect(compareLoadIds(a, b)).toBe(expected)
  })
})

describe('assertNewerLoadId', () => {
  it.each([
    ['1732461234.512345', undefined],
    ['1732461234.512346', '1732461234.512345'],
    ['1732461235', '1732461234.999999'],
  ])('accepts %s after %s', (loadId, after) => {
    expect(() => assertNewerLoadId('Pipeline "p"', loadId, after)).not.toThrow()
  })

  it.each([
    [
      '1732461234.512345',
      '1732461234.512345',
      /not newer than the last load id 1732461234\.512345/,
    ],
    ['1732461234.5', '1732461234.600000', /not newer than/],
    ['../x', undefined, /"\.\.\/x" is not a load id/],
    ['1732461234.1234567', undefined, /is not a load id/],
    ['', undefined, /is not a load id/],
  ])('refuses %s after %s', (loadId, after, message) => {
    expect(() => assertNewerLoadId('Pipeline "p"', loadId, after)).toThrow(message)
    expect(() => assertNewerLoadId('Pipeline "p"', loadId, after)).toThrow(/^Pipeline "p": /)
  })
})
