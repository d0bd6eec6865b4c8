/**
 * @module The `dlt-ts` command tree (commander): the root with `--version`, and the command
 * groups `pipeline`, `schema` and `init`, each in its own file. Errors on the command line print
 * one line and the command's usage; `main()` turns them into exit code 2.
 */
import { Command } from 'commander'
import type { CliIo } from './cli-io.js'
import { showUsageAfterErrors } from './command-usage.js'
import { registerInitCommand } from './init/init-command.js'
import { packageVersion } from './package-version.js'
import { registerPipelineCommand } from './pipeline/pipeline-command.js'
import { registerSchemaCommand } from './schema/schema-command.js'
import { registerWorkerCommand } from './worker/worker-command.js'

/** Builds the command tree writing to `io`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('dlt-ts')
    .description('Inspect and operate dlt-ts pipelines, scaffold projects, convert schemas.')
    .version(packageVersion(), '-V, --version', 'print the dlt-ts version')
    .helpOption('-h, --help', 'show help for a command')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 the command failed (the message says why), 2 wrong command line.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
    })
  registerPipelineCommand(program, io)
  registerSchemaCommand(program, io)
  registerInitCommand(program, io)
  registerWorkerCommand(program, io)
  showUsageAfterErrors(program)
  return program
}
