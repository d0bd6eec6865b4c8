import { describe, expect, it } from 'vitest'
import type { ColumnSchema } from '../../schema/schema-types.js'
import { createJsonlToCsv } from './jsonl-to-csv.js'

const columns: ColumnSchema[] = [
  { name: 'id', data_type: 'bigint' },
  { name: 't', data_type: 'text' },
  { name: 'd', data_type: 'double' },
  { name: 'b', data_type: 'bool' },
  { name: 'j', data_type: 'json' },
  { name: 'x', data_type: 'binary' },
  { name: 'ts', data_type: 'timestamp' },
  { name: 'w', data_type: 'wei' },
]

async function convert(chunks: string[]): Promise<string> {
  let out = ''
  for await (const piece of createJsonlToCsv(columns, 'f.jsonl')(toAsync(chunks))) out += piece
  return out
}

async function* toAsync(chunks: string[]): AsyncGenerator<string> {
  yield* chunks
}

describe('createJsonlToCsv', () => {
  it.each([
    [{ id: 1 }, '1,,,,,,,'],
    [
      { id: '9007199254740993', w: '1000000000000000000000' },
      '"9007199254740993",,,,,,,"1000000000000000000000"',
    ],
    [{ t: '' }, ',"",,,,,,'],
    [{ t: 'a,"b"\nc' }, ',"a,""b""\nc",,,,,,'],
    [{ t: '\\.' }, ',"\\.",,,,,,'],
    [{ d: 1.5, b: true }, ',,1.5,t,,,,'],
    [{ b: false, j: { k: ['v', null] } }, ',,,f,"{""k"":[""v"",null]}",,,'],
    [{ j: 'text' }, ',,,,"""text""",,,'],
    [{ x: Buffer.from([0, 255, 44]).toString('base64') }, ',,,,,\\x00ff2c,,'],
    [{ ts: '2024-01-01T00:00:00.000Z', unknown: 'ignored' }, ',,,,,,"2024-01-01T00:00:00.000Z",'],
  ])('%j → %s', async (row, csv) => {
    expect(await convert([`${JSON.stringify(row)}\n`])).toBe(`${csv}\n`)
  })

  it('joins lines split across chunks and skips empty lines, with or without a final newline', async () => {
    expect(await convert(['{"id":1}\n{"i', 'd":2}\r\n\n{"t":"zß水', '🙂"}'])).toBe(
      '1,,,,,,,\n2,,,,,,,\n,"zß水🙂",,,,,,\n',
    )
  })

  it('names the file and line of invalid JSON', async () => {
    await expect(convert(['{"id":1}\n{oops\n'])).rejects.toThrow(
      'Invalid JSON in loader file f.jsonl at line 2',
    )
  })
})
