/**
 * @module Crash points for the kill tests: `crashPoint(name)` marks a place right after a durable
 * step (a rename, a commit). When the environment variable `DLT_TS_CRASH_AT` is `<n>`, the process
 * kills itself with SIGKILL at the n-th crash point it passes (printing the point's name to stderr
 * first), so a test can stop a run between any two steps and check what the next run makes of it.
 * A value that is not a number kills at the first point whose name contains it.
 * Unset (always, outside tests), a crash point costs one comparison.
 *
 * @internal
 */

const crashSetting = process.env['DLT_TS_CRASH_AT'] ?? ''
const crashAt = Number(crashSetting)
// not a number: the text a point's name contains (`committed`: the first commit of a load)
const crashAtName = crashSetting && Number.isNaN(crashAt) ? crashSetting : undefined
let passed = 0

/** Marks a point where a run can be killed in the kill tests. */
export function crashPoint(name: string): void {
  if (crashAtName === undefined) {
    if (crashAt <= 0 || ++passed !== crashAt) return
  } else if (!name.includes(crashAtName)) return
  process.stderr.write(`[crash point ${crashAtName ?? passed}] ${name}\n`)
  process.kill(process.pid, 'SIGKILL')
}
