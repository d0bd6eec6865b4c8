/**
 * @module `dlt-ts pipeline`: list pipelines, and inspect or operate one by name —
 * `info | trace | load-package [loadId] | failed-jobs | drop <resource…> |
 * drop-pending-packages | sync | schema | show` (dlt's `dlt pipeline` operations).
 */
import type { Command } from 'commander'
import type { CliIo } from '../cli-io.js'
import { registerShowCommand } from '../show/show-command.js'
import { registerChangeOperations } from './change-operations.js'
import { registerInspectOperations } from './inspect-operations.js'
import { listPipelines, resolvePipelinesDir } from './open-pipeline.js'
import { operationDeclarer, type PipelineGroupOptions } from './pipeline-operation.js'

/** Adds `pipeline` and its operations to `program`. */
export function registerPipelineCommand(program: Command, io: CliIo): void {
  const group = program
    .command('pipeline')
    .description('List pipelines, or inspect and operate the pipeline <name>.')
    .usage('--list | <name> <operation> [options]')
    .option('-l, --list', 'list the pipelines in the pipelines folder, most recently run first')
    .option(
      '--pipelines-dir <dir>',
      'the pipelines folder (default: ~/.dlt/pipelines, or $DLT_DATA_DIR/pipelines)',
    )
    .addHelpText(
      'after',
      '\nType the name first, as in dlt: dlt-ts pipeline <name> info (`pipeline info <name>` works too;\n' +
        '`pipeline <name>` alone is info). Help on one: dlt-ts pipeline <name> <operation> --help',
    )
    .allowExcessArguments()
    .action((options: PipelineGroupOptions, command: Command) => {
      if (command.args.length) {
        command.error(`error: unknown pipeline operation '${command.args[0]}'`, {
          exitCode: 2,
          code: 'commander.unknownCommand',
        })
      }
      if (!options.list) command.help({ error: true })
      const dir = resolvePipelinesDir(options.pipelinesDir)
      const pipelines = listPipelines(dir)
      io.out(
        pipelines.length
          ? `${pipelines.length} pipeline(s) found in ${dir}`
          : `No pipelines found in ${dir}`,
      )
      for (const { name, lastRunAt } of pipelines) {
        io.out(`${name} (last run: ${lastRunAt.toISOString()})`)
      }
    })

  const operation = operationDeclarer(group)
  registerInspectOperations(operation, io)
  registerChangeOperations(operation, io)
  const show = operation('show', 'browse the pipeline in a local web page')
  registerShowCommand(show.command, (cmd) => show.open(cmd), io)
}
