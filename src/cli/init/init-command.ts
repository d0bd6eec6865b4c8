/**
 * @module `dlt-ts init <source> <destination>` (placeholder while it is being written).
 */
import type { Command } from 'commander'
import type { CliIo } from '../cli-io.js'

export function registerInitCommand(program: Command, _io: CliIo): void {
  program.command('init').argument('<source>').argument('<destination>')
}
