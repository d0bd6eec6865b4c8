import { describe, expect, it } from 'vitest'
import { encodeJsonValue } from './encode-row.js'
import { writeJsonString, writeJsonValue, writeText } from './json-bytes.js'

const long = (text: string) => `${'x'.repeat(45)}${text}`

const VALUES: [string, unknown][] = [
  ['plain text', 'hello world'],
  ['empty text', ''],
  ['a quote', 'say "hi"'],
  ['a backslash', 'C:\\temp'],
  ['control characters', 'a\nb\tc\r\u0000\u001f'],
  ['DEL and non-ASCII', '\u007fzoë ✓ 名前'],
  ['line separators', 'a\u2028b\u2029c'],
  ['an emoji', 'boom 💥'],
  ['a lone high surrogate', 'x\ud800y'],
  ['a lone low surrogate', 'x\udc00'],
  ['long plain text', long('')],
  ['long text with a quote', long('"')],
  ['long text with a control character', long('\n')],
  ['long non-ASCII text', long('ü')],
  ['long text with a lone surrogate', long('\udfff')],
  ['an integer', 42],
  ['a negative integer', -1234567],
  ['the largest integer written by digits', 1e15 - 1],
  ['an integer Node writes', 1e15],
  ['cents', 1234.56],
  ['negative tenths', -0.5],
  ['the largest cents written by digits', 1e13 - 0.01],
  ['cents Node writes', 1e13 + 0.5],
  ['a double of no whole cents', 0.1 + 0.2],
  ['a tiny double', 1e-7],
  ['negative zero', -0],
  ['a large double', 1.5e21],
  ['NaN', Number.NaN],
  ['infinity', Number.NEGATIVE_INFINITY],
  ['true', true],
  ['false', false],
  ['a bigint', 12345678901234567890n],
  ['no bytes', new Uint8Array([])],
  ['one byte', new Uint8Array([255])],
  ['two bytes', new Uint8Array([1, 2])],
  ['three bytes', new Uint8Array([1, 2, 255])],
  ['sixteen bytes', Uint8Array.from({ length: 16 }, (_, i) => i * 17)],
  ['bytes Node encodes', Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff)],
  ['a view into a larger buffer', new Uint8Array(Uint8Array.of(1, 2, 3, 4, 5, 6, 7).buffer, 2, 4)],
  ['a Date', new Date('2024-01-02T03:04:05.006Z')],
  ['a json value', { a: [1, { b: 2n }], c: 'ü' }],
  ['a plain json value', { id: 1, tags: ['a', 'b'], score: 1.5, ok: true, none: null, e: {} }],
  ['a json array', [[], [1, [2, 'x"y']], { 'k"ey\n': 'ü 💥' }, -0, 1e21, 0.1]],
  ['json with integer-like keys', { b: 1, 2: 'two', a: 2, 1: 'one' }],
  ['json with an undefined value', { a: undefined, b: 1 }],
  [
    'json with a hole and NaN',
    Object.assign(new Array(4), { 0: 1, 2: Number.NaN, 3: Number.POSITIVE_INFINITY }),
  ],
  ['json with a Date and bytes', { d: new Date(0), u: new Uint8Array([1, 2]) }],
  ['json with a toJSON', { a: { toJSON: () => 'x' } }],
  ['json with a class instance', { m: new Map([[1, 2]]), s: new Set([1]) }],
  ['json of no prototype', Object.assign(Object.create(null), { a: 1 })],
  ['deep json', JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`)],
]

/** What `write` wrote, as bytes, or -1. */
function written(
  write: (buffer: Buffer, at: number, limit: number) => number,
  limit: number,
  at = 3,
): Buffer | -1 {
  const buffer = Buffer.alloc(limit + 8, 0xee)
  const end = write(buffer, at, limit)
  if (end < 0) return -1
  expect(buffer[limit]).toBe(0xee) // nothing written at or past the limit
  return buffer.subarray(at, end)
}

describe('writeJsonValue', () => {
  it.each(VALUES)('writes %s as the UTF-8 of encodeJsonValue', (_, value) => {
    const expected = Buffer.from(encodeJsonValue(value))
    const write = (buffer: Buffer, at: number, limit: number) =>
      writeJsonValue(buffer, at, limit, value)
    expect(written(write, 3 + expected.length)).toEqual(expected)
    expect(written(write, 1000)).toEqual(expected)
    // any less room fails, whatever the value's form
    for (let limit = 3; limit < 3 + expected.length; limit++) expect(written(write, limit)).toBe(-1)
  })

  it('writes integers and whole cents as Number#toString does', () => {
    const buffer = Buffer.alloc(64)
    const text = (value: number) =>
      buffer.toString('latin1', 0, writeJsonValue(buffer, 0, 64, value))
    let seed = 7
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    const values: number[] = []
    for (let k = -2000; k <= 2000; k++) values.push(k, k / 100, k / 10, k / 1000, k * 1e9 + 0.01)
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(random() * 18 - 3)
      const cents = Math.round(random() * scale * 100) / 100
      values.push(
        cents,
        -cents,
        cents * (1 + Number.EPSILON),
        random() * scale,
        Math.floor(random() * scale),
      )
    }
    for (const value of values) expect(text(value)).toBe(`${value}`)
  })

  it('writes strings through writeJsonString and raw text through writeText', () => {
    const buffer = Buffer.alloc(64)
    const end = writeText(buffer, 0, 64, '"név":')
    expect(buffer.toString('utf8', 0, writeJsonString(buffer, end, 64, 'a"b'))).toBe(
      '"név":"a\\"b"',
    )
  })
})
