#!/usr/bin/env node
/**
 * @module The `dlt-ts` command (bin `dlt-ts`, built to `dist/cli.mjs`): inspect and operate
 * pipelines, scaffold projects, convert schemas and browse a pipeline in a local web page. Uses
 * only the public API. Exit codes: `EXIT_CODES` (0 ok, 1 failed, 2 wrong command line).
 *
 * ```
 * dlt-ts pipeline --list
 * dlt-ts pipeline <name> info | trace | load-package [loadId] | failed-jobs | drop <resource…>
 *                        | drop-pending-packages | sync | schema | show
 * dlt-ts schema <file> --format json|yaml
 * dlt-ts init <source> <destination>
 * ```
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CommanderError } from 'commander'
import { type CliIo, createProcessIo, EXIT_CODES } from './cli-io.js'
import { createProgram } from './program.js'

/** Runs `dlt-ts` with `argv` (without node and the script); resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo = createProcessIo(),
): Promise<number> {
  const program = createProgram(io)
  try {
    await program.parseAsync(rewritePipelineArgs(argv), { from: 'user' })
    return EXIT_CODES.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version end by "throwing" with exit code 0; parse errors were already printed
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`)
    if (process.env['DLT_TS_DEBUG'] && error instanceof Error && error.stack) io.err(error.stack)
    return EXIT_CODES.failed
  }
}

/** Operations of `dlt-ts pipeline <name> <operation>`. */
const PIPELINE_OPERATIONS = new Set([
  'info',
  'trace',
  'load-package',
  'failed-jobs',
  'drop',
  'drop-pending-packages',
  'sync',
  'schema',
  'show',
])

/**
 * dlt's order, `pipeline <name> <operation>`, becomes commander's `pipeline <operation> <name>`;
 * `pipeline <name>` alone means `info`, as in dlt.
 */
export function rewritePipelineArgs(argv: readonly string[]): string[] {
  const [group, name, operation, ...rest] = argv
  if (group !== 'pipeline' || !name || name.startsWith('-') || PIPELINE_OPERATIONS.has(name)) {
    return [...argv]
  }
  if (operation === undefined || operation.startsWith('-')) {
    return ['pipeline', 'info', name, ...(operation === undefined ? [] : [operation]), ...rest]
  }
  return ['pipeline', operation, name, ...rest]
}

function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url)
  } catch {
    // the script path cannot be resolved (deleted, virtual): only a direct match counts
    return script === fileURLToPath(import.meta.url)
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2))
}
