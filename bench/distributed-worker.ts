/**
 * A worker process of `bench/distributed.ts`: `distributed-worker.ts <sharedDir> <prefix>` serves
 * the tasks of `distributed-source.ts` until killed; prints `ready` once it listens.
 */
import { startWorker } from '../src/distributed/index.js'

const [sharedDir, prefix] = process.argv.slice(2)
await startWorker({
  module: new URL('./distributed-source.ts', import.meta.url).pathname,
  sharedDir: sharedDir!,
  prefix: prefix!,
})
process.stdout.write('ready\n')
