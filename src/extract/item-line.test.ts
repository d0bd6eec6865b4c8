import { describe, expect, it } from 'vitest'
import { encodeItem } from './encode-item.js'
import { ItemLine } from './item-line.js'
import { InvalidItemError } from './validate-item.js'

function bytesOf(item: unknown, size = 1 << 12): string {
  const buffer = Buffer.alloc(size)
  const end = new ItemLine().set(item, 'items').encodeInto(buffer, 0, size)
  return end < 0 ? '<no room>' : buffer.toString('utf8', 0, end)
}

const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 })

describe('ItemLine', () => {
  it.each<[string, unknown]>([
    ['a flat object', { id: 1, name: 'x', ok: true, none: null, price: 12.5 }],
    ['nested objects and arrays', { a: { b: [1, 'two', { c: null }], d: [] }, e: {} }],
    ['non-ASCII, escapes and a lone surrogate', { t: 'żółć 💥 "q" \\ \n \u0001 \ud800 end' }],
    ['numbers JSON writes its own way', { z: -0, big: 1e21, small: 5e-7, neg: -123.45 }],
    ['undefined values, left out', { a: 1, gone: undefined, list: [undefined, 2] }],
    ['a Date', { at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }],
    ['a bigint', { n: 12345678901234567890n }],
    ['bytes', { raw: new Uint8Array([0, 255, 16]) }],
    ['a string typed JSON escapes', { s: '\uF027not a date', keyed: { '\uF02Ckey': 'v' } }],
    ['a null-prototype object', nullProto],
    ['a top-level array', [1, { a: 'b' }]],
    ['a scalar', 'just text'],
  ])('%s: the bytes of encodeItem', (_, item) => {
    expect(bytesOf(item)).toBe(encodeItem(item, 'items'))
  })

  it('asks for more room (-1) and writes the same line with it', () => {
    const item = { text: 'x'.repeat(100), date: new Date(0) }
    expect(bytesOf(item, 50)).toBe('<no room>')
    expect(bytesOf(item, 200)).toBe(encodeItem(item, 'items'))
  })

  it('names the table and path of a value that is not data', () => {
    const line = new ItemLine().set({ ok: 1, bad: { f: () => 1 } }, 'orders')
    expect(() => line.encodeInto(Buffer.alloc(100), 0, 100)).toThrow(InvalidItemError)
    expect(() => line.encodeInto(Buffer.alloc(100), 0, 100)).toThrow(/orders.*bad\.f/)
  })
})
