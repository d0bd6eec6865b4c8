/**
 * @module A buffered writer of text lines into a rotating series of files, the shared mechanism
 * under the extract (typed jsonl) and normalize (jsonl) writers.
 *
 * Writes are synchronous and batched: each line is encoded (UTF-8) straight into one reusable
 * buffer of `bufferMaxBytes`, flushed with one `writeSync` when full — no string joins, no
 * per-flush allocation. A new file starts after `fileMaxItems` lines or `fileMaxBytes` bytes,
 * so each loader file (and each load job) stays bounded.
 */
import { createHash, type Hash } from 'node:crypto'
import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'

const NEWLINE = 0x0a
const INITIAL_BUFFER_BYTES = 64 * 1024

/** When a writer starts a new file (dlt's `data_writer.file_max_items` / `file_max_bytes`). */
export interface FileRotation {
  /** Lines per file before rotating. @default 100_000 */
  readonly fileMaxItems?: number
  /** Bytes per file before rotating (checked between lines). @default no limit */
  readonly fileMaxBytes?: number
}

/** The rotation limits `from` sets, without the unset ones (to spread into a writer's config). */
export function fileRotation(from: {
  readonly fileMaxItems?: number | undefined
  readonly fileMaxBytes?: number | undefined
}): FileRotation {
  const { fileMaxItems, fileMaxBytes } = from
  return {
    ...(fileMaxItems === undefined ? {} : { fileMaxItems }),
    ...(fileMaxBytes === undefined ? {} : { fileMaxBytes }),
  }
}

/** Options of a `BufferedLineWriter`. */
export interface BufferedLineWriterConfig extends FileRotation {
  /** Folder the files go into. */
  readonly directory: string
  /** Makes the name of the n-th file (0-based). */
  readonly fileName: (index: number) => string
  /** Bytes buffered in memory before a flush (longer lines are written alone). @default 1 MiB */
  readonly bufferMaxBytes?: number
  /** Keep a SHA-256 digest of every byte written, for `digest()`. @default false */
  readonly digest?: boolean
  /** A first line of every file (e.g. the columns of a `copy-text` file), not counted as a line. */
  readonly header?: string | undefined
  /**
   * Called with a file's path when the writer rotated away from it: the file is complete and
   * never written again (not for the last file, which `close()` ends).
   */
  readonly onRotated?: ((path: string) => void) | undefined
}

/** A line that writes its UTF-8 bytes into a writer's buffer itself (`writeEncoded`). */
export interface EncodableLine {
  /**
   * Writes the line (no newline) into `buffer` from `offset`; returns the end offset, or -1 if
   * the line needs more than the bytes up to `limit`.
   */
  encodeInto(buffer: Buffer, offset: number, limit: number): number
}

/** Writes lines into rotating files; `close()` returns the files written. */
export class BufferedLineWriter {
  readonly #config: Required<BufferedLineWriterConfig>
  // starts small and doubles up to `bufferMaxBytes`: a package may have hundreds of tables
  #buffer: Buffer
  readonly #maxBuffer: number
  #bufferedBytes = 0
  #fd: number | undefined
  #fileIndex = 0
  #linesInFile = 0
  // bytes of the current file, flushed or buffered
  #bytesInFile = 0
  #totalLines = 0
  readonly #files: string[] = []
  readonly #hash: Hash | undefined

  constructor(config: BufferedLineWriterConfig) {
    this.#config = {
      fileMaxItems: 100_000,
      fileMaxBytes: Number.POSITIVE_INFINITY,
      bufferMaxBytes: 1 << 20,
      digest: false,
      header: undefined,
      onRotated: undefined,
      ...config,
    }
    this.#hash = this.#config.digest ? createHash('sha256') : undefined
    this.#maxBuffer = Math.max(this.#config.bufferMaxBytes, 16)
    this.#buffer = Buffer.allocUnsafe(Math.min(INITIAL_BUFFER_BYTES, this.#maxBuffer))
  }

  /** Number of lines written so far. */
  get lineCount(): number {
    return this.#totalLines
  }

  /** Appends one line (without its newline). */
  write(line: string): void {
    if (this.#fileFull()) this.#rotateAway()
    if (this.#fd === undefined) this.#open()
    // a UTF-16 code unit takes at most 3 bytes in UTF-8
    const needed = line.length * 3 + 1
    if (needed > this.#buffer.length - this.#bufferedBytes) {
      this.#flush()
      // a table that fills its buffer gets a bigger one, up to `bufferMaxBytes`
      if (this.#buffer.length < this.#maxBuffer) {
        const size = Math.max(this.#buffer.length * 2, needed)
        this.#buffer = Buffer.allocUnsafe(Math.min(size, this.#maxBuffer))
      }
      if (needed > this.#buffer.length) {
        const bytes = Buffer.from(`${line}\n`)
        this.#emit(bytes)
        this.#countLines(1, bytes.length)
        return
      }
    }
    const start = this.#bufferedBytes
    this.#bufferedBytes += this.#buffer.write(line, start, 'utf8')
    this.#buffer[this.#bufferedBytes++] = NEWLINE
    this.#countLines(1, this.#bufferedBytes - start)
  }

  /**
   * Appends one line (without its newline) that `line` writes straight into the buffer, with no
   * string in between; the same bytes as `write` of its text. Returns the bytes written, newline
   * included.
   */
  writeEncoded(line: EncodableLine): number {
    if (this.#fileFull()) this.#rotateAway()
    if (this.#fd === undefined) this.#open()
    let start = this.#bufferedBytes
    // the last byte of the buffer is kept for the newline
    let end = line.encodeInto(this.#buffer, start, this.#buffer.length - 1)
    if (end < 0) {
      this.#flush()
      // a table that fills its buffer gets a bigger one, up to `bufferMaxBytes`
      if (this.#buffer.length < this.#maxBuffer) {
        this.#buffer = Buffer.allocUnsafe(Math.min(this.#buffer.length * 2, this.#maxBuffer))
      }
      start = 0
      end = line.encodeInto(this.#buffer, 0, this.#buffer.length - 1)
      if (end < 0) return this.#writeLongLine(line)
    }
    this.#buffer[end] = NEWLINE
    this.#bufferedBytes = end + 1
    this.#countLines(1, end + 1 - start)
    return end + 1 - start
  }

  /** A line longer than the whole buffer, encoded into a bigger one and written alone. */
  #writeLongLine(line: EncodableLine): number {
    for (let size = this.#buffer.length * 2; ; size *= 2) {
      const bytes = Buffer.allocUnsafe(size)
      const end = line.encodeInto(bytes, 0, size - 1)
      if (end >= 0) {
        bytes[end] = NEWLINE
        this.#emit(bytes.subarray(0, end + 1))
        this.#countLines(1, end + 1)
        return end + 1
      }
    }
  }

  #countLines(lines: number, bytes: number): void {
    this.#linesInFile += lines
    this.#totalLines += lines
    this.#bytesInFile += bytes
  }

  #fileFull(): boolean {
    return (
      this.#linesInFile >= this.#config.fileMaxItems ||
      this.#bytesInFile >= this.#config.fileMaxBytes
    )
  }

  /**
   * Appends `lines` whole lines given as UTF-8 bytes (each ending in a newline), written as they
   * are: one block, or parts of it in order (copied through the writer's buffer). The block goes
   * into one file: rotation happens only between blocks.
   */
  writeLines(bytes: Uint8Array | readonly Uint8Array[], lines: number): void {
    if (this.#fileFull()) this.#rotateAway()
    if (this.#fd === undefined) this.#open()
    let length = 0
    if (bytes instanceof Uint8Array) {
      this.#flush()
      this.#emit(bytes)
      length = bytes.length
    } else {
      for (const part of bytes) {
        this.#copyIn(part)
        length += part.length
      }
    }
    this.#countLines(lines, length)
  }

  /** Copies `bytes` into the buffer, flushing it when full; a part bigger than it goes alone. */
  #copyIn(bytes: Uint8Array): void {
    if (bytes.length > this.#buffer.length - this.#bufferedBytes) {
      this.#flush()
      if (bytes.length > this.#buffer.length) {
        this.#emit(bytes)
        return
      }
    }
    this.#buffer.set(bytes, this.#bufferedBytes)
    this.#bufferedBytes += bytes.length
  }

  /** The SHA-256 (base64) of every line written, in order (with `digest: true`; call after `close()`). */
  digest(): string | undefined {
    return this.#hash?.copy().digest('base64')
  }

  /** Flushes and closes the current file; returns the paths of all files written. */
  close(): string[] {
    this.#rotate()
    return [...this.#files]
  }

  #open(): void {
    const path = join(this.#config.directory, this.#config.fileName(this.#fileIndex++))
    this.#fd = openSync(path, 'w')
    this.#files.push(path)
    this.#linesInFile = 0
    this.#bytesInFile = 0
    const { header } = this.#config
    if (header !== undefined) this.#copyIn(Buffer.from(`${header}\n`))
  }

  /** Ends a full file before the next line. */
  #rotateAway(): void {
    if (this.#fd === undefined) return
    this.#rotate()
    this.#config.onRotated?.(this.#files.at(-1)!)
  }

  #rotate(): void {
    if (this.#fd === undefined) return
    this.#flush()
    closeSync(this.#fd)
    this.#fd = undefined
  }

  #flush(): void {
    if (this.#fd === undefined || this.#bufferedBytes === 0) return
    this.#emit(this.#buffer.subarray(0, this.#bufferedBytes))
    this.#bufferedBytes = 0
  }

  #emit(bytes: Uint8Array): void {
    this.#hash?.update(bytes)
    writeFully(this.#fd!, bytes)
  }
}

/** `writeSync` until every byte is written (it may write fewer than asked). */
function writeFully(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) {
    written += writeSync(fd, bytes, written, bytes.length - written)
  }
}
