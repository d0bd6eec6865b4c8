/**
 * @module Where the files of distributed runs are shared between the submitter and the workers:
 * a folder every machine mounts (`local-shared-location.ts`) or an S3-compatible bucket
 * (`bucket-shared-location.ts`), chosen by `sharedDir`. Either way a task's package becomes
 * visible to the loader complete or not at all — in a folder by one rename, in a bucket by a
 * commit marker written after the package's files.
 */
import type { AwsCredentialsInput } from '../buckets/aws-credentials.js'
import { isS3Url } from '../buckets/s3-file-transport.js'
import { BucketSharedLocation } from './bucket-shared-location.js'
import { LocalSharedLocation } from './local-shared-location.js'
import type { RunLayout } from './run-layout.js'
import type { RunManifest, TaskJobResult } from './run-manifest.js'

/** The shared location of runs, as one process sees it. */
export interface SharedLocation {
  /** The folder the runs' files are laid out in for this process (`run-layout.ts`). */
  readonly localDir: string
  /** Submitter: makes the run's manifest and base, written in `layout`, visible to the workers. */
  shareRun(layout: RunLayout): Promise<void>
  /** Worker: the run's manifest; `undefined` once the run is over (its files removed). */
  readRun(runId: string): Promise<RunManifest | undefined>
  /** Worker: copies the run's base (state and schemas) into the folder `dir`. */
  copyBase(runId: string, dir: string): Promise<void>
  /** Worker: the load id of the task's package if one was published. */
  publishedLoadId(runId: string, taskKey: string): Promise<string | undefined>
  /**
   * Worker: publishes the package folder `dir` (of load id `loadId`) as the task's. Returns the
   * load id of the task's published package — an earlier publisher's if there was one, which
   * stands — or `undefined` when the run is over (nobody will load it).
   */
  publish(runId: string, taskKey: string, dir: string, loadId: string): Promise<string | undefined>
  /** Worker: removes an attempt's folder, and what a run that ended meanwhile left. */
  endAttempt(runId: string, attemptDir: string): Promise<void>
  /**
   * Loader: puts the published package of each result at `layout.packageDir(key)`; returns the
   * results with the load ids of the packages published.
   */
  fetchPackages(layout: RunLayout, results: readonly TaskJobResult[]): Promise<TaskJobResult[]>
  /** Loader: removes the run's files (a failure is left for the run's late tasks). */
  removeRun(layout: RunLayout): Promise<void>
  /** Releases connections and this process's private folder. */
  close(): Promise<void>
}

/** Options of the shared location. */
export interface SharedLocationOptions {
  /** A bucket's credentials (dlt's keys); missing values come from `[distributed.credentials]`. */
  readonly credentials?: AwsCredentialsInput | undefined
  /** Where a bucket's files are copied to locally. @default the system's temp folder */
  readonly localParent?: string
}

/** The shared location `sharedDir`: an `s3://` URL or a folder. */
export function sharedLocation(
  sharedDir: string,
  options: SharedLocationOptions = {},
): SharedLocation {
  if (typeof sharedDir !== 'string' || !sharedDir) {
    throw new TypeError(
      'The `sharedDir` option must be a folder every worker sees, or an s3://bucket/prefix URL',
    )
  }
  return isS3Url(sharedDir)
    ? new BucketSharedLocation(sharedDir, options.credentials, options.localParent)
    : new LocalSharedLocation(sharedDir)
}
