/**
 * @module `LogProgress`: progress as plain lines (`progress: 'log'`, and `'bar'` where the output
 * is not a terminal): every `intervalMs` the running step's counters, one line each, and their
 * final figures when the step ends.
 *
 * ```
 * [dlt-ts] github extract | issues: 120,000 items | 40,000 items/s | 52.1 MB | 3 s
 * [dlt-ts] github load | files: 2/3 files (66%) | 1 files/s | 61.0 MB | 2 s | ETA 1 s
 * ```
 */
import { CountedProgress } from './counted-progress.js'
import type { ProgressStream } from './progress.js'
import { formatCounter } from './progress-counters.js'

/** Counters printed at most per report; the rest are summed up in one line. */
export const MAX_COUNTER_LINES = 12

/** Progress printed as lines. */
export class LogProgress extends CountedProgress {
  readonly #prefix: string
  readonly #stream: ProgressStream

  constructor(pipelineName: string, stream: ProgressStream, intervalMs = 5000) {
    super(intervalMs)
    this.#prefix = `[dlt-ts] ${pipelineName}`
    this.#stream = stream
  }

  message(text: string): void {
    this.#stream.write(`${this.#prefix}: ${text}\n`)
  }

  protected refresh(): void {
    this.#report()
  }

  protected stepEnded(): void {
    this.#report('done')
  }

  #report(suffix?: string): void {
    const views = this.counters.views()
    const step = `${this.#prefix} ${this.counters.step ?? ''}${suffix ? ` ${suffix}` : ''}`
    const lines = views
      .slice(0, MAX_COUNTER_LINES)
      .map((view) => `${step} | ${formatCounter(view)}`)
    if (views.length > MAX_COUNTER_LINES) {
      lines.push(`${step} | and ${views.length - MAX_COUNTER_LINES} more counters`)
    }
    if (lines.length) this.#stream.write(`${lines.join('\n')}\n`)
  }
}
