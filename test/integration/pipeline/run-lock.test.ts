/**
 * The run lock under contention: processes started together, and processes that die holding the
 * lock, never let two processes hold it at once; a refusal names the live holder.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { acquireRunLock } from '../../../src/pipeline/run-lock.js'

const child = new URL('./children/lock-contender.ts', import.meta.url).pathname
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-lock-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function run(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    proc.on('error', reject)
    proc.on('exit', (code) => (code === 0 ? resolve(proc.pid ?? 0) : reject(new Error(stderr))))
  })
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-e', ''])
    proc.on('error', reject)
    proc.on('exit', () => resolve(proc.pid ?? 0))
  })
}

interface Interval {
  pid: number
  enter: number
  exit: number
}

function readLog(dir: string): { intervals: Interval[]; refusals: number[][] } {
  const open = new Map<number, number>()
  const intervals: Interval[] = []
  const refusals: number[][] = []
  for (const line of readFileSync(join(dir, 'log'), 'utf8').trim().split('\n')) {
    const [kind, pid, value] = line.split(' ')
    if (kind === 'locked') refusals.push([Number(pid), Number(value)])
    else if (kind === 'enter') open.set(Number(pid), Number(value))
    else {
      intervals.push({ pid: Number(pid), enter: open.get(Number(pid)) ?? 0, exit: Number(value) })
      open.delete(Number(pid))
    }
  }
  // a process that died holding the lock held it until the next one entered
  for (const [pid, enter] of open) intervals.push({ pid, enter, exit: enter })
  return { intervals: intervals.sort((a, b) => a.enter - b.enter), refusals }
}

async function contend(dir: string, processes: number): Promise<ReturnType<typeof readLog>> {
  const startAt = Date.now() + 1500
  await Promise.all(
    Array.from({ length: processes }, (_, i) => run([dir, String(400 + i * 300), String(startAt)])),
  )
  return readLog(dir)
}

describe('the run lock', () => {
  for (const stale of [false, true]) {
    it(`admits one process at a time (${stale ? 'a stale lock to start with' : 'fresh'})`, async () => {
      const dir = mkdtempSync(join(root, 'run-'))
      const dead = stale ? await deadPid() : -1
      if (stale) writeFileSync(join(dir, '.lock'), String(dead))
      const { intervals, refusals } = await contend(dir, 5)
      expect(intervals.length).toBeGreaterThan(20)
      for (let i = 1; i < intervals.length; i++) {
        const [before, after] = [intervals[i - 1]!, intervals[i]!]
        expect(
          after.enter,
          `pid ${after.pid} entered while pid ${before.pid} held the lock`,
        ).toBeGreaterThanOrEqual(before.exit)
      }
      expect(refusals.length).toBeGreaterThan(0)
      const holders = new Set(intervals.map((interval) => interval.pid))
      for (const [pid, holder] of refusals) {
        expect(holders, `pid ${pid} was refused naming ${holder}`).toContain(holder)
      }
    })
  }

  it('refuses a second holder with an error naming the holder and the lock file', () => {
    const dir = mkdtempSync(join(root, 'same-'))
    const release = acquireRunLock(dir, 'mine')
    try {
      expect(() => acquireRunLock(dir, 'mine')).toThrow(dlt.PipelineLockedError)
      expect(() => acquireRunLock(dir, 'mine')).toThrow(
        new RegExp(`process ${process.pid}.*${join(dir, '.lock')}`),
      )
    } finally {
      release()
    }
    acquireRunLock(dir, 'mine')()
  })
})
