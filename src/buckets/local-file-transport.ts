/**
 * @module `LocalFileTransport`: a bucket that is a folder on the local disk (`bucketUrl` a path or
 * a `file://` URL). Writes go to a temp file next to the target and are renamed over it, so a
 * crash never leaves half a file under a name the dataset reads. A key that would resolve
 * outside the bucket folder (`../x`) is refused, whichever code built it. The filesystem source
 * lists and reads it through the same class (`ReadableFileTransport`).
 */
import { randomBytes } from 'node:crypto'
import { createReadStream, type Dirent } from 'node:fs'
import {
  copyFile,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { resolveInside } from '../util/path-segment.js'
import { BucketNotFoundError } from './bucket-errors.js'
import type { FileEntry, ReadableFileTransport } from './file-transport.js'

/** The suffix of temp files; they never match a loader file extension the dataset reads. */
const TEMP_SUFFIX = '.tmp'
/**
 * The temp files `#replace` writes (`<name>.<8 hex>.tmp`): listings skip them, but not a user's
 * own `notes.tmp`, which the filesystem source must still see.
 */
const TEMP_FILE = /\.[0-9a-f]{8}\.tmp$/

/** A bucket in a local folder. */
export class LocalFileTransport implements ReadableFileTransport {
  /** The bucket folder (absolute). */
  readonly root: string

  constructor(root: string) {
    this.root = root
  }

  get location(): string {
    return this.root
  }

  async writeFile(key: string, data: string | Uint8Array): Promise<void> {
    await this.#replace(key, (tmp) => writeFile(tmp, data))
  }

  async putFile(localPath: string, key: string): Promise<void> {
    await this.#replace(key, (tmp) => copyFile(localPath, tmp))
  }

  async readText(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.#path(key), 'utf8')
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  async listFiles(folderKey: string): Promise<string[]> {
    return (await this.#walk(folderKey)).map((found) => found.key)
  }

  async listEntries(folderKey: string): Promise<FileEntry[]> {
    const entries: FileEntry[] = []
    for (const { key, path } of await this.#walk(folderKey)) {
      try {
        const info = await stat(path)
        entries.push({ key, size: info.size, modified: info.mtime })
      } catch (error) {
        // deleted between the listing and the stat: it is not there any more
        if (!isNotFound(error)) throw error
      }
    }
    return entries
  }

  async openRead(key: string): Promise<Readable> {
    const stream = createReadStream(this.#path(key), { highWaterMark: 1 << 20 })
    // surface a missing file here rather than at the first read
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve())
      stream.once('error', reject)
    })
    return stream
  }

  async readRange(key: string, start: number, end: number): Promise<Uint8Array> {
    const handle = await open(this.#path(key), 'r')
    try {
      const buffer = Buffer.allocUnsafe(Math.max(0, end - start))
      let filled = 0
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(
          buffer,
          filled,
          buffer.length - filled,
          start + filled,
        )
        if (bytesRead === 0) break
        filled += bytesRead
      }
      return buffer.subarray(0, filled)
    } finally {
      await handle.close()
    }
  }

  async assertBucket(): Promise<void> {
    try {
      if ((await stat(this.root)).isDirectory()) return
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
    throw new BucketNotFoundError(this.root)
  }

  fileUrl(key: string): string {
    return pathToFileURL(this.#path(key)).href
  }

  /** Files below `folderKey` with their keys and local paths; temp files are skipped. */
  async #walk(folderKey: string): Promise<{ key: string; path: string }[]> {
    const folder = this.#path(folderKey)
    const keys: { key: string; path: string }[] = []
    const walk = async (dir: string): Promise<void> => {
      let entries: Dirent[]
      try {
        entries = await readdir(dir, { withFileTypes: true })
      } catch (error) {
        if (isNotFound(error)) return
        throw error
      }
      for (const entry of entries) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) await walk(path)
        else if (!TEMP_FILE.test(entry.name)) {
          keys.push({ key: relative(this.root, path).split(sep).join('/'), path })
        }
      }
    }
    await walk(folder)
    return keys
  }

  async deleteFile(key: string): Promise<void> {
    await rm(this.#path(key), { force: true })
  }

  async makeFolder(folderKey: string): Promise<void> {
    await mkdir(this.#path(folderKey), { recursive: true })
  }

  readUrl(key: string): string {
    return this.#path(key)
  }

  /** The local path of `key`; throws a RangeError if it would leave the bucket folder. */
  #path(key: string): string {
    return resolveInside(this.root, ...key.split('/'))
  }

  /** Writes through a temp file in the target's folder, then renames it over the target. */
  async #replace(key: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const path = this.#path(key)
    await mkdir(dirname(path), { recursive: true })
    const tmp = `${path}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`
    try {
      await write(tmp)
      await rename(tmp, path)
    } catch (error) {
      await rm(tmp, { force: true })
      throw error
    }
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT'
}
