import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'

const run = promisify(execFile)
const child = fileURLToPath(new URL('./children/worker-flags-run.ts', import.meta.url))

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir()
})
afterEach(() => temp.cleanup())

describe('normalize worker threads in a process started with V8 flags', () => {
  // workers refuse V8 and per-process options in their execArgv (ERR_WORKER_INVALID_EXEC_ARGV)
  it.each(['--max-old-space-size=512', '--expose-gc'])('normalizes under %s', async (flag) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', flag, child, temp.dir], {
      env: { ...process.env, NORMALIZE__WORKERS: '2' },
    })
    const normalized = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      rowCounts: Record<string, number>
    }
    expect(normalized.rowCounts['rows']).toBe(60_000)
  })
})
