/**
 * A distributed-run worker process for the tests: `worker.ts <sharedDir> <prefix>` serves the
 * tasks of `shop-source.ts` until SIGTERM, with short locks so a killed worker's task is given
 * to another within about a second. Prints `ready` once it listens.
 */
import { startWorker } from '../../../../src/distributed/index.js'

const [sharedDir, prefix] = process.argv.slice(2)
const worker = await startWorker({
  module: new URL('./shop-source.ts', import.meta.url).pathname,
  sharedDir: sharedDir!,
  prefix: prefix!,
  lockDurationMs: 1_000,
  stalledIntervalMs: 500,
})
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0))
})
process.stdout.write('ready\n')
