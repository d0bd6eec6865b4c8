/**
 * @module Test helper: runs the `dlt-ts` command in this process and collects what it prints.
 */
import { main } from '../../src/cli/main.js'

/** What one `dlt-ts` invocation printed and returned. */
export interface CliResult {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Runs `dlt-ts ...args`. */
export async function runCli(...args: string[]): Promise<CliResult> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (text) => out.push(text), err: (text) => err.push(text) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}
