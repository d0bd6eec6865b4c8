/**
 * @module The run lock: a file `.lock` in the working directory, so that two processes never run
 * one pipeline at once (they would race on packages and state).
 *
 * The lock file is created with its content in one step: the content (`<pid> <token>`) is written
 * to a private temp file, which is then hard-linked to `.lock`; `link` fails if `.lock` exists, so
 * no process ever sees an empty or half-written lock. A lock whose process is dead is stale. It is
 * removed only by the holder of a short-lived guard `.lock.takeover` (created the same way), and
 * only if `.lock` still holds the content that was judged stale, so exactly one contender removes
 * it; then every contender races on the link again and exactly one wins.
 */
import { randomUUID } from 'node:crypto'
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { PipelineLockedError } from './pipeline-errors.js'

/** How long contenders keep trying to take over a stale lock before giving up. */
const TAKEOVER_TIMEOUT_MS = 10_000
/** A takeover guard older than this, left by a dead process, is removed. */
const STALE_GUARD_MS = 2_000

/** Takes the lock of the working directory `dir`; returns the function that releases it. */
export function acquireRunLock(dir: string, pipelineName: string): () => void {
  const path = join(dir, '.lock')
  const content = `${process.pid} ${randomUUID()}\n`
  const deadline = Date.now() + TAKEOVER_TIMEOUT_MS
  for (;;) {
    if (createWithContent(path, content)) return () => release(path, content)
    const holder = readHolder(path)
    if (holder === undefined) continue // released meanwhile: try again
    if (holder.pid === process.pid || isAlive(holder.pid) || isBeingWritten(path, holder)) {
      throw new PipelineLockedError(pipelineName, holder.pid, path)
    }
    if (Date.now() > deadline) throw new PipelineLockedError(pipelineName, holder.pid, path)
    removeStale(path, holder.content)
  }
}

interface Holder {
  readonly pid: number
  readonly content: string
}

/** Creates `path` holding `content` if it does not exist; false if it does. */
function createWithContent(path: string, content: string): boolean {
  const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`
  writeFileSync(tmp, content)
  try {
    linkSync(tmp, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    // A file system without hard links: an exclusive create, written right after (a reader that
    // sees it empty treats it as held, see isBeingWritten).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS')
      return createExclusive(path, content)
    throw error
  } finally {
    unlinkSync(tmp)
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    writeSync(fd, content)
  } finally {
    closeSync(fd)
  }
  return true
}

/** The holder recorded in a lock file; undefined if the file is gone. */
function readHolder(path: string): Holder | undefined {
  let content: string
  try {
    content = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  // `<pid> <token>`; locks of earlier versions hold the pid alone
  return { pid: Number.parseInt(content, 10), content }
}

/** An empty lock younger than the guard timeout is being written by its creator. */
function isBeingWritten(path: string, holder: Holder): boolean {
  return holder.content === '' && ageMs(path) < STALE_GUARD_MS
}

/**
 * Removes the lock at `path` if it still holds `staleContent`, under the takeover guard; returns
 * without doing anything if another process holds the guard.
 */
function removeStale(path: string, staleContent: string): void {
  const guard = `${path}.takeover`
  const content = `${process.pid} ${randomUUID()}\n`
  if (!createWithContent(guard, content)) {
    const holder = readHolder(guard)
    // A guard is held for microseconds; one left by a dead process is removed after a while.
    if (holder && !isAlive(holder.pid) && ageMs(guard) > STALE_GUARD_MS) unlinkQuietly(guard)
    sleep(1 + Math.random() * 4)
    return
  }
  try {
    if (readHolder(path)?.content === staleContent) unlinkSync(path)
  } finally {
    unlinkQuietly(guard)
  }
}

/** Removes the lock if it is still ours. Never throws: a lock left behind is stale once we exit. */
function release(path: string, content: string): void {
  try {
    if (readHolder(path)?.content === content) unlinkSync(path)
  } catch {
    // the next run finds the lock of a dead process and takes it over
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs
  } catch {
    return 0
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
