/**
 * @module Where the `dlt-ts` command writes, and the exit codes scripts can rely on.
 */

/** The exit codes of `dlt-ts`. */
export const EXIT_CODES = {
  /** The command did what it was asked. */
  ok: 0,
  /** The command ran but failed: a pipeline, package or file not found, a destination error. */
  failed: 1,
  /** The command line was wrong: an unknown command or option, a missing or bad argument. */
  usage: 2,
} as const

/** Output of the CLI: `out` for results (stdout), `err` for errors and notes (stderr). */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Asks a yes/no question; absent when nobody can answer (no terminal). */
  readonly confirm?: (question: string) => Promise<boolean>
}

/** Writes to the process' stdout and stderr; asks on the terminal when stdin is one. */
export function createProcessIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    ...(process.stdin.isTTY ? { confirm: askOnTerminal } : {}),
  }
}

async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await rl.question(`${question} [y/N] `)
    return /^y(es)?$/i.test(answer.trim())
  } finally {
    rl.close()
  }
}
