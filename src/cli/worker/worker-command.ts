/**
 * @module `dlt-ts worker <module> --shared-dir <dir> [--redis <url>]`: a distributed-run worker
 * (dlt-ts/distributed) that takes tasks until stopped with Ctrl-C or SIGTERM, finishing the tasks
 * in hand. A TypeScript module is loaded through tsx when Node cannot load it itself.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Command } from 'commander'
import { maskRedisUrl, startWorker } from '../../distributed/index.js'
import type { CliIo } from '../cli-io.js'

interface WorkerCommandOptions {
  readonly sharedDir: string
  readonly redis?: string
  readonly queue: string
  readonly prefix: string
  readonly concurrency: string
}

/** Adds `worker` to `program`. */
export function registerWorkerCommand(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description(
      "Take tasks of distributed runs (dlt-ts/distributed) from the queue: extract and normalize the module's sources into packages in the shared directory.",
    )
    .argument('<module>', 'the module exporting the sources (.js, or .ts through tsx)')
    .requiredOption('--shared-dir <dir>', 'the folder the submitter and every worker see')
    .option('--redis <url>', 'Redis URL (default: REDIS_URL, else redis://127.0.0.1:6379)')
    .option('--queue <name>', 'the task queue', 'dlt-tasks')
    .option('--prefix <prefix>', 'the Redis key prefix of the queues', 'dlt')
    .option('--concurrency <n>', 'tasks at once (start one worker per core instead)', '1')
    .action(async (module: string, options: WorkerCommandOptions) => {
      await importModule(module)
      const worker = await startWorker({
        module,
        sharedDir: resolve(options.sharedDir),
        ...(options.redis ? { redis: options.redis } : {}),
        queueName: options.queue,
        prefix: options.prefix,
        concurrency: Number(options.concurrency),
      })
      io.out(
        `worker ${process.pid}: taking tasks of queue ${options.queue} at ${maskRedisUrl(options.redis)}`,
      )
      await new Promise<void>((done) => {
        const stop = () => {
          io.out(`worker ${process.pid}: finishing the tasks in hand`)
          void worker.close().then(done)
        }
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
    })
}

/** Imports `module` once, registering tsx first when Node cannot load the file type itself. */
async function importModule(module: string): Promise<void> {
  const url = pathToFileURL(resolve(module)).href
  try {
    await import(url)
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
    // a specifier the bundler leaves alone: tsx is the user's, not bundled into the CLI
    const specifier = 'tsx/esm/api'
    const tsx = (await import(specifier).catch(() => undefined)) as
      | { register: () => unknown }
      | undefined
    if (!tsx) {
      throw new Error(
        `Node cannot load ${module} by itself: install tsx (\`npm install -D tsx\`) or build the module to JavaScript`,
      )
    }
    tsx.register()
    await import(url)
  }
}
