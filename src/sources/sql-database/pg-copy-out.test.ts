import { describe, expect, it } from 'vitest'
import { CopyOutPages } from './pg-copy-out.js'

/** One protocol message: its code, its length (counting itself) and its body. */
function message(code: string, body: string | Buffer = ''): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const header = Buffer.alloc(5)
  header.write(code, 0, 'latin1')
  header.writeUInt32BE(bytes.length + 4, 1)
  return Buffer.concat([header, bytes])
}

const COPY_OUT = message('H', Buffer.from([0, 0, 1, 0, 0]))
const NOTICE = message('N', 'SNOTICE\0Mhello\0\0')
const DONE = message('c')
const AFTER = Buffer.concat([message('C', 'COPY 5\0'), message('Z', 'I')])
const rows = ['{"a":1}\n', '{"a":2}\n', '{"a":"é"}\n', '{"a":4}\n', '{"a":5}\n']
const stream = Buffer.concat([
  COPY_OUT,
  message('d', rows[0]),
  message('d', rows[1]),
  NOTICE,
  ...rows.slice(2).map((row) => message('d', row)),
  DONE,
  AFTER,
])

/** Feeds `bytes` cut into pieces of `size` bytes; the pages and the bytes handed back. */
function feed(bytes: Buffer, size: number, chunkSize: number) {
  const cutter = new CopyOutPages(chunkSize)
  let rest: Buffer | undefined
  for (let at = 0; at < bytes.length && rest === undefined; at += size) {
    const piece = bytes.subarray(at, at + size)
    rest = cutter.push(piece)
    if (rest !== undefined) rest = Buffer.concat([rest, bytes.subarray(at + size)])
  }
  return { pages: cutter.pages.map((page) => page.toString()), rest }
}

describe('CopyOutPages', () => {
  it('cuts pages of exactly chunkSize lines wherever the socket reads end', () => {
    for (let size = 1; size <= stream.length; size++) {
      const { pages, rest } = feed(stream, size, 2)
      expect(pages, `pieces of ${size} bytes`).toEqual([
        rows[0]! + rows[1]!,
        rows[2]! + rows[3]!,
        rows[4]!,
      ])
      // the driver gets everything from CopyDone on
      expect(rest).toEqual(Buffer.concat([DONE, AFTER]))
    }
  })

  it('makes no empty page when the rows fill the last page', () => {
    expect(feed(stream, 7, 5).pages).toEqual([rows.join('')])
    expect(feed(Buffer.concat([COPY_OUT, DONE, AFTER]), 3, 5).pages).toEqual([])
  })

  it('drops the unfinished page at an error and hands the error to the driver', () => {
    const error = message('E', 'SERROR\0Mdivision by zero\0\0')
    const failing = Buffer.concat([
      COPY_OUT,
      ...rows.slice(0, 3).map((row) => message('d', row)),
      error,
      message('Z', 'I'),
    ])
    for (const size of [1, 4, 5, 64]) {
      const { pages, rest } = feed(failing, size, 2)
      expect(pages).toEqual([rows[0]! + rows[1]!])
      expect(rest?.subarray(0, error.length)).toEqual(error)
    }
  })

  it('grows a page beyond its first buffer', () => {
    const long = `{"a":"${'x'.repeat(3 << 20)}"}\n`
    const { pages } = feed(
      Buffer.concat([message('d', long), message('d', rows[0]!), DONE]),
      65536,
      10,
    )
    expect(pages).toEqual([long + rows[0]!])
  })
})
