/**
 * @module The errors of a distributed run: a task that failed for good, a pipeline that ran
 * elsewhere while the run's tasks were extracting, a worker that cannot find the run's source, two
 * tasks that typed one column differently, a worker of another version, a task's package missing
 * from the shared bucket, and a Redis that does not answer.
 */
import { TerminalError, TransientError } from '../errors/dlt-error.js'

/** A task failed terminally (or ran out of attempts): the run loads nothing. */
export class DistributedTaskError extends TerminalError {
  override name = 'DistributedTaskError'
  /** The run whose task failed. */
  readonly runId: string
  /** The resources of each failed task, with the error the worker reported. */
  readonly failures: readonly { readonly resources: readonly string[]; readonly reason: string }[]

  constructor(
    runId: string,
    failures: readonly { readonly resources: readonly string[]; readonly reason: string }[],
  ) {
    const listed = failures
      .map((failure) => `resource ${failure.resources.join(', ')}: ${failure.reason}`)
      .join('; ')
    super(
      `Distributed run ${runId} failed, nothing of it was loaded: ${listed}. Fix the cause and submit the run again (incremental cursors did not move).`,
    )
    this.runId = runId
    this.failures = failures
  }
}

/** The pipeline ran in another process while the run's tasks were extracting from its state. */
export class DistributedRunConflictError extends TerminalError {
  override name = 'DistributedRunConflictError'

  constructor(runId: string, pipelineName: string) {
    super(
      `Distributed run ${runId}: pipeline "${pipelineName}" ran elsewhere while the run's tasks were extracting from its earlier state, so their packages cannot be committed. Nothing of the run was loaded; submit it again when no other run of the pipeline is going on.`,
    )
  }
}

/** Two tasks wrote one column of one table with different data types. */
export class DistributedSchemaConflictError extends TerminalError {
  override name = 'DistributedSchemaConflictError'

  constructor(table: string, column: string, types: readonly [string, string]) {
    super(
      `Two tasks of a distributed run typed column "${column}" of table "${table}" differently (${types[0]} and ${types[1]}); nothing was loaded. Declare the column's type in the resource's \`columns\` hint so that every task agrees.`,
    )
  }
}

/** A task's package does not have the run's load id: its worker runs another version of dlt-ts. */
export class DistributedLoadIdError extends TerminalError {
  override name = 'DistributedLoadIdError'

  constructor(runId: string, taskKey: string, found: string, expected: string) {
    super(
      `Task ${taskKey} of distributed run ${runId} made a package with load id ${found} instead of the run's ${expected}: its worker runs another version of dlt-ts. Nothing was loaded; run workers of the submitter's version and submit the run again.`,
    )
  }
}

/** A task reported a package the shared bucket holds no commit marker for. */
export class UncommittedPackageError extends TerminalError {
  override name = 'UncommittedPackageError'

  constructor(runId: string, taskKey: string) {
    super(
      `Task ${taskKey} of distributed run ${runId} reported a package, but the shared bucket holds no commit marker for it (packages/${taskKey}/committed.json): was the run's prefix changed or cleaned meanwhile? Nothing was loaded; submit the run again.`,
    )
  }
}

/** A worker's module does not export the source a task names. */
export class WorkerSourceNotFoundError extends TerminalError {
  override name = 'WorkerSourceNotFoundError'

  constructor(modulePath: string, sourceName: string, found: readonly string[]) {
    super(
      `The worker's module ${modulePath} exports no source named "${sourceName}" (it exports ${found.length ? found.map((name) => `"${name}"`).join(', ') : 'no source'}); export it, e.g. \`export const ${sourceName} = dlt.source(…, { name: '${sourceName}' })\`, and start the worker with the module the run was submitted from.`,
    )
  }
}

/** Redis did not answer. */
export class RedisUnreachableError extends TransientError {
  override name = 'RedisUnreachableError'

  constructor(where: string, cause: Error) {
    super(
      `Redis at ${where} did not answer (${cause.message}); start it (\`redis-server --daemonize yes\`) or give its URL with --redis / the \`redis\` option (REDIS_URL).`,
      { cause },
    )
  }
}
