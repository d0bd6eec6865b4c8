/**
 * @module Confirmation of destructive commands: `--yes`, or a yes on the terminal.
 */

import { NotConfirmedError } from './cli-errors.js'
import type { CliIo } from './cli-io.js'

/** Resolves when `--yes` was given or the user answered yes; throws `NotConfirmedError` otherwise. */
export async function confirmOrThrow(
  io: CliIo,
  yes: boolean | undefined,
  question: string,
  what: string,
): Promise<void> {
  if (yes) return
  if (io.confirm && (await io.confirm(question))) return
  throw new NotConfirmedError(what)
}
