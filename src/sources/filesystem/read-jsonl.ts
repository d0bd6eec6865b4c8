/**
 * @module `readJsonl`: local JSON lines files as a resource. The files are read in large blocks
 * of whole lines (`JsonLines` pages); when nothing on the resource needs the items (no step,
 * cursor, transformer or table-name function), extract copies the blocks into the package
 * without parsing them, and normalize parses each line once — the fastest way to load a file.
 */
import { open } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { JsonLines } from '../../extract/json-lines.js'
import { type Resource, type ResourceOptions, resource } from '../../extract/resource.js'

/** Options of `readJsonl`: a resource's options, plus the size of the blocks read. */
export interface ReadJsonlOptions<T> extends ResourceOptions<T> {
  /**
   * Bytes read at once; each block of whole lines is one page of the resource. A line longer
   * than this is read whole anyway.
   * @default 4 MiB
   */
  readonly blockBytes?: number
}

const NEWLINE = 0x0a
const DEFAULT_BLOCK_BYTES = 1 << 22

/**
 * A resource reading JSON lines files (one JSON object per line, UTF-8), in the order given.
 * Named after the first file (`data/issues.jsonl` → `issues`) unless `name` says otherwise.
 *
 * ```ts
 * const info = await pipeline.run(dlt.readJsonl('data/issues.jsonl', { primaryKey: 'id' }))
 * ```
 */
export function readJsonl<T = Record<string, unknown>>(
  paths: string | readonly string[],
  options: ReadJsonlOptions<T> = {},
): Resource<T> {
  const files = typeof paths === 'string' ? [paths] : [...paths]
  if (files.length === 0 || files.some((file) => typeof file !== 'string' || file === '')) {
    throw new TypeError('readJsonl: give the path of a JSON lines file, or a list of paths')
  }
  const { blockBytes = DEFAULT_BLOCK_BYTES, ...resourceOptions } = options
  if (!Number.isInteger(blockBytes) || blockBytes < 1) {
    throw new RangeError('readJsonl: `blockBytes` must be a positive integer')
  }
  const name = resourceOptions.name ?? basename(files[0]!, extname(files[0]!))
  async function* read() {
    for (const file of files) yield* readBlocks(file, blockBytes)
  }
  // a JsonLines page stands for the items it holds: extract parses it when something needs them
  return resource(read as unknown as () => AsyncIterable<T>, { ...resourceOptions, name })
}

/** Room before each block for the partial line the previous block ended with. */
const CARRY_ROOM = 64 * 1024

/**
 * The file as `JsonLines` blocks of whole lines; a last line without newline gets one. The next
 * block is read while the consumer handles the current one.
 */
async function* readBlocks(path: string, blockBytes: number): AsyncGenerator<JsonLines> {
  const handle = await open(path, 'r')
  // each read lands after CARRY_ROOM bytes, where the previous block's partial line goes
  const readAt = async (position: number) => {
    const buffer = Buffer.allocUnsafe(CARRY_ROOM + blockBytes)
    const { bytesRead } = await handle.read(buffer, CARRY_ROOM, blockBytes, position)
    return { buffer, bytesRead }
  }
  let position = 0
  let next = readAt(position)
  try {
    // the partial line read so far: the tail of the last block, then reads without a newline
    let carry: Buffer[] = []
    let carryBytes = 0
    let line = 1
    for (;;) {
      const { buffer, bytesRead } = await next
      if (bytesRead === 0) {
        if (carryBytes > 0)
          yield new JsonLines(Buffer.concat([...carry, NEWLINE_BYTES]), path, line)
        return
      }
      // the next read starts where this one ended (a read may return less than asked)
      position += bytesRead
      next = readAt(position)
      const data = buffer.subarray(CARRY_ROOM, CARRY_ROOM + bytesRead)
      const end = data.lastIndexOf(NEWLINE)
      if (end < 0) {
        // inside one long line: keep the read whole, join once the line ends
        carry.push(data)
        carryBytes += data.length
        continue
      }
      let block: Buffer
      if (carryBytes <= CARRY_ROOM) {
        block = buffer.subarray(CARRY_ROOM - carryBytes, CARRY_ROOM + end + 1)
        let at = 0
        for (const part of carry) at += part.copy(block, at)
      } else {
        block = Buffer.concat([...carry, data.subarray(0, end + 1)])
      }
      const tail = Buffer.from(data.subarray(end + 1))
      carry = [tail]
      carryBytes = tail.length
      yield new JsonLines(block, path, line)
      line += countNewlines(block)
    }
  } finally {
    await next.catch(() => undefined)
    await handle.close()
  }
}

const NEWLINE_BYTES = Buffer.from('\n')

function countNewlines(bytes: Buffer): number {
  let count = 0
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) count++
  return count
}
