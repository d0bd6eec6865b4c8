/**
 * @module `dlt-ts pipeline <name> show`: starts the pipeline browser on 127.0.0.1, prints its
 * address and serves until interrupted (Ctrl+C).
 */
import { type Command, InvalidArgumentError } from 'commander'
import type { Pipeline } from '../../index.js'
import type { CliIo } from '../cli-io.js'
import { startShowServer } from './show-server.js'

/** Adds the options and action of `show` to its command. */
export function registerShowCommand(
  command: Command,
  open: (command: Command) => Pipeline,
  io: CliIo,
): void {
  command
    .option('--port <port>', 'the port to listen on, 0 for a free one', parsePort, 0)
    .action(async (_name: string, options: { port: number }, cmd: Command) => {
      const pipeline = open(cmd)
      const server = await startShowServer(pipeline, { port: options.port })
      io.out(
        `Pipeline ${pipeline.pipelineName}: ${server.url} (port ${server.port}; Ctrl+C to stop)`,
      )
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          void server.close().then(resolve)
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
    })
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError(`the port must be a number from 0 to 65535, got ${value}`)
  }
  return port
}
