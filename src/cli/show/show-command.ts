/**
 * @module `dlt-ts pipeline <name> show` (placeholder while it is being written).
 */
import type { Command } from 'commander'
import type { Pipeline } from '../../index.js'
import type { CliIo } from '../cli-io.js'

export function registerShowCommand(
  command: Command,
  _open: (command: Command) => Pipeline,
  _io: CliIo,
): void {
  command.action(() => {})
}
