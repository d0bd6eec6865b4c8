/**
 * @module How every `dlt-ts` command reports a wrong command line: one line saying what was
 * wrong, then the command's usage — never a stack trace.
 */
import type { Command } from 'commander'

/**
 * Sets, on `root` and every command below it, the lines printed after a command-line error: the
 * command's usage and how to get its help.
 */
export function showUsageAfterErrors(root: Command): void {
  const visit = (command: Command) => {
    const usage = command.createHelp().commandUsage(command)
    command.showHelpAfterError(`usage: ${usage}\n(add --help for details)`)
    for (const sub of command.commands) visit(sub)
  }
  visit(root)
}

/**
 * Shows the usage of a `pipeline` operation name first, as it is typed:
 * `dlt-ts pipeline <name> info [options]`.
 */
export function pipelineOperationUsage(command: Command, rest = '[options]'): Command {
  return command.configureHelp({
    commandUsage: (cmd) => `dlt-ts pipeline <name> ${cmd.name()} ${rest}`.trimEnd(),
  })
}
