/**
 * @module What the submitter tells every worker about a run (`<sharedDir>/<runId>/run.json`), and
 * what a task job carries and returns through the queue.
 */
import type { DestinationCapabilities } from '../destinations/capabilities.js'
import type { TaskPartition } from './task-plan.js'

/** The run, written once by the submitter before any task is queued. */
export interface RunManifest {
  readonly runId: string
  readonly pipelineName: string
  readonly datasetName: string
  readonly sourceName: string
  readonly destinationName: string
  readonly capabilities: DestinationCapabilities
}

/** The data of one task job. */
export interface TaskJobData {
  readonly runId: string
  /** The run's load id: every task's package has it, so the loader commits the run as one. */
  readonly loadId: string
  readonly sourceName: string
  readonly key: string
  readonly resources: readonly string[]
  /** The partition of the task's root resource to extract; none: the resources run whole. */
  readonly partition?: TaskPartition
}

/** What a task job returns. */
export interface TaskJobResult {
  readonly key: string
  /** The run's load id when the task published a package in `<runId>/packages/<key>/`; none when nothing was new. */
  readonly loadId?: string
  /** Items extracted per table. */
  readonly itemCounts: Readonly<Record<string, number>>
  /** When the worker started and finished the task (ms since the epoch). */
  readonly startedAt: number
  readonly finishedAt: number
  /** `<pid>@<hostname>` of the worker that made the package. */
  readonly worker: string
}
