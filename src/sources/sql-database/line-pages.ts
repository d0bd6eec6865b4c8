/**
 * @module The COPY data of a table cut into pages of whole lines, handed on in parts: one joined
 * buffer per page (~18 MB at 50,000 rows) would be fresh memory every time.
 */

const NEWLINE = 0x0a
/** Bytes joined into one part of a page (below malloc's mmap threshold, so memory is reused). */
const GROUP_BYTES = 1 << 16

/**
 * The COPY data (`data`, chunks cut anywhere) as pages of exactly `chunkSize` lines (the last
 * one shorter), like dlt's partitions of a result; `page` makes each page of its parts, its number
 * of lines and the 1-based number of its first line.
 */
export async function* linePages<T>(
  data: AsyncIterable<Buffer>,
  chunkSize: number,
  page: (parts: Buffer[], lines: number, firstLine: number) => T,
): AsyncGenerator<T> {
  // each part is joined from pieces up to ~GROUP_BYTES
  let parts: Buffer[] = []
  let group: Buffer[] = []
  let groupBytes = 0
  let lines = 0
  let firstLine = 1
  const closeGroup = (): void => {
    if (group.length === 0) return
    parts.push(group.length === 1 ? group[0]! : Buffer.concat(group, groupBytes))
    group = []
    groupBytes = 0
  }
  const add = (piece: Buffer): void => {
    let rest = piece
    if (groupBytes + rest.length >= GROUP_BYTES) {
      const end = rest.lastIndexOf(NEWLINE) + 1
      if (end > 0) {
        group.push(rest.subarray(0, end))
        groupBytes += end
        closeGroup()
        rest = rest.subarray(end)
      }
    }
    if (rest.length === 0) return
    group.push(rest)
    groupBytes += rest.length
  }
  const take = (count: number): T => {
    closeGroup() // a page ends with a newline: the last group holds whole lines
    const result = page(parts, count, firstLine)
    firstLine += count
    parts = []
    return result
  }
  for await (const chunk of data) {
    let rest = chunk
    for (;;) {
      const cut = afterNthNewline(rest, chunkSize - lines)
      if (cut.at < 0) {
        add(rest)
        lines += cut.count
        break
      }
      add(rest.subarray(0, cut.at))
      lines = 0
      yield take(chunkSize)
      rest = rest.subarray(cut.at)
      if (rest.length === 0) break
    }
  }
  closeGroup()
  if (parts.some((part) => part.length > 0)) yield take(lines)
}

/**
 * The offset just after the `n`-th newline of `bytes` (`at`), or -1 and the number of newlines
 * `bytes` holds when it has fewer than `n`.
 */
function afterNthNewline(bytes: Buffer, n: number): { at: number; count: number } {
  let count = 0
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) {
    if (++count === n) return { at: at + 1, count }
  }
  return { at: -1, count }
}
