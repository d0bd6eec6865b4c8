/**
 * `dlt-ts worker <module>`: a worker process started from the command line takes the tasks of a
 * distributed run (a TypeScript module, loaded through tsx), and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { distributedRun } from '../../../src/distributed/index.js'
import { shop, shopPipeline } from './children/shop-source.js'
import { redisAvailable, removeQueues } from './test-redis.js'

const cli = new URL('../../../src/cli/main.ts', import.meta.url).pathname
const module = new URL('./children/shop-source.ts', import.meta.url).pathname
const root = mkdtempSync(join(tmpdir(), 'dlt-ts-worker-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

it('takes the tasks of a run and stops on SIGTERM', async (ctx) => {
  if (!(await redisAvailable())) {
    console.warn('Redis is not reachable (REDIS_URL or 127.0.0.1:6379): worker CLI test skipped')
    return ctx.skip()
  }
  const prefix = `dlt-test-cli-${process.pid}`
  const sharedDir = join(root, 'shared')
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'worker', module, '--shared-dir', sharedDir, '--prefix', prefix],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUNTIME__LOG_LEVEL: 'INFO' } },
  )
  let out = ''
  let err = ''
  proc.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve))
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('taking tasks')) resolve()
    })
    proc.on('exit', () => reject(new Error(`worker exited: ${out}`)))
  })
  expect(out).toMatch(/taking tasks of queue dlt-tasks at redis:\/\//)
  const pipeline = shopPipeline(root, 'distributed')
  await distributedRun({ pipeline, source: shop, sharedDir, prefix })
  expect(await pipeline.dataset().rows('customers')).toHaveLength(40)
  proc.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(out).toContain('finishing the tasks in hand')
  await removeQueues(prefix)
  expect(err).toMatch(/\[dlt-ts\] worker \d+.*task t000 \(orders\) done/)
})
