/**
 * @module Test helper: a local folder of files for the filesystem source, written from a map of
 * relative paths to contents (folders created as needed).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Writes `files` (relative path → content) under `root`; returns `root`. */
export function writeBucket(root: string, files: Record<string, string | Uint8Array>): string {
  mkdirSync(root, { recursive: true })
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}
