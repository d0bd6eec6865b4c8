/**
 * @module `dlt-ts worker <module> --shared-dir <dir|s3://…> [--redis <url>]`: a distributed-run worker
 * (dlt-ts/distributed) that takes tasks until stopped with Ctrl-C or SIGTERM, finishing the tasks
 * in hand. A TypeScript module is loaded through the project's tsx.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
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
    .requiredOption(
      '--shared-dir <dir>',
      'the folder the submitter and every worker see, or an s3://bucket/prefix (credentials from [distributed.credentials])',
    )
    .option('--redis <url>', 'Redis URL (default: REDIS_URL, else redis://127.0.0.1:6379)')
    .option('--queue <name>', 'the task queue', 'dlt-tasks')
    .option('--prefix <prefix>', 'the Redis key prefix of the queues', 'dlt')
    .option('--concurrency <n>', 'tasks at once (start one worker per core instead)', '1')
    .action(async (module: string, options: WorkerCommandOptions) => {
      await prepareImport(module)
      const worker = await startWorker({
        module,
        sharedDir: options.sharedDir,
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

/**
 * Makes a TypeScript `module` loadable: registers tsx first unless it is loaded already (`tsx
 * dlt-ts …`, `node --import tsx …`). Node 20 cannot load `.ts` by itself, and a failed import
 * cannot be retried (Node keeps the failure).
 */
async function prepareImport(module: string): Promise<void> {
  if (!/\.[mc]?ts$/.test(module)) return
  const runtime = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].join(' ')
  if (/\btsx\b/.test(runtime)) return
  const tsx = await importTsx()
  if (!tsx) {
    throw new Error(
      `Node cannot load ${module} by itself: install tsx (\`npm install -D tsx\`) or build the module to JavaScript`,
    )
  }
  tsx.register()
}

/**
 * tsx's ESM API as the user's project has it (resolved from the current directory at run time,
 * so it is never bundled into the CLI), or undefined when it is not installed.
 */
async function importTsx(): Promise<{ register: () => unknown } | undefined> {
  try {
    const manifest = createRequire(join(process.cwd(), 'package.json')).resolve('tsx/package.json')
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      exports: Record<string, { import?: { default?: string } }>
    }
    const entry = exports['./esm/api']?.import?.default
    if (!entry) return undefined
    const url = pathToFileURL(join(dirname(manifest), entry)).href
    return (await import(url)) as { register: () => unknown }
  } catch {
    return undefined
  }
}
