import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readLinesSync } from '../../util/read-lines.js'
import { BufferedLineWriter, type EncodableLine } from './buffered-line-writer.js'
import { writeText } from './json-bytes.js'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('BufferedLineWriter + readLinesSync', () => {
  it('rotates files after fileMaxItems lines and reads every line back in order', () => {
    dir = mkdtempSync(join(tmpdir(), 'dlt-ts-writer-'))
    const writer = new BufferedLineWriter({
      directory: dir,
      fileName: (i) => `t.${i}.0.jsonl`,
      fileMaxItems: 3,
      bufferMaxBytes: 10,
    })
    const lines = Array.from({ length: 8 }, (_, i) =>
      JSON.stringify({ i, text: 'żółć 💥'.repeat(i) }),
    )
    for (const line of lines) writer.write(line)
    const files = writer.close()
    expect(files.map((f) => basename(f))).toEqual(['t.0.0.jsonl', 't.1.0.jsonl', 't.2.0.jsonl'])
    expect(writer.lineCount).toBe(8)
    const read: string[] = []
    for (const file of files) readLinesSync(file, (line) => read.push(line))
    expect(read).toEqual(lines)
  })

  it('reads lines longer than the chunk and multi-byte characters across chunk borders', () => {
    dir = mkdtempSync(join(tmpdir(), 'dlt-ts-writer-'))
    const writer = new BufferedLineWriter({ directory: dir, fileName: () => 'x.jsonl' })
    const lines = ['a'.repeat(100), 'ü'.repeat(37), '', 'b', '名前'.repeat(50)]
    for (const line of lines) writer.write(line)
    const [file] = writer.close()
    expect(readFileSync(file!, 'utf8').split('\n').length).toBe(lines.length + 1)
    const read: string[] = []
    readLinesSync(file!, (line) => read.push(line), 16)
    expect(read).toEqual(lines.filter((line) => line.length > 0))
  })

  it('rotates after fileMaxBytes, checked before each line or block', () => {
    dir = mkdtempSync(join(tmpdir(), 'dlt-ts-writer-'))
    const writer = new BufferedLineWriter({
      directory: dir,
      fileName: (i) => `t.${i}.0.jsonl`,
      fileMaxBytes: 25,
    })
    // 10 bytes per line with its newline: a file takes lines until it holds 25 bytes or more
    for (let i = 0; i < 7; i++) writer.write(`line-${i}-ab`)
    writer.writeLines(Buffer.from('copied-1\ncopied-2\n'), 2)
    const files = writer.close()
    const sizes = files.map((file) => [basename(file), readFileSync(file).length])
    expect(sizes).toEqual([
      ['t.0.0.jsonl', 30],
      ['t.1.0.jsonl', 30],
      ['t.2.0.jsonl', 28],
    ])
    expect(writer.lineCount).toBe(9)
    expect(writer.close()).toEqual(files)
  })

  it('writes a block given in parts as the same bytes, through its buffer', () => {
    dir = mkdtempSync(join(tmpdir(), 'dlt-ts-writer-'))
    const block = Array.from({ length: 200 }, (_, i) => `{"i":${i}}\n`).join('')
    const parts = [block.slice(0, 7), block.slice(7, 900), block.slice(900)].map((part) =>
      Buffer.from(part),
    )
    const write = (name: string, bytes: Buffer | Buffer[]) => {
      const writer = new BufferedLineWriter({
        directory: dir,
        fileName: () => name,
        bufferMaxBytes: 64, // smaller than the middle part: it goes alone
        digest: true,
      })
      writer.write('{"first":true}')
      writer.writeLines(bytes, 200)
      writer.write('{"last":true}')
      const [file] = writer.close()
      return { text: readFileSync(file!, 'utf8'), lines: writer.lineCount, digest: writer.digest() }
    }
    const whole = write('whole.jsonl', Buffer.from(block))
    const parted = write('parted.jsonl', parts)
    expect(parted).toEqual(whole)
    expect(parted.text).toBe(`{"first":true}\n${block}{"last":true}\n`)
    expect(parted.lines).toBe(202)
  })

  it('starts every file with the header line, which counts as no line', () => {
    dir = mkdtempSync(join(tmpdir(), 'dlt-ts-writer-'))
    const writer = new BufferedLineWriter({
      directory: dir,
      fileName: (i) => `t.${i}.0.copy-text`,
      fileMaxItems: 2,
      fileMaxBytes: 12,
      header: '{"columns":[]}',
    })
    writer.write('a')
    writer.writeLines([Buffer.from('b\n')], 1)
    writer.write('c')
    writer.write('d'.repeat(20))
    const files = writer.close()
    expect(writer.lineCount).toBe(4)
    expect(files.map((file) => readFileSync(file, 'utf8'))).toEqual([
      '{"columns":[]}\na\nb\n',
      `{"columns":[]}\nc\n${'d'.repeat(20)}\n`,
    ])
  })

  it('writes encoded lines as the same bytes and files as their text', () => {
    dir = mkdtempSync(join(tmpdir(), 'dlt-ts-writer-'))
    // lines around and beyond the 64-byte buffer, multi-byte text
    const lines = [
      '',
      'a',
      'żółć 💥',
      'b'.repeat(15),
      'c'.repeat(16),
      'd'.repeat(40),
      'ü'.repeat(70),
    ]
    const all = [...lines, ...[...lines].reverse(), 'e'.repeat(200)]
    const write = (name: string, encoded: boolean) => {
      const writer = new BufferedLineWriter({
        directory: dir,
        fileName: (i) => `${name}.${i}.jsonl`,
        bufferMaxBytes: 64,
        fileMaxItems: 6,
        fileMaxBytes: 150,
        digest: true,
      })
      for (const line of all) {
        if (!encoded) writer.write(line)
        else writer.writeEncoded(textLine(line))
      }
      const files = writer.close()
      return {
        texts: files.map((file) => readFileSync(file, 'utf8')),
        lines: writer.lineCount,
        digest: writer.digest(),
      }
    }
    const encoded = write('encoded', true)
    expect(encoded).toEqual(write('text', false))
    expect(encoded.texts.join('')).toBe(`${all.join('\n')}\n`)
  })

  it('grows its buffer for encoded lines that do not fit', () => {
    dir = mkdtempSync(join(tmpdir(), 'dlt-ts-writer-'))
    const writer = new BufferedLineWriter({ directory: dir, fileName: () => 'x.jsonl' })
    const lines = Array.from({ length: 40 }, (_, i) => `${i}`.repeat(i * 1000))
    for (const line of lines) writer.writeEncoded(textLine(line))
    const [file] = writer.close()
    expect(readFileSync(file!, 'utf8')).toBe(`${lines.join('\n')}\n`)
  })
})

/** A line that encodes its text into the writer's buffer. */
function textLine(text: string): EncodableLine {
  return { encodeInto: (buffer, offset, limit) => writeText(buffer, offset, limit, text) }
}
