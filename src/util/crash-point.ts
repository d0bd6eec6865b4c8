/**
 * @module Crash points for the kill tests: `crashPoint(name)` marks a place right after a durable
 * step (a rename, a commit). When the environment variable `DLT_TS_CRASH_AT` is `<n>`, the process
 * kills itself with SIGKILL at the n-th crash point it passes (printing the point's name to stderr
 * first), so a test can stop a run between any two steps and check what the next run makes of it.
 * Unset (always, outside tests), a crash point costs one comparison.
 *
 * @internal
 */

const crashAt = Number(process.env['DLT_TS_CRASH_AT'] ?? 0)
let passed = 0

/** Marks a point where a run can be killed in the kill tests. */
export function crashPoint(name: string): void {
  if (crashAt <= 0 || ++passed !== crashAt) return
  process.stderr.write(`[crash point ${passed}] ${name}\n`)
  process.kill(process.pid, 'SIGKILL')
}
