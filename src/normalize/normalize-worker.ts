/**
 * @module The entry of a normalize worker thread (`normalize-worker-pool.ts` starts it): each
 * request is a piece of the package, normalized by `normalize-request.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { normalizeRequests } from './normalize-request.js'
import type { NormalizeWorkerData, NormalizeWorkerRequest } from './normalize-worker-pool.js'

const run = normalizeRequests(workerData as NormalizeWorkerData)

parentPort?.on('message', (request: NormalizeWorkerRequest) => {
  parentPort?.postMessage(run(request))
})
