import { describe, expect, it } from 'vitest'
import { toChunk } from './chunks.js'
import { JsonLines } from './json-lines.js'
import { PageChunk } from './page-chunk.js'

const lines = (text: string) => new JsonLines(Buffer.from(text), 'data.jsonl', 10)

describe('JsonLines.copyableLineCount', () => {
  it.each([
    ['one object per line', '{"a":1}\n{"b":[1,2]}\n', 2],
    ['CRLF line ends', '{"a":1}\r\n{"b":2}\r\n', 2],
    ['non-ASCII text', '{"name":"Zoë ✓"}\n', 1],
    ['a blank line', '{"a":1}\n\n{"b":2}\n', undefined],
    ['a line of whitespace', '{"a":1}\n  \n', undefined],
    ['an array line (a page of items)', '[{"a":1}]\n', undefined],
    ['a scalar line', '42\n', undefined],
    ['a line cut off', '{"a":1}\n{"b":\n', undefined],
    ['leading spaces', ' {"a":1}\n', undefined],
    ['a typed-JSON prefix character', '{"a":"\uF027x"}\n', undefined],
    ['an escaped prefix character', '{"a":"\\uF02Cx"}\n', undefined],
    ['an escaped prefix character, lower case', '{"a":"\\uf02fx"}\n', undefined],
    ['an escaped character outside the prefix range', '{"a":"\\uf03fx"}\n', 1],
  ])('%s', (_, text, expected) => {
    expect(lines(text).copyableLineCount()).toBe(expected)
  })
})

describe('JsonLines in parts', () => {
  const parted = (...parts: string[]) =>
    new JsonLines(
      parts.map((part) => Buffer.from(part)),
      'data.jsonl',
    )

  it('counts the lines of every part, and joins them for whoever needs one buffer', () => {
    const page = parted('{"a":1}\n{"a":2}\n', '{"a":3}\n')
    expect(page.copyableLineCount()).toBe(3)
    expect(page.byteLength).toBe(24)
    expect(page.bytes.toString()).toBe('{"a":1}\n{"a":2}\n{"a":3}\n')
    expect(page.parse()).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }])
  })

  it('is not copyable when any part is not', () => {
    expect(parted('{"a":1}\n', '{"a":"\uF027x"}\n').copyableLineCount()).toBeUndefined()
    expect(parted('{"a":1}\n', '42\n').copyableLineCount()).toBeUndefined()
  })
})

describe('JsonLines.parse', () => {
  it('parses every line and skips blank ones', () => {
    expect(lines('{"a":1}\n\n[1,2]\r\n"x"\n').parse()).toEqual([{ a: 1 }, [1, 2], 'x'])
  })

  it('names the source and line of invalid JSON', () => {
    expect(() => lines('{"a":1}\n{"a":}\n').parse()).toThrow(/data\.jsonl, line 11: not valid JSON/)
  })
})

describe('JsonLines with columns (rows as JSON arrays)', () => {
  const rows = (text: string) => new JsonLines(Buffer.from(text), 'data.csv', 1, ['1', 'b'])

  it('copies array lines and object lines alike', () => {
    expect(rows('["one",1]\n{"b":2}\n["x",[3]]\r\n').copyableLineCount()).toBe(3)
    expect(rows('["one",1\n').copyableLineCount()).toBeUndefined()
    expect(rows('["\uF027x",1]\n').copyableLineCount()).toBeUndefined()
  })

  it('parses array lines into the objects of its columns, in their order', () => {
    const items = rows('["one",1]\n{"b":2}\n').parse()
    expect(items).toEqual([{ 1: 'one', b: 1 }, { b: 2 }])
    expect(Object.keys(items[0] as object)).toEqual(['1', 'b'])
  })

  it('names the source of an array line with too few or too many values', () => {
    expect(() => rows('["one"]\n').parse()).toThrow(
      /data\.csv: a row has 1 values where its header names 2 columns/,
    )
  })
})

describe('PageChunk of JsonLines', () => {
  it('is a page that parses on first use', () => {
    const chunk = toChunk(lines('{"a":1}\n{"a":2}\n'))
    expect(chunk).toBeInstanceOf(PageChunk)
    expect(chunk.isPage).toBe(true)
    expect((chunk as PageChunk).unparsed).toBe(true)
    expect(chunk.items).toEqual([{ a: 1 }, { a: 2 }])
    expect((chunk as PageChunk).unparsed).toBe(false)
    expect(chunk.items).toBe(chunk.items)
  })
})
