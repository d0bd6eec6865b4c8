/**
 * @module `FileTransport`: the few file operations the filesystem destination needs, so that a
 * bucket on an object store (S3, GCS, Azure, R2, MinIO) is one more implementation of this
 * interface rather than a rewrite of the destination (see docs/filesystem-and-custom-destinations.md).
 *
 * Files are addressed by *keys*: `/`-separated paths relative to the bucket root
 * (`github_data/issues/1732461234.512345.a1b2c3.parquet`), as object stores name them. `joinKey`
 * refuses `.` and `..` segments, `\` and control characters, so a key stays below the bucket.
 *
 * `ReadableFileTransport` adds what the filesystem *source* needs on top: listing with sizes and
 * modification times, streaming a file and reading a byte range (Parquet footers).
 */
import type { Readable } from 'node:stream'
import { pathSegmentProblem } from '../util/path-segment.js'

/** File operations on one bucket. */
export interface FileTransport {
  /** The bucket, for messages: a local folder or a URL without credentials. */
  readonly location: string
  /**
   * Writes `data` to `key`, replacing any file there. Readers see the old file or the new one,
   * never half a file (object stores do this by nature; local folders by writing a temp file and
   * renaming it).
   */
  writeFile(key: string, data: string | Uint8Array): Promise<void>
  /** Uploads the local file `localPath` to `key`, as atomically as `writeFile`. */
  putFile(localPath: string, key: string): Promise<void>
  /** The text of the file at `key`, or `undefined` when there is none. */
  readText(key: string): Promise<string | undefined>
  /**
   * Keys of every file below the folder `folderKey` (`''` for the bucket root), recursively, in
   * no particular order; `[]` when the folder does not exist.
   */
  listFiles(folderKey: string): Promise<string[]>
  /** Deletes the file at `key`; a missing file is not an error. */
  deleteFile(key: string): Promise<void>
  /** Creates the folder `folderKey` and its parents (a no-op on object stores). */
  makeFolder(folderKey: string): Promise<void>
  /**
   * Where DuckDB reads `key` from when `pipeline.dataset()` queries the files: an absolute local
   * path, or a URL DuckDB's `httpfs` extension reads (`s3://bucket/key`).
   */
  readUrl(key: string): string
}

/** One file of a listing. */
export interface FileEntry {
  /** The file's key, relative to the bucket root. */
  readonly key: string
  /** Size in bytes. */
  readonly size: number
  /** When the file was last written. */
  readonly modified: Date
}

/** A bucket that can also be listed with details and read: what the filesystem source uses. */
export interface ReadableFileTransport extends FileTransport {
  /** Files below `folderKey` (`''`: the whole bucket), recursively, with size and time. */
  listEntries(folderKey: string): Promise<FileEntry[]>
  /** The file's bytes as a stream. */
  openRead(key: string): Promise<Readable>
  /** Bytes `start` (inclusive) to `end` (exclusive) of the file. */
  readRange(key: string, start: number, end: number): Promise<Uint8Array>
  /** The file's URL as dlt writes it in `file_url`: `file:///abs/path` or `s3://bucket/key`. */
  fileUrl(key: string): string
  /** Throws `BucketNotFoundError` (or an access error) unless the bucket can be read. */
  assertBucket(): Promise<void>
}

/**
 * Joins key segments with `/`, dropping empty ones and duplicate separators. Every segment must
 * be a safe path segment, so a key never climbs out of its folder on any transport.
 * @throws RangeError naming the key and the segment: `.` or `..`, `\`, a control character.
 */
export function joinKey(...parts: readonly string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '')
  for (const segment of segments) {
    const problem = pathSegmentProblem(segment)
    if (problem) {
      throw new RangeError(
        `Key "${segments.join('/')}": ${JSON.stringify(segment)} is not a safe key segment (${problem})`,
      )
    }
  }
  return segments.join('/')
}

/** The folder part of a key (`a/b/c.jsonl` → `a/b`; `c.jsonl` → `''`). */
export function keyFolder(key: string): string {
  const slash = key.lastIndexOf('/')
  return slash < 0 ? '' : key.slice(0, slash)
}

/** The file name of a key (`a/b/c.jsonl` → `c.jsonl`). */
export function keyBaseName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1)
}
