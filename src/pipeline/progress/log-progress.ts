/**
 * @module `LogProgress`: progress as plain lines (`progress: 'log'`, and `'bar'` where the output
 * is not a terminal): every `intervalMs` the running step's counters, one line each, and their
 * final figures when the step ends.
 *
 * ```
 * [dlt-ts] github extract | issues: 120,000 items | 40,000 items/s | 52.1 MB | 3 s
 * [dlt-ts] github load | jobs: 2/3 jobs (66%) | 1 jobs/s | 61.0 MB | 2 s | ETA 1 s
 * ```
 */
import type { PipelineStep } from '../pipeline-errors.js'
import type { Progress, ProgressStream } from './progress.js'
import { formatCounter, ProgressCounters } from './progress-counters.js'

/** Counters printed at most per report; the rest are summed up in one line. */
export const MAX_COUNTER_LINES = 12

/** Progress printed as lines. */
export class LogProgress implements Progress {
  readonly #prefix: string
  readonly #stream: ProgressStream
  readonly #intervalMs: number
  readonly #counters = new ProgressCounters()
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(pipelineName: string, stream: ProgressStream, intervalMs = 5000) {
    this.#prefix = `[dlt-ts] ${pipelineName}`
    this.#stream = stream
    this.#intervalMs = intervalMs
  }

  startStep(step: PipelineStep): void {
    this.#stopTimer()
    this.#counters.start(step)
    this.#timer = setInterval(() => this.#report(), this.#intervalMs)
    // a report pending must not keep the process alive
    this.#timer.unref()
  }

  add(name: string, count: number, unit: string, bytes?: number): void {
    this.#counters.add(name, count, unit, bytes)
  }

  setBytes(name: string, bytes: number, unit: string): void {
    this.#counters.setBytes(name, bytes, unit)
  }

  addTotal(name: string, total: number, unit: string): void {
    this.#counters.addTotal(name, total, unit)
  }

  message(text: string): void {
    this.#stream.write(`${this.#prefix}: ${text}\n`)
  }

  endStep(): void {
    this.#stopTimer()
    this.#report('done')
  }

  close(): void {
    this.#stopTimer()
  }

  #report(suffix?: string): void {
    const views = this.#counters.views()
    const step = `${this.#prefix} ${this.#counters.step ?? ''}${suffix ? ` ${suffix}` : ''}`
    const lines = views
      .slice(0, MAX_COUNTER_LINES)
      .map((view) => `${step} | ${formatCounter(view)}`)
    if (views.length > MAX_COUNTER_LINES) {
      lines.push(`${step} | and ${views.length - MAX_COUNTER_LINES} more counters`)
    }
    if (lines.length) this.#stream.write(`${lines.join('\n')}\n`)
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
  }
}
