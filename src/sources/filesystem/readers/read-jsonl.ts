/**
 * @module `readJsonl`: dlt's `read_jsonl` reader as a transformer. Streams each file it gets from
 * the `filesystem` resource (gzip decompressed by name or content), cuts it into pages of about
 * `chunkSize` whole lines, checks every line is JSON (a bad line fails the file with its line
 * number) and yields the page still serialized: extract copies it into the package unparsed
 * when nothing on the resource needs the items (see `extract/json-lines.ts`).
 */
import { isDltError, toError } from '../../../errors/dlt-error.js'
import { JsonLines } from '../../../extract/json-lines.js'
import { type Resource, transformer } from '../../../extract/resource.js'
import type { FileItemDict } from '../file-item.js'
import { FileReadError } from '../filesystem-source-errors.js'
import { filesOf } from './reader-files.js'

/** Options of the `readJsonl` reader. */
export interface ReadJsonlOptions {
  /** Lines per page yielded, about (pages end at a line end). @default 1000, as dlt */
  readonly chunkSize?: number
  /** The transformer's name (its table unless renamed with `withName`). @default 'read_jsonl' */
  readonly name?: string
}

const READER = 'read_jsonl'
const NEWLINE = 0x0a

/**
 * A transformer reading JSON lines files (one JSON value per line, UTF-8) from the `filesystem`
 * resource.
 *
 * ```ts
 * import { filesystem, readJsonl } from 'dlt-ts/filesystem'
 *
 * await pipeline.run(filesystem({ bucketUrl: 'data/logs', fileGlob: '*.jsonl.gz' }).pipe(readJsonl()))
 * ```
 */
export function readJsonl(options: ReadJsonlOptions = {}): Resource<Record<string, unknown>> {
  const { chunkSize = 1000 } = options
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError('readJsonl: `chunkSize` must be an integer >= 1')
  }
  return transformer<FileItemDict | FileItemDict[], Record<string, unknown>>(
    async function* (input: FileItemDict | FileItemDict[]) {
      for (const file of filesOf(input, READER)) yield* readFile(file, chunkSize)
    } as never,
    { name: options.name ?? READER, concurrency: 2 },
  )
}

async function* readFile(file: FileItemDict, chunkSize: number): AsyncGenerator<JsonLines> {
  const url = file.file_url
  let line = 1
  const checked = (bytes: Buffer): JsonLines => {
    const page = new JsonLines(bytes, url, line)
    try {
      page.parse()
    } catch (error) {
      // JsonLines names the file and line: `<url>, line 12: not valid JSON (…)`
      const message = toError(error).message
      const at = /, line (\d+): /.exec(message)
      throw new FileReadError(
        READER,
        url,
        message.slice(at ? at.index + at[0].length : 0),
        { line: at ? Number(at[1]) : undefined },
        { cause: toError(error) },
      )
    }
    line += countNewlines(bytes)
    return page
  }
  try {
    let pending: Buffer[] = []
    let pendingLines = 0
    for await (const chunk of await file.open()) {
      const data = chunk as Buffer
      pending.push(data)
      pendingLines += countNewlines(data)
      if (pendingLines < chunkSize) continue
      const joined = Buffer.concat(pending)
      const end = joined.lastIndexOf(NEWLINE) + 1
      yield checked(joined.subarray(0, end))
      pending = end < joined.length ? [joined.subarray(end)] : []
      pendingLines = 0
    }
    const rest = Buffer.concat(pending)
    // a last line without a newline gets one
    if (rest.length > 0) {
      yield checked(
        rest[rest.length - 1] === NEWLINE ? rest : Buffer.concat([rest, Buffer.from('\n')]),
      )
    }
  } catch (error) {
    if (isDltError(error)) throw error
    throw new FileReadError(
      READER,
      url,
      toError(error).message,
      { line },
      { cause: toError(error) },
    )
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) count++
  return count
}
