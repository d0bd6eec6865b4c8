/**
 * @module One piece of a package normalized the way a worker does it: against its own copy of the
 * parent's schema, into loader files of its own, reporting whether that copy changed (then the
 * parent discards the files and redoes the piece itself, so the result is exactly the
 * single-threaded one). Worker threads run it (`normalize-worker.ts`), and so does the parent
 * thread for its share of the pieces (`normalize-worker-pool.ts`).
 */
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

/** A function normalizing requests for the package `data` describes. */
export function normalizeRequests(
  data: NormalizeWorkerData,
): (request: NormalizeWorkerRequest) => NormalizeWorkerResult {
  const naming = createNamingConvention(data.naming.name, data.naming.maxLength)
  return (request) => {
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
    if (request.prepare) {
      const after = JSON.stringify(schema.toStored())
      return { id: request.id, accepted: false, files, reason: 'prepared', schema: after }
    }
    if (JSON.stringify(schema.toStored()) !== before) {
      return { id: request.id, accepted: false, files, reason: 'schema changed' }
    }
    const events = (normalizer.events as NormalizeEventLog).toData()
    return { id: request.id, accepted: true, files, rowCounts: writers.rowCounts(), events }
  }
}
