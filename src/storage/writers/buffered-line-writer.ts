/**
 * @module A buffered writer of text lines into a rotating series of files, the shared mechanism
 * under the extract (typed jsonl) and normalize (jsonl) writers.
 *
 * Writes are synchronous and batched: lines accumulate in memory up to `bufferMaxBytes` and are
 * flushed with one `writeSync`; a new file starts after `fileMaxItems` lines, so each loader file
 * (and each load job) stays bounded.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** Options of a `BufferedLineWriter`. */
export interface BufferedLineWriterConfig {
  /** Folder the files go into. */
  readonly directory: string
  /** Makes the name of the n-th file (0-based). */
  readonly fileName: (index: number) => string
  /** Lines per file before rotating. @default 100_000 */
  readonly fileMaxItems?: number
  /** Bytes buffered in memory before a flush. @default 1 MiB */
  readonly bufferMaxBytes?: number
}

/** Writes lines into rotating files; `close()` returns the files written. */
export class BufferedLineWriter {
  readonly #config: Required<BufferedLineWriterConfig>
  #chunks: string[] = []
  #bufferedBytes = 0
  #fd: number | undefined
  #fileIndex = 0
  #linesInFile = 0
  #totalLines = 0
  readonly #files: string[] = []

  constructor(config: BufferedLineWriterConfig) {
    this.#config = { fileMaxItems: 100_000, bufferMaxBytes: 1 << 20, ...config }
  }

  /** Number of lines written so far. */
  get lineCount(): number {
    return this.#totalLines
  }

  /** Appends one line (without its newline). */
  write(line: string): void {
    if (this.#linesInFile >= this.#config.fileMaxItems) this.#rotate()
    if (this.#fd === undefined) this.#open()
    this.#chunks.push(line, '\n')
    this.#bufferedBytes += line.length + 1
    this.#linesInFile++
    this.#totalLines++
    if (this.#bufferedBytes >= this.#config.bufferMaxBytes) this.#flush()
  }

  /**
   * Appends `lines` whole lines given as UTF-8 bytes (each ending in a newline), written as they
   * are. The block goes into one file: rotation happens only between blocks.
   */
  writeLines(bytes: Uint8Array, lines: number): void {
    if (this.#linesInFile >= this.#config.fileMaxItems) this.#rotate()
    if (this.#fd === undefined) this.#open()
    this.#flush()
    writeSync(this.#fd!, bytes)
    this.#linesInFile += lines
    this.#totalLines += lines
  }

  /** Flushes and closes the current file; returns the paths of all files written. */
  close(): string[] {
    this.#flush()
    if (this.#fd !== undefined) closeSync(this.#fd)
    this.#fd = undefined
    return [...this.#files]
  }

  #open(): void {
    const path = join(this.#config.directory, this.#config.fileName(this.#fileIndex++))
    this.#fd = openSync(path, 'w')
    this.#files.push(path)
    this.#linesInFile = 0
  }

  #rotate(): void {
    this.#flush()
    if (this.#fd !== undefined) closeSync(this.#fd)
    this.#fd = undefined
  }

  #flush(): void {
    if (this.#fd === undefined || this.#chunks.length === 0) return
    writeSync(this.#fd, this.#chunks.join(''))
    this.#chunks = []
    this.#bufferedBytes = 0
  }
}
