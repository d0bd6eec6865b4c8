/**
 * @module Where a distributed run keeps its files in the shared directory every worker sees (with
 * a shared bucket, in each process's private folder: `bucket-shared-location.ts`):
 *
 * ```
 * <sharedDir>/<runId>/run.json                 the run: pipeline, dataset, destination capabilities
 * <sharedDir>/<runId>/base/                    the pipeline's state and schemas the tasks start from
 * <sharedDir>/<runId>/attempts/<task>.<rand>/  one attempt's private working directory
 * <sharedDir>/<runId>/packages/<task>/         a task's finished, normalized package
 * ```
 * A task's package appears in `packages/` by one rename of a complete package, so a worker killed
 * mid-task leaves only its attempt folder, which the loader never reads.
 */
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { assertPathSegment } from '../util/path-segment.js'

/** The paths of one run. */
export interface RunLayout {
  readonly runDir: string
  readonly runFile: string
  readonly baseDir: string
  readonly packagesDir: string
  /** A new, unique folder for one attempt at `taskKey`. */
  attemptDir(taskKey: string): string
  /** The finished package of `taskKey`. */
  packageDir(taskKey: string): string
}

export function runLayout(sharedDir: string, runId: string): RunLayout {
  assertPathSegment(runId, 'The run id', 'folder name')
  const runDir = join(sharedDir, runId)
  return {
    runDir,
    runFile: join(runDir, 'run.json'),
    baseDir: join(runDir, 'base'),
    packagesDir: join(runDir, 'packages'),
    attemptDir: (taskKey) => {
      assertPathSegment(taskKey, 'The task key', 'folder name')
      return join(runDir, 'attempts', `${taskKey}.${randomUUID().slice(0, 8)}`)
    },
    packageDir: (taskKey) => {
      assertPathSegment(taskKey, 'The task key', 'folder name')
      return join(runDir, 'packages', taskKey)
    },
  }
}

/**
 * Removes a run's folder. A task still running elsewhere may be writing into it (a failed run
 * does not wait for its other tasks), so removal is retried, and a failure is left alone: a
 * run's folder is never read once the run is over, and the late task removes it when it ends.
 */
export function removeRunDir(runDir: string): void {
  try {
    rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
  } catch {
    // left for the late task (see runTask) or a later clean-up; nothing reads it
  }
}
