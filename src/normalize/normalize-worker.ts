/**
 * @module The entry of a normalize worker thread (`normalize-worker-pool.ts` starts it). For each
 * task it gets the parent's schema as JSON, normalizes the task's items against its own copy into
 * loader files of its own, and reports whether that copy changed (then the parent discards the
 * files and redoes the task itself, so the result is exactly the single-threaded one).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createNamingConvention } from '../schema/naming/index.js'
import { Schema } from '../schema/schema.js'
import { ItemNormalizer } from './item-normalizer.js'
import type { NormalizeEventLog } from './normalize-events.js'
import { normalizeTask } from './normalize-package.js'
import type {
  NormalizeWorkerData,
  NormalizeWorkerRequest,
  NormalizeWorkerResult,
} from './normalize-worker-pool.js'
import { RowFileWriters } from './row-file-writers.js'

const data = workerData as NormalizeWorkerData
const naming = createNamingConvention(data.naming.name, data.naming.maxLength)

function run(request: NormalizeWorkerRequest): NormalizeWorkerResult {
  const schema = Schema.fromStored(JSON.parse(request.schema))
  const normalizer = new ItemNormalizer(schema, {
    loadId: data.loadId,
    naming,
    ...(data.maxTableNesting === undefined ? {} : { maxTableNesting: data.maxTableNesting }),
  })
  const before = JSON.stringify(schema.toStored())
  const writers = new RowFileWriters({
    directory: request.directory,
    ...(data.rotation ? { rotation: data.rotation } : {}),
  })
  try {
    normalizeTask(normalizer, request.task, writers.emit)
  } catch (error) {
    // The parent redoes the task and raises the error itself, with its own types.
    return { id: request.id, accepted: false, files: writers.close(), reason: String(error) }
  }
  const files = writers.close()
  if (JSON.stringify(schema.toStored()) !== before) {
    return { id: request.id, accepted: false, files, reason: 'schema changed' }
  }
  const events = (normalizer.events as NormalizeEventLog).toData()
  return { id: request.id, accepted: true, files, rowCounts: writers.rowCounts(), events }
}

parentPort?.on('message', (request: NormalizeWorkerRequest) => {
  parentPort?.postMessage(run(request))
})
