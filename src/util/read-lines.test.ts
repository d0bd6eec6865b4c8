import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readLineChunksSync, readLinesSync, splitLineRanges } from './read-lines.js'

const dir = mkdtempSync(join(tmpdir(), 'dlt-ts-read-lines-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function fileOf(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

function readAll(path: string, chunkBytes?: number, range?: { start: number; end: number }) {
  const lines: string[] = []
  readLinesSync(path, (line) => lines.push(line), chunkBytes, range)
  return lines
}

const ascii = Array.from({ length: 50 }, (_, i) => `{"id":${i},"name":"row ${i}"}`)
// multi-byte characters (2, 3 and 4 bytes) in some lines only: chunks of both kinds
const mixed = ascii.map((line, i) => (i % 7 === 3 ? line.replace('row', 'rów ✓ 𝄞') : line))

describe('readLinesSync', () => {
  const cases: [name: string, lines: string[]][] = [
    ['ASCII lines', ascii],
    ['lines with multi-byte characters among ASCII ones', mixed],
    ['a Latin-1 character (two bytes in UTF-8, one in Latin-1)', ['{"a":"é"}', '{"b":"ÿ"}']],
  ]
  for (const [name, lines] of cases) {
    for (const chunkBytes of [7, 16, 64, 1000, 1 << 22]) {
      it(`${name}, chunks of ${chunkBytes} bytes`, () => {
        const path = fileOf(`f-${chunkBytes}.jsonl`, `${lines.join('\n')}\n`)
        expect(readAll(path, chunkBytes)).toEqual(lines)
      })
    }
  }

  it('skips empty lines and reads a last line without a newline', () => {
    const path = fileOf('blank.jsonl', '\n{"a":1}\n\n{"b":"ü"}')
    expect(readAll(path, 5)).toEqual(['{"a":1}', '{"b":"ü"}'])
  })

  it('reads line-aligned ranges that together give the whole file', () => {
    const path = fileOf('ranges.jsonl', `${mixed.join('\n')}\n`)
    const size = Buffer.byteLength(`${mixed.join('\n')}\n`)
    const ranges = splitLineRanges(path, size, 200)
    expect(ranges.length).toBeGreaterThan(3)
    expect(ranges.flatMap((range) => readAll(path, 32, range))).toEqual(mixed)
  })
})

describe('readLineChunksSync', () => {
  it.each([7, 16, 64, 1 << 16])('hands over whole lines, chunks of %i bytes', (chunkBytes) => {
    const text = `${mixed.join('\n')}\n\nlast without newline ✓`
    const path = fileOf(`chunks-${chunkBytes}.jsonl`, text)
    const chunks: Buffer[] = []
    readLineChunksSync(
      path,
      (buffer, length) => chunks.push(Buffer.from(buffer.subarray(0, length))),
      chunkBytes,
    )
    expect(Buffer.concat(chunks).toString()).toBe(text)
    // every chunk but the last ends with a newline
    for (const chunk of chunks.slice(0, -1)) expect(chunk.at(-1)).toBe(0x0a)
    if (chunkBytes < 100) expect(chunks.length).toBeGreaterThan(10)
  })
})
