/**
 * Progress while a pipeline runs (issue #18 point 5): `progress: 'log'` prints each step's figures
 * every interval and at its end, `'bar'` draws bars on a terminal and prints lines elsewhere, the
 * `progress` config key sets it, and `runtime.log_level` decides what is logged without it.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'

let temp: TempPipelineDir
beforeEach(() => {
  temp = createTempPipelineDir('dlt-ts-progress-')
})
afterEach(() => temp.cleanup())

const ESC = String.fromCharCode(27)

/** A stream that keeps what is written; a terminal when `isTTY`. */
function recordingStream(isTTY = false) {
  const chunks: string[] = []
  return {
    stream: { isTTY, columns: 120, write: (text: string) => chunks.push(text) > 0 },
    // without the terminal's cursor moves
    text: () => chunks.join('').replace(new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g'), ''),
  }
}

/** Two resources yielding slowly enough for a few reports of the running extract. */
function slowSource() {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  return dlt.source(
    () => [
      dlt.resource(
        async function* () {
          for (let page = 0; page < 6; page++) {
            await sleep(25)
            yield Array.from({ length: 500 }, (_, i) => ({ id: page * 500 + i, tags: ['a', 'b'] }))
          }
        },
        { name: 'issues' },
      ),
      dlt.resource(() => [{ login: 'octocat' }, { login: 'hubot' }], { name: 'users' }),
    ],
    { name: 'github' },
  )
}

describe("progress: 'log'", () => {
  it('prints the running step every interval and each step\u2019s final figures', async () => {
    const out = recordingStream()
    const pipeline = temp.pipeline('logged', {
      progress: { mode: 'log', stream: out.stream, intervalMs: 20 },
    })
    const info = await pipeline.run(slowSource())
    const text = out.text()
    const lines = text.split('\n')
    // reports while extract runs, with counts below the final one
    const running = lines.filter((line) => /^\[dlt-ts\] logged extract \| issues: /.test(line))
    expect(running.length).toBeGreaterThan(0)
    expect(running.some((line) => !line.includes('3,000 items'))).toBe(true)
    expect(text).toMatch(
      /\[dlt-ts\] logged extract done \| issues: 3,000 items \| [\d,.]+ items\/s \| 0\.\d MB \| \d+ s/,
    )
    expect(text).toMatch(/\[dlt-ts\] logged extract done \| users: 2 items/)
    expect(text).toMatch(/logged normalize done \| packages: 1\/1 packages \(100%\)/)
    // 3,000 issues + 6,000 tags + 2 users + the state row
    expect(text).toMatch(/logged normalize done \| rows: 9,003 rows/)
    expect(text).toMatch(/logged load done \| files: (\d+)\/\1 files \(100%\) \| .* MB/)
    expect(text).toMatch(/logged load done \| issues: 3,000 rows/)
    expect(text).toMatch(/logged load done \| issues__tags: 6,000 rows/)
    expect(text).toMatch(/logged load done \| users: 2 rows/)
    expect(text).not.toMatch(/_dlt_pipeline_state: /)
    expect(text).toContain(`[dlt-ts] logged: loaded package ${info.loadPackages[0]?.loadId}`)
  })

  it("'bar' draws bars on a terminal, with the same figures", async () => {
    const out = recordingStream(true)
    const pipeline = temp.pipeline('barred', {
      progress: { mode: 'bar', stream: out.stream, intervalMs: 20 },
    })
    await pipeline.run(slowSource())
    const text = out.text()
    expect(text).toMatch(/extract issues: 3,000 items \| [\d,.]+ items\/s/)
    expect(text).toMatch(/normalize █{20} packages: 1\/1 packages \(100%\)/)
    expect(text).toMatch(/load █{20} files: (\d+)\/\1 files \(100%\)/)
    expect(text).toMatch(/load issues__tags: 6,000 rows/)
    expect(text).toContain('[dlt-ts] barred: loaded package')
  })
})

describe('progress and log level from config, seen on stderr', () => {
  const child = fileURLToPath(new URL('./children/progress-run.ts', import.meta.url))

  /** Runs the child script with `env`; resolves with its stdout and stderr. */
  function runChild(env: Record<string, string>) {
    return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, temp.dir], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      proc.stdout.on('data', (data) => {
        stdout += data
      })
      proc.stderr.on('data', (data) => {
        stderr += data
      })
      proc.on('error', reject)
      proc.on('exit', (code) =>
        code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`exit ${code}: ${stderr}`)),
      )
    })
  }

  it.each([
    {
      env: { PROGRESS: 'bar' },
      // stderr is a pipe, not a terminal: lines
      expected: [/progress_child load done \| files: \d+\/\d+ files \(100%\)/, /: loaded package/],
      absent: [/█/],
    },
    {
      env: { RUNTIME__LOG_LEVEL: 'INFO' },
      expected: [/\[dlt-ts\] progress_child: extracted package/, /: loaded package/],
      absent: [/ done \| /],
    },
    { env: { RUNTIME__LOG_LEVEL: 'WARNING' }, expected: [], absent: [/\[dlt-ts\]/] },
  ])('$env', async ({ env, expected, absent }) => {
    const { stdout, stderr } = await runChild(env)
    expect(stdout).toBe('rows 100\n')
    for (const pattern of expected) expect(stderr).toMatch(pattern)
    for (const pattern of absent) expect(stderr).not.toMatch(pattern)
  })
})
