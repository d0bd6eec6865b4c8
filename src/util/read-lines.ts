/**
 * @module Reads a text file line by line in large chunks, synchronously: the fastest way Node
 * offers to stream JSON-lines files without materializing them. A byte range of whole lines can
 * be read alone (`lineStartAtOrAfter` finds the boundaries), so that workers can share one file.
 */
import { isAscii } from 'node:buffer'
import { closeSync, openSync, readSync } from 'node:fs'

const NEWLINE = 0x0a

/** A byte range `[start, end)` of a file; both ends must be line starts (or the file's end). */
export interface LineRange {
  readonly start: number
  readonly end: number
}

/** Calls `onLine` for each non-empty line of the file at `path` (or of its `range`). */
export function readLinesSync(
  path: string,
  onLine: (line: string) => void,
  chunkBytes = 1 << 22,
  range?: LineRange,
): void {
  readLineChunksSync(
    path,
    (buffer, length) => {
      const text = decodeText(buffer, length)
      let start = 0
      for (;;) {
        const next = text.indexOf('\n', start)
        const line = next === -1 ? text.slice(start) : text.slice(start, next)
        if (line.length > 0) onLine(line)
        if (next === -1) break
        start = next + 1
      }
    },
    chunkBytes,
    range,
  )
}

/**
 * Calls `onChunk(buffer, length)` with the bytes of the file at `path` (or of its `range`) in
 * chunks of whole lines: `buffer[0..length)` ends with a newline, or at the end of the file. The
 * buffer is reused: its bytes are valid only during the call, and those after `length` are not
 * the chunk's.
 */
export function readLineChunksSync(
  path: string,
  onChunk: (buffer: Buffer, length: number) => void,
  chunkBytes = 1 << 22,
  range?: LineRange,
): void {
  const fd = openSync(path, 'r')
  try {
    let buffer = Buffer.allocUnsafe(chunkBytes)
    let carry = 0
    let position = range?.start ?? 0
    const end = range?.end ?? Number.POSITIVE_INFINITY
    for (;;) {
      if (carry === buffer.length) {
        // A single line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buffer.length * 2)
        buffer.copy(bigger, 0, 0, carry)
        buffer = bigger
      }
      const wanted = Math.min(buffer.length - carry, end - position)
      const read = wanted > 0 ? readSync(fd, buffer, carry, wanted, position) : 0
      position += read
      const filled = carry + read
      // Split after the last newline: a newline byte never occurs inside a UTF-8 sequence.
      const length = read === 0 ? filled : buffer.lastIndexOf(NEWLINE, filled - 1) + 1
      if (length > 0) {
        onChunk(buffer, length)
        buffer.copy(buffer, 0, length, filled)
        carry = filled - length
      } else {
        carry = filled
      }
      if (read === 0) break
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * The first `length` bytes as text. ASCII bytes (most data files) are their own Latin-1 text:
 * checking and copying them is ~10x faster than Node's UTF-8 decoding, which they would give the
 * same string.
 */
function decodeText(buffer: Buffer, length: number): string {
  return isAscii(buffer.subarray(0, length))
    ? buffer.toString('latin1', 0, length)
    : buffer.toString('utf8', 0, length)
}

/** The first line start at or after byte `offset` of the file (its size when there is none). */
export function lineStartAtOrAfter(path: string, offset: number): number {
  if (offset <= 0) return 0
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(1 << 16)
    let position = offset - 1 // the byte before: a newline there makes `offset` a line start
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, position)
      if (read === 0) return position
      const at = buffer.indexOf(NEWLINE)
      if (at >= 0 && at < read) return position + at + 1
      position += read
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * Cuts the file at `path` (of `size` bytes) into line-aligned ranges of about `pieceBytes`, the
 * first of about `firstBytes`. An empty file is one empty range.
 */
export function splitLineRanges(
  path: string,
  size: number,
  pieceBytes: number,
  firstBytes = pieceBytes,
): LineRange[] {
  const ranges: LineRange[] = []
  let start = 0
  do {
    const want = ranges.length === 0 ? firstBytes : pieceBytes
    const end = start + want >= size ? size : lineStartAtOrAfter(path, start + want)
    ranges.push({ start, end })
    start = end
  } while (start < size)
  return ranges
}

/** The first line of the file at `path` (without its newline), and its bytes with the newline. */
export function readFirstLine(path: string): { line: string; bytes: number } {
  const bytes = lineStartAtOrAfter(path, 1)
  const buffer = Buffer.allocUnsafe(bytes)
  const fd = openSync(path, 'r')
  try {
    let read = 0
    while (read < bytes) {
      const got = readSync(fd, buffer, read, bytes - read, read)
      if (got === 0) break
      read += got
    }
  } finally {
    closeSync(fd)
  }
  const length = buffer[bytes - 1] === NEWLINE ? bytes - 1 : bytes
  return { line: buffer.toString('utf8', 0, length), bytes }
}
