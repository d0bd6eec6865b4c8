/**
 * @module Reads a text file line by line in large chunks, synchronously: the fastest way Node
 * offers to stream JSON-lines files without materializing them.
 */
import { closeSync, openSync, readSync } from 'node:fs'

const NEWLINE = 0x0a

/** Calls `onLine` for each non-empty line of the file at `path`. */
export function readLinesSync(
  path: string,
  onLine: (line: string) => void,
  chunkBytes = 1 << 22,
): void {
  const fd = openSync(path, 'r')
  try {
    let buffer = Buffer.allocUnsafe(chunkBytes)
    let carry = 0
    for (;;) {
      if (carry === buffer.length) {
        // A single line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buffer.length * 2)
        buffer.copy(bigger, 0, 0, carry)
        buffer = bigger
      }
      const read = readSync(fd, buffer, carry, buffer.length - carry, null)
      const end = carry + read
      // Split at the last newline only: a newline byte never occurs inside a UTF-8 sequence.
      const last = read === 0 ? end : buffer.lastIndexOf(NEWLINE, end - 1)
      if (last >= 0) {
        const text = buffer.toString('utf8', 0, last)
        let start = 0
        for (;;) {
          const next = text.indexOf('\n', start)
          const line = next === -1 ? text.slice(start) : text.slice(start, next)
          if (line.length > 0) onLine(line)
          if (next === -1) break
          start = next + 1
        }
        const rest = read === 0 ? 0 : end - last - 1
        buffer.copy(buffer, 0, last + 1, end)
        carry = rest
      } else {
        carry = end
      }
      if (read === 0) break
    }
  } finally {
    closeSync(fd)
  }
}
