/**
 * @module The progress of one custom-destination job, kept in a small JSON file in the load
 * package (dlt keeps the same count in the package state): how many rows of the loader file the
 * function already accepted. A retried job skips them, so no batch is sent twice after it
 * succeeded, and the package going away takes the file with it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** What a progress file records. */
export interface JobProgress {
  /** Rows of the loader file the function accepted. */
  readonly rows: number
  /** True once the whole file was handed over (a `batchSize: 0` job). */
  readonly done?: boolean
}

/** The progress at `path`; none yet (or no `path`) is zero rows. */
export async function readJobProgress(path: string | undefined): Promise<JobProgress> {
  if (path === undefined) return { rows: 0 }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { rows: 0 }
    throw error
  }
  const progress = JSON.parse(text) as Partial<JobProgress>
  return {
    rows: typeof progress.rows === 'number' ? progress.rows : 0,
    ...(progress.done === true ? { done: true } : {}),
  }
}

/** Records `progress` at `path` atomically (temp file + rename); no `path` records nothing. */
export async function writeJobProgress(
  path: string | undefined,
  progress: JobProgress,
): Promise<void> {
  if (path === undefined) return
  await mkdir(dirname(path), { recursive: true })
  const tmp = `${path}.tmp`
  await writeFile(tmp, JSON.stringify(progress))
  await rename(tmp, path)
}
