import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { JsonLines } from '../../../extract/json-lines.js'
import { isMarked } from '../../../extract/mark.js'
import type { FileItemDict } from '../file-item.js'
import { CSV_STEP, CsvJsonLines } from './csv-json-lines.js'
import { readWithCsvParse } from './csv-parse-rows.js'
import { checkCsvOptions, type ReadCsvOptions } from './csv-settings.js'
import { doubleColumns } from './csv-values.js'
import { JsonLinesPage } from './json-lines-page.js'

/** Rows as both parsers report them: plain rows, and rows carrying `double` hints. */
type Row = Record<string, unknown> | { hint: unknown; row: unknown }

/** The fast path's rows with the input cut into `split`-byte chunks, or 'unsupported'. */
function fastRows(input: Buffer, options: ReadCsvOptions, split: number): Row[] | 'unsupported' {
  const settings = checkCsvOptions({ chunkSize: 2, ...options })
  const page = new JsonLinesPage('memory.csv')
  const decimals = new Set<number>()
  const parser = new CsvJsonLines({
    ...settings,
    delimiter: settings.delimiter.charCodeAt(0),
    quote: settings.quote === '' ? -1 : settings.quote.charCodeAt(0),
    page,
    decimals,
  })
  const rows: Row[] = []
  const flush = () => rows.push(...((page.take()?.parse() ?? []) as Row[]))
  for (let at = 0; ; at += split) {
    const fed = at < input.length ? parser.push(input.subarray(at, at + split)) : parser.end()
    if (!fed) return 'unsupported'
    for (let step = parser.next(); step !== CSV_STEP.more; step = parser.next()) {
      if (step === CSV_STEP.unsupported) return 'unsupported'
      flush()
      if (step === CSV_STEP.hint) {
        const hint = Object.keys(doubleColumns(parser.names ?? [], decimals))
        rows.push({ hint, row: parser.hinted })
      }
      if (step === CSV_STEP.done) return rows
    }
    if (at >= input.length) throw new Error('the input ended, the parser did not')
  }
}

/** csv-parse's rows of the same bytes. */
async function referenceRows(input: Buffer, options: ReadCsvOptions): Promise<Row[]> {
  const settings = checkCsvOptions({ chunkSize: 2, ...options })
  const file = {
    file_url: 'memory.csv',
    open: async () => Readable.from([input]),
  } as unknown as FileItemDict
  const state = { row: 0, page: new JsonLinesPage('memory.csv'), decimals: new Set<number>() }
  const rows: Row[] = []
  for await (const out of readWithCsvParse(file, settings, state)) {
    if (out instanceof JsonLines) rows.push(...(out.parse() as Row[]))
    else if (isMarked(out)) {
      const columns = Object.keys(out.hints?.columns ?? {})
      rows.push({ hint: columns, row: out.item })
    }
  }
  return rows
}

const quotes = [
  ['quoted delimiters', 'a,b\n"1,2","x y"\n'],
  ['doubled quotes', 'a,b\n"say ""hi""",2\n"""",""""""\n'],
  ['newlines in quotes', 'a,b\n"line 1\nline 2",2\n"crlf\r\ninside",3\n'],
  ['CRLF', 'a,b\r\n1,2\r\n"x\r\ny",4\r\n'],
  ['CRLF, no last line end', 'a,b\r\n1,2'],
  ['no last line end', 'a,b\n1,2'],
  ['a quoted empty last field', 'a\n""'],
  ['empty fields', 'a,b,c\n,,\n1,,3\n""," ",\n'],
  ['a UTF-8 BOM', '\ufeffa,b\n1,2\n'],
  ['empty lines', 'a,b\n\n1,2\n\n\n3,4\n\n'],
  ['CRLF empty lines', 'a,b\r\n\r\n1,2\r\n\r\n'],
  ['fewer fields', 'a,b,c\n1\n1,2\n'],
  ['escapes', 'a\n"tab\there"\nback\\slash\n"q ""x"" \\"\n\u0001\u001f\n'],
  ['unicode', 'a\nÜnïcödé ✓\n😀\n"ö,ü"\n\uf026typed\n'],
  ['only a header', 'a,b\n'],
  ['nothing', ''],
] as const
const values = [
  ['numbers', 'n\n1\n-2\n+3\n.5\n1.\n1.e2\n-0\n-0.0\n0\n0.0\n007\n-01\n1e5\n1E+05\n2e-3\n'],
  ['number edges', 'n\n1e400\n1e99\n9007199254740993\n123456789012345\n1234567890123456\n0x1F\n'],
  ['not numbers', 'n\n1_000\nInfinity\nNaN\n1e\n-\n+\n.\n1.2.3\n 1\n1 \n--1\n'],
  ['booleans', 'b\ntrue\nTrue\nTRUE\nfalse\nFalse\nFALSE\ntRUE\nyes\n"true"\n'],
  ['prototype names', 'a\nconstructor\ntoString\n__proto__\nvalueOf\n'],
  ['a column turning decimal', 'id,amount,rate\n1,10,1\n2,10.5,2\n3,7,3.5\n4,1e3,4\n'],
  ['quoted numbers', 'a,b\n"12","1.5"\n'],
] as const
const headers = [
  ['duplicate and empty names', 'a,a,,b\n1,2,3,4\n'],
  ['integer-like names (a JS object lists them first)', 'b,2,1,a,4294967295\n1,2,3,4,5\n'],
  ['a __proto__ column', '__proto__,x\n1,2\n'],
  ['a quoted header', '"a,1","say ""b"""\n1,2\n'],
] as const
const dialects: [string, string, ReadCsvOptions][] = [
  ['no header', '1,2\n3,4\n', { header: false }],
  ['given names', '1,2\n3,4\n', { header: ['x', 'y'] }],
  ['given names, fewer fields', '1,2\n3\n', { header: ['x', 'y', 'z'] }],
  ['text only', 'a,b\n1,true\n', { inferTypes: false }],
  ['semicolons', 'a;b\n1,5;"x;y"\n', { delimiter: ';' }],
  ['tabs', 'a\tb\n1\t"x\ty"\n', { delimiter: '\t' }],
  ['single quotes', "a;b\n'x;y';'it''s \"q\"'\n", { delimiter: ';', quote: "'", escape: "'" }],
  ['no quote character', 'a,b\n"x",y\n', { quote: '' }],
]
const refused = [
  ['a lone CR', 'a,b\r1,2\r'],
  ['CR inside an unquoted field', 'a,b\n1,x\ry\n'],
  ['LF after CRLF', 'a,b\r\n1,2\n3,4\r\n'],
  ['a quote inside an unquoted field', 'a,b\n1,x"y\n'],
  ['text after a closing quote', 'a,b\n"x"y,2\n'],
  ['more fields than the header', 'a,b\n1,2,3\n'],
  ['an unclosed quote', 'a,b\n"x,2\n'],
] as const

describe('CsvJsonLines', () => {
  const cases: [string, string | Buffer, ReadCsvOptions][] = [
    ...[...quotes, ...values, ...headers].map(
      ([name, text]) => [name, text, {}] as [string, string, ReadCsvOptions],
    ),
    ...dialects,
  ]
  it.each(cases)('%s: the rows csv-parse reads, in any chunks', async (_, text, options) => {
    const input = Buffer.from(text)
    const expected = await referenceRows(input, options)
    for (const split of [1, 2, 3, 7, 64, input.length + 1]) {
      const rows = fastRows(input, options, split)
      expect(rows, `chunks of ${split} bytes`).toEqual(expected)
      // the same keys in the same order (array lines take theirs from the page's columns)
      expect(JSON.stringify(rows)).toBe(JSON.stringify(expected))
    }
  })

  it('writes a row with a value in every column as an array, one with an empty field as an object', () => {
    const page = new JsonLinesPage('memory.csv')
    const settings = checkCsvOptions({})
    const parser = new CsvJsonLines({
      ...settings,
      delimiter: 0x2c,
      quote: 0x22,
      page,
      decimals: new Set(),
    })
    parser.push(Buffer.from('b,1,c\nx,2,true\ny,,false\n'))
    parser.end()
    while (parser.next() !== CSV_STEP.done);
    const lines = page.take()!
    expect(lines.columns).toEqual(['1', 'b', 'c'])
    expect(lines.bytes.toString()).toBe('[2,"x",true]\n{"b":"y","c":false}\n')
  })

  it('reads random CSV as csv-parse does (values as extract writes them)', async () => {
    const random = seededRandom(17)
    for (let round = 0; round < 1500; round++) {
      const text = randomCsv(random)
      const header = random(2) === 0
      const expected = await referenceRows(Buffer.from(text), { header })
      for (const split of [1, 5, 1 << 16]) {
        // extract writes the hinted rows' objects as JSON: -0 becomes 0
        expect(fastRows(Buffer.from(text), { header }, split), JSON.stringify(text)).toEqual(
          JSON.parse(JSON.stringify(expected)),
        )
      }
    }
  })

  it('reads a record of several MB (scanned again only when its bytes doubled)', async () => {
    const long = 'x'.repeat(99).concat('\n').repeat(30_000)
    const input = Buffer.from(`a,b\n1,"${long}"\n2,"${long}"\n3,y\n`)
    const expected = await referenceRows(input, {})
    expect(expected.map((row) => (row as { a: number }).a)).toEqual([1, 2, 3])
    expect(fastRows(input, {}, 1 << 16)).toEqual(expected)
  })

  it.each(refused)('%s: gives up, leaving the file to csv-parse', (_, text) => {
    expect(fastRows(Buffer.from(text), {}, 1 << 16)).toBe('unsupported')
  })

  it('gives up on bytes that are not UTF-8, and on a UTF-16 BOM', () => {
    const latin1 = Buffer.from('a\ncafé\n', 'latin1')
    expect(fastRows(latin1, {}, 1 << 16)).toBe('unsupported')
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\n1\n', 'utf16le')])
    expect(fastRows(utf16, {}, 1 << 16)).toBe('unsupported')
  })

  it('keeps text that names an Object.prototype member', () => {
    expect(fastRows(Buffer.from('a\nconstructor\n'), {}, 64)).toEqual([{ a: 'constructor' }])
  })

  it('reads the common cases as pandas would', () => {
    const text =
      '\ufeffid,name,amount,paid,note\r\n1,"Smith, Ann",10.00,true,"said ""hi""\nthen"\r\n2,,12.5,FALSE,\r\n'
    expect(fastRows(Buffer.from(text), {}, 5)).toEqual([
      {
        hint: ['amount'],
        row: { id: 1, name: 'Smith, Ann', amount: 10, paid: true, note: 'said "hi"\nthen' },
      },
      { id: 2, amount: 12.5, paid: false },
    ])
  })
})

/** A deterministic random integer below `n` (mulberry32). */
function seededRandom(seed: number): (n: number) => number {
  let state = seed
  return (n) => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) % n
  }
}

const PLAIN = [
  'a',
  'ü',
  '1',
  '0',
  '.',
  '-',
  'e',
  'E',
  '+',
  'true',
  'False',
  ' ',
  '\\',
  '\t',
  '\u0001',
]
const QUOTED = [...PLAIN, ',', '\n', '\r\n', '\r', '""']

/** CSV the fast path reads: records of plain and quoted fields, no more fields than the first. */
function randomCsv(random: (n: number) => number): string {
  const eol = random(2) ? '\n' : '\r\n'
  const width = 1 + random(4)
  let text = random(5) === 0 ? '\ufeff' : ''
  const records = random(6)
  for (let r = 0; r < records; r++) {
    if (random(8) === 0) {
      text += eol
      continue
    }
    // csv-parse refuses a record longer than the first
    const fields = text.trim() !== '' && random(5) === 0 ? 1 + random(width) : width
    const parts: string[] = []
    for (let f = 0; f < fields; f++) {
      const quoted = random(3) === 0
      const alphabet = quoted ? QUOTED : PLAIN
      let value = ''
      for (let i = random(6); i > 0; i--) value += alphabet[random(alphabet.length)]
      parts.push(quoted ? `"${value}"` : value)
    }
    text += parts.join(',') + (r < records - 1 || random(2) ? eol : '')
  }
  return text
}
