import { describe, expect, it } from 'vitest'
import { InvalidItemError, validateItem } from './validate-item.js'

class Money {
  amount = 1
}
const circular: Record<string, unknown> = { a: 1 }
circular['self'] = { back: circular }

describe('validateItem', () => {
  it.each([
    ['plain data', { a: 1, b: 'x', c: [1, { d: null }], e: true, f: 10n }],
    ['Date and bytes', { at: new Date(0), raw: new Uint8Array([1, 2]) }],
    ['null-prototype object', Object.assign(Object.create(null), { a: 1 })],
    ['shared (not circular) references', { a: circular['self'] ? { x: [1] } : 0, b: { x: [1] } }],
  ])('accepts %s', (_name, item) => {
    expect(() => validateItem(item, 'events')).not.toThrow()
  })

  it.each([
    ['a function', { a: { b: () => 1 } }, 'a.b', /function/],
    ['a symbol', { list: [1, Symbol('s')] }, 'list[1]', /symbol/],
    ['a class instance', { price: new Money() }, 'price', /class Money/],
    ['an invalid Date', { at: new Date('nope') }, 'at', /invalid Date/],
    ['a circular reference', circular, 'self.back', /circular/],
    ['NaN', { x: Number.NaN }, 'x', /finite/],
  ])('refuses %s with its path', (_name, item, path, message) => {
    let error: unknown
    try {
      validateItem(item, 'events')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InvalidItemError)
    expect((error as InvalidItemError).path).toBe(path)
    expect((error as InvalidItemError).message).toMatch(message)
    expect((error as InvalidItemError).message).toContain('"events"')
  })
})

describe('validateItem tells when typed JSON is needed', () => {
  it.each([
    [{ a: 1, b: ['x', { c: null }] }, false],
    [{ at: new Date(0) }, true],
    [{ n: [1n] }, true],
    [{ b: { bytes: new Uint8Array(1) } }, true],
    [{ s: '\uF027looks typed' }, true],
  ])('%o → %s', (item, typed) => {
    expect(validateItem(item, 't')).toBe(typed)
  })
})
