import { describe, expect, it } from 'vitest'
import { decodeTypedJson, encodeTypedJson } from './typed-json.js'

describe('typed JSON lines', () => {
  const cases: [string, unknown][] = [
    ['plain object', { a: 1, b: 'x', c: [true, null], d: { e: 1.5 } }],
    ['Date', { at: new Date('2024-05-01T10:00:00.123Z') }],
    ['bigint beyond 2^53', { big: 12345678901234567890n, neg: -5n }],
    ['bytes', { blob: new Uint8Array([0, 1, 2, 255]) }],
    ['special values in arrays', { list: [new Date(0), 7n, new Uint8Array([9])] }],
    ['a string starting with a prefix character', { s: '\uF027not a date', t: '\uF02Fx' }],
    ['a scalar item', 'just text'],
    ['an ISO string stays a string', { at: '2024-05-01T10:00:00Z' }],
  ]

  it.each(cases)('round-trips %s', (_name, item) => {
    const line = encodeTypedJson(item)
    expect(line).not.toContain('\n')
    expect(decodeTypedJson(line)).toEqual(item)
  })

  it('encodes a Buffer as bytes, not as its toJSON object', () => {
    const decoded = decodeTypedJson(encodeTypedJson({ b: Buffer.from('hi') })) as { b: unknown }
    expect(decoded.b).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(decoded.b as Uint8Array).toString()).toBe('hi')
  })

  it('keeps Date and string apart', () => {
    const decoded = decodeTypedJson(
      encodeTypedJson({ d: new Date(0), s: new Date(0).toISOString() }),
    )
    expect(decoded).toEqual({ d: new Date(0), s: '1970-01-01T00:00:00.000Z' })
  })
})

describe('plain JSON is typed JSON when nothing special is inside', () => {
  it.each([{ a: 1, b: 'x', c: [true, null, { d: 2.5 }] }, ['a', 1], 'text'])('%j', (item) => {
    expect(encodeTypedJson(item)).toBe(JSON.stringify(item))
  })
})
