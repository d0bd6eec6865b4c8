/**
 * @module File items: what the `filesystem` resource yields, one per file, with dlt's fields
 * (`file_url`, `file_name`, `relative_path`, `mime_type`, `encoding`, `modification_date`,
 * `size_in_bytes`, and `file_content` when asked for) — plain data, so they load as rows — plus
 * methods to read the file (dlt's `FileItemDict`). The methods are not enumerable: they never
 * reach a table, and a copy (`{ ...item }`) is plain data.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import type { FileEntry, ReadableFileTransport } from '../../buckets/file-transport.js'
import { keyBaseName } from '../../buckets/file-transport.js'
import { guessMimeType } from './mime-type.js'

/** A file in a bucket, as dlt's `FileItem`. */
export interface FileItem {
  /** `file:///abs/path/orders.csv` or `s3://bucket/path/orders.csv`. */
  readonly file_url: string
  /** `orders.csv`. */
  readonly file_name: string
  /** The path below `bucketUrl`, with `/`: `2024/01/orders.csv`. */
  readonly relative_path: string
  /** From the name: `text/csv`, `application/parquet`, `application/jsonl`. */
  readonly mime_type: string
  /** The compression of the name (`orders.csv.gz`: `gzip`), when there is one. */
  readonly encoding?: string
  /** When the file was last written (UTC). */
  readonly modification_date: Date
  readonly size_in_bytes: number
  /** The file's bytes, when the resource was created with `extractContent: true`. */
  readonly file_content?: Uint8Array
}

/** How `open()` treats gzip. */
export type Compression = 'auto' | 'enable' | 'disable'

/** A file item with methods to read the file (dlt's `FileItemDict`). */
export interface FileItemDict extends FileItem {
  /**
   * The file's bytes as a stream. `compression: 'auto'` (the default) decompresses gzip when the
   * name says so (`encoding: 'gzip'`) or the content starts with gzip's magic bytes; `'enable'`
   * always, `'disable'` never.
   */
  open(options?: { readonly compression?: Compression }): Promise<Readable>
  /** The file's bytes as stored (never decompressed), as dlt's `read_bytes`. */
  readBytes(): Promise<Uint8Array>
  /** Bytes `start` to `end` (exclusive) as stored: random access for Parquet. */
  readRange(start: number, end: number): Promise<Uint8Array>
}

const GZIP_MAGIC = [0x1f, 0x8b] as const

/** The file item of a listed file; `relativePath` is its path below the bucket URL. */
export function createFileItem(
  transport: ReadableFileTransport,
  entry: FileEntry,
  relativePath: string,
): FileItemDict {
  const { mimeType, encoding } = guessMimeType(relativePath)
  const item: Record<string, unknown> = {
    file_url: transport.fileUrl(entry.key),
    file_name: keyBaseName(entry.key),
    relative_path: relativePath,
    mime_type: mimeType,
    ...(encoding === undefined ? {} : { encoding }),
    modification_date: entry.modified,
    size_in_bytes: entry.size,
  }
  const content = () => item['file_content'] as Uint8Array | undefined
  const raw = async (): Promise<Readable> => {
    const bytes = content()
    return bytes ? Readable.from([Buffer.from(bytes)]) : transport.openRead(entry.key)
  }
  const methods: Pick<FileItemDict, 'open' | 'readBytes' | 'readRange'> = {
    async open(options = {}) {
      const compression = options.compression ?? 'auto'
      if (!['auto', 'enable', 'disable'].includes(compression)) {
        throw new TypeError(
          `open(): \`compression\` must be "auto", "enable" or "disable", got "${compression}"`,
        )
      }
      const stream = await raw()
      if (compression === 'disable') return stream
      if (compression === 'enable' || encoding === 'gzip') return gunzip(stream)
      return gunzipIfMagic(stream)
    },
    async readBytes() {
      const bytes = content()
      if (bytes) return bytes
      const chunks: Buffer[] = []
      for await (const chunk of await transport.openRead(entry.key)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    },
    async readRange(start, end) {
      const bytes = content()
      if (bytes) return bytes.subarray(start, end)
      return transport.readRange(entry.key, start, end)
    },
  }
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(item, name, { value: fn, enumerable: false })
  }
  return item as unknown as FileItemDict
}

/** `stream` decompressed; errors of either side surface on the returned stream. */
function gunzip(stream: Readable): Readable {
  const unzip = createGunzip()
  pipeline(stream, unzip).catch((error: unknown) => unzip.destroy(error as Error))
  return unzip
}

/** `stream`, decompressed when its first bytes are gzip's magic number. */
async function gunzipIfMagic(stream: Readable): Promise<Readable> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const head: Buffer[] = []
  let length = 0
  let done = false
  while (length < GZIP_MAGIC.length) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    head.push(next.value)
    length += next.value.length
  }
  const start = Buffer.concat(head)
  async function* all(): AsyncGenerator<Buffer> {
    if (start.length > 0) yield start
    while (!done) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  const whole = Readable.from(all(), { objectMode: false })
  return start[0] === GZIP_MAGIC[0] && start[1] === GZIP_MAGIC[1] ? gunzip(whole) : whole
}
