/**
 * @module A lock file in the working directory, so two processes never run one pipeline at once
 * (they would race on packages and state). A lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { PipelineLockedError } from './pipeline-errors.js'

/** Takes the lock of the working directory `dir`; returns the function that releases it. */
export function acquireRunLock(dir: string, pipelineName: string): () => void {
  const path = join(dir, '.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(path, 'utf8'))
      if (holder === process.pid || isAlive(holder)) {
        throw new PipelineLockedError(pipelineName, holder, path)
      }
      rmSync(path, { force: true })
    }
  }
  throw new PipelineLockedError(pipelineName, -1, path)
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
