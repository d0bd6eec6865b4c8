import { describe, expect, it } from 'vitest'
import { JsonLinesPage } from './json-lines-page.js'
import { type ParquetColumn, parquetObjects, writeParquetJsonLines } from './parquet-json-lines.js'

/** The page's lines as text, or false when it refused the rows. */
function rawLines(columns: ParquetColumn[], hints = {}): string[] | false {
  const page = new JsonLinesPage('memory.parquet')
  const rows = columns[0]?.values.length ?? 0
  if (!writeParquetJsonLines(columns, 0, rows, hints, page, 1)) return false
  return page.take()?.bytes.toString('utf8').split('\n').slice(0, -1) ?? []
}

/** The page's rows (array lines made objects) as JSON.stringify writes them, or false. */
function lines(columns: ParquetColumn[], hints = {}): string[] | false {
  const page = new JsonLinesPage('memory.parquet')
  const rows = columns[0]?.values.length ?? 0
  if (!writeParquetJsonLines(columns, 0, rows, hints, page, 1)) return false
  return (
    page
      .take()
      ?.parse()
      .map((row) => JSON.stringify(row)) ?? []
  )
}

/** What JSON.stringify writes for the same rows as objects. */
function stringified(columns: ParquetColumn[], hints = {}): string[] {
  const rows = columns[0]?.values.length ?? 0
  return parquetObjects(columns, 0, rows, hints).map((row) => JSON.stringify(row))
}

describe('writeParquetJsonLines', () => {
  const cases: [string, ParquetColumn[]][] = [
    [
      'strings',
      [
        {
          name: 's',
          values: ['plain', 'quote " and \\', 'tab\tnew\nline\u0001', 'Ünï ✓ 😀', '\u007f', ''],
        },
      ],
    ],
    [
      'numbers',
      [
        {
          name: 'n',
          values: [0, -0, 1, -7, 0.1, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53],
        },
      ],
    ],
    [
      'typed arrays',
      [
        { name: 'f', values: new Float64Array([1.5, -2, Number.NaN]) },
        { name: 'i', values: new Int32Array([1, -2, 3]) },
      ],
    ],
    ['safe bigints', [{ name: 'b', values: new BigInt64Array([1n, -(2n ** 53n) + 1n, 0n]) }]],
    ['booleans, nulls, missing', [{ name: 'x', values: [true, false, null, undefined] }]],
    [
      'integer-like names come first, as in an object',
      [
        { name: 'b', values: [1] },
        { name: '2', values: ['two'] },
        { name: '1', values: [null] },
      ],
    ],
  ]
  it.each(cases)('%s: the lines JSON.stringify writes for the row objects', (_, columns) => {
    expect(lines(columns)).toEqual(stringified(columns))
  })

  it('writes Dates of timestamp and date columns as ISO text', () => {
    const at = new Date('2024-03-01T10:00:00.123Z')
    const columns = [
      { name: 't', values: [at] },
      { name: 'd', values: [at] },
    ]
    const hints = { t: { dataType: 'timestamp' }, d: { dataType: 'date' } } as const
    expect(lines(columns, hints)).toEqual(['{"t":"2024-03-01T10:00:00.123Z","d":"2024-03-01"}'])
  })

  it('writes a row with every value as an array of the columns, one leaving a key out as an object', () => {
    const columns = [
      { name: 'b', values: [1, 2] },
      { name: '1', values: ['one', undefined] },
    ]
    expect(rawLines(columns)).toEqual(['["one",1]', '{"b":2}'])
    const page = new JsonLinesPage('memory.parquet')
    writeParquetJsonLines(columns, 0, 2, {}, page, 1)
    expect(page.take()?.columns).toEqual(['1', 'b'])
  })

  it('refuses rows holding values plain JSON cannot carry', () => {
    expect(lines([{ name: 'big', values: [2n ** 60n] }])).toBe(false)
    expect(lines([{ name: 'bytes', values: [new Uint8Array([1])] }])).toBe(false)
    expect(lines([{ name: 'nested', values: [{ a: 1 }] }])).toBe(false)
    expect(lines([{ name: 'unhinted date', values: [new Date(0)] }])).toBe(false)
  })
})
