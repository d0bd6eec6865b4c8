import { describe, expect, it } from 'vitest'
import { encodeJsonValue, encodeRow } from './encode-row.js'

describe('encodeJsonValue', () => {
  it.each([
    ['plain text', 'hello world'],
    ['empty', ''],
    ['a quote', 'say "hi"'],
    ['a backslash', 'C:\\temp'],
    ['control characters', 'a\nb\tc\r\u0000\u001f'],
    ['DEL and non-ASCII', '\u007fzoë ✓ 名前'],
    ['line separators (valid JSON as they are)', 'a\u2028b\u2029c'],
    ['an emoji (a surrogate pair)', 'boom 💥'],
    ['a lone high surrogate', 'x\ud800y'],
    ['a lone low surrogate', 'x\udc00'],
  ])('writes a string with %s as JSON.stringify does', (_, text) => {
    expect(encodeJsonValue(text)).toBe(JSON.stringify(text))
    expect(JSON.parse(encodeJsonValue(text))).toBe(text)
  })

  it.each([
    [42, '42'],
    [-0, '0'],
    [1.5e21, '1.5e+21'],
    [Number.NaN, 'null'],
    [Number.POSITIVE_INFINITY, 'null'],
    [true, 'true'],
    [false, 'false'],
    [12345678901234567890n, '"12345678901234567890"'],
    [new Uint8Array([1, 2, 255]), '"AQL/"'],
    [new Date('2024-01-02T03:04:05.006Z'), '"2024-01-02T03:04:05.006Z"'],
    [{ a: [1, { b: 2n }] }, '{"a":[1,{"b":"2"}]}'],
  ])('writes %o as encodeRow does inside a row', (value, expected) => {
    expect(encodeJsonValue(value)).toBe(expected)
    expect(encodeRow({ v: value })).toBe(`{"v":${expected}}`)
  })
})
