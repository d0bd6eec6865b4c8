/**
 * @module `dlt-ts/distributed`: one pipeline's extract and normalize on many worker processes and
 * machines, coordinated through BullMQ on Redis, loaded by a single loader (docs/scale-out.md).
 */
export {
  DistributedLoadIdError,
  DistributedRunConflictError,
  DistributedSchemaConflictError,
  DistributedTaskError,
  RedisUnreachableError,
  UncommittedPackageError,
  WorkerSourceNotFoundError,
} from './distributed-errors.js'
export type { DistributedRunOptions, TaskReport } from './distributed-run.js'
export { distributedRun } from './distributed-run.js'
export { partitioned } from './partitioned.js'
export { maskRedisUrl } from './redis-connection.js'
export type { TaskJobResult } from './run-manifest.js'
export type { DistributedWorker, WorkerOptions } from './start-worker.js'
export { startWorker } from './start-worker.js'
export type { TaskPartition, TaskSpec } from './task-plan.js'
export { planTasks } from './task-plan.js'
