import { describe, expect, it } from 'vitest'
import {
  type CopyTextColumn,
  type CopyTextKind,
  copyTextDecoder,
  copyTextHeader,
  parseCopyTextHeader,
  unescapeCopyText,
} from './copy-text.js'

describe('unescapeCopyText', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\\there', 'tab\there'],
    ['\\n\\r\\b\\f\\v', '\n\r\b\f\v'],
    ['back\\\\slash', 'back\\slash'],
    ['\\\\N', '\\N'],
    ['octal \\101\\0', 'octal A\0'],
    ['hex \\x41\\x7e', 'hex A~'],
    ['other \\q', 'other q'],
    ['ends with \\\\', 'ends with \\'],
    ['é😀\\t', 'é😀\t'],
  ])('%j → %j', (field, expected) => {
    expect(unescapeCopyText(field)).toBe(expected)
  })
})

describe('copyTextDecoder', () => {
  const decodeOne = (kind: CopyTextKind, field: string): unknown =>
    copyTextDecoder([{ name: 'v', kind }], 'test')(field)['v']

  it.each<[CopyTextKind, string, unknown]>([
    ['text', 'abc', 'abc'],
    ['text', '\\N', null],
    ['text', '', ''],
    ['text', '1.2300', '1.2300'],
    ['integer', '-42', -42],
    ['integer', '9007199254740991', 9007199254740991],
    ['integer', '9007199254740993', '9007199254740993'],
    ['float', '0.1', 0.1],
    ['float', '1e-300', 1e-300],
    ['float', 'NaN', 'NaN'],
    ['float', '-Infinity', '-Infinity'],
    ['boolean', 't', true],
    ['boolean', 'f', false],
    ['json', '{"a": [1, "x\\\\ty"]}', { a: [1, 'x\ty'] }],
    ['json', 'null', null],
    ['bytea', '\\\\x00ff', '0x00ff'],
    ['bytea', '\\\\x', '0x'],
    ['timestamp', '2024-01-01 10:00:00.5', '2024-01-01T10:00:00.5'],
    ['timestamp', 'infinity', 'infinity'],
    ['timestamptz', '2024-01-01 10:00:00+00', '2024-01-01T10:00:00+00:00'],
    ['timestamptz', '2024-01-01 10:00:00.123-03', '2024-01-01T10:00:00.123-03:00'],
    ['timestamptz', '1890-01-01 05:21:10+05:21:10', '1890-01-01T05:21:10+05:21:10'],
    ['timestamptz', '0044-03-15 12:00:00+00 BC', '0044-03-15T12:00:00+00:00 BC'],
    ['timestamptz', '-infinity', '-infinity'],
  ])('%s %j → %j', (kind, field, expected) => {
    expect(decodeOne(kind, field)).toEqual(expected)
  })

  it('keys the item by column, in column order', () => {
    const decode = copyTextDecoder(
      [
        { name: 'b', kind: 'integer' },
        { name: 'a', kind: 'text' },
        { name: 'c', kind: 'boolean' },
      ],
      'test',
    )
    const item = decode('1\t\\N\tt')
    expect(item).toEqual({ b: 1, a: null, c: true })
    expect(Object.keys(item)).toEqual(['b', 'a', 'c'])
  })

  it.each([
    ['too few fields', '1\tx'],
    ['too many fields', '1\tx\ty\tz'],
  ])('rejects a line with %s, naming where it is', (_, line) => {
    const columns: CopyTextColumn[] = ['a', 'b', 'c'].map((name) => ({ name, kind: 'text' }))
    expect(() => copyTextDecoder(columns, 'table "t", file.copy-text')(line)).toThrow(
      /table "t", file\.copy-text: a row has \d fields where its header names 3 columns; .*drop-pending-packages/,
    )
  })

  it('names the column whose json does not parse', () => {
    const decode = copyTextDecoder([{ name: 'doc', kind: 'json' }], 'table "t"')
    expect(() => decode('{broken')).toThrow(
      /table "t": column "doc" holds a value that is not valid JSON .*drop-pending-packages/,
    )
  })
})

describe('copy-text header', () => {
  it('names the columns and reads them back', () => {
    const columns: CopyTextColumn[] = [
      { name: 'id', kind: 'integer' },
      { name: 'a "quoted"\tname', kind: 'json' },
    ]
    expect(parseCopyTextHeader(copyTextHeader(columns), 'f')).toEqual(columns)
  })

  it.each([
    ['not JSON', '1\t2'],
    ['no columns', '{}'],
    ['an unknown kind', '{"columns":[["a","date"]]}'],
  ])('rejects a header that is %s', (_, line) => {
    expect(() => parseCopyTextHeader(line, 'pkg/t.1.0.copy-text')).toThrow(
      /pkg\/t\.1\.0\.copy-text: the first line of a copy-text file must name its columns/,
    )
  })
})
