/**
 * Child process for the run-lock test: for `<ms>` milliseconds, takes the run lock of `<dir>` again
 * and again, holding it a few milliseconds each time and logging `enter`/`exit` with a timestamp to
 * `<dir>/log`. Refusals are logged with the holder's pid. When its time is up it takes the lock
 * one last time and exits without releasing it, leaving a stale lock for the others.
 * usage: node --import tsx lock-contender.ts <dir> <ms> <startAt>
 */
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { acquireRunLock } from '../../../../src/pipeline/run-lock.js'

const [dir = '.', ms = '1000', startAt = '0'] = process.argv.slice(2)
const log = join(dir, 'log')
// CLOCK_MONOTONIC, one clock for every process of the machine (µs); `performance.timeOrigin`
// differs between processes by tens of µs, enough to order a release after the next enter
const now = () => Number(process.hrtime.bigint() / 1000n)
const sleep = (time: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, time)

while (Date.now() < Number(startAt)) {
  // start together with the other contenders
}
const endAt = Date.now() + Number(ms)
for (;;) {
  let release: (() => void) | undefined
  try {
    release = acquireRunLock(dir, 'contended')
  } catch (error) {
    const holder = (error as { holderPid?: number }).holderPid
    if (holder === undefined) throw error
    appendFileSync(log, `locked ${process.pid} ${holder}\n`)
    sleep(Math.random() * 3)
    continue
  }
  appendFileSync(log, `enter ${process.pid} ${now()}\n`)
  if (Date.now() >= endAt) process.exit(0) // dies holding the lock: a stale lock for the others
  sleep(2 + Math.random() * 5)
  appendFileSync(log, `exit ${process.pid} ${now()}\n`)
  release()
  sleep(Math.random() * 2)
}
