/**
 * A distributed-run worker process for the tests: `worker.ts <sharedDir> <prefix> [lockMs] [module]`
 * serves the tasks of `shop-source.ts` (or of `module`, a file of this folder) until SIGTERM, with short locks (2.5 s by default) so a
 * killed worker's task is given to another within a few seconds. Prints `ready` once it listens.
 */
import { startWorker } from '../../../../src/distributed/index.js'

const [sharedDir, prefix, lockMs = '2500', module = 'shop-source.ts'] = process.argv.slice(2)
const worker = await startWorker({
  module: new URL(`./${module}`, import.meta.url).pathname,
  sharedDir: sharedDir!,
  prefix: prefix!,
  lockDurationMs: Number(lockMs),
  stalledIntervalMs: 500,
})
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0))
})
process.stdout.write('ready\n')
