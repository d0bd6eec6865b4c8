/**
 * @module `BarProgress`: live bars on a terminal (`progress: 'bar'`), drawn by `cli-progress`:
 * one line per counter of the running step — a bar where the total is known (the load's files,
 * the normalize step's packages), the count, rate, MB and ETA beside it. A finished step's bars
 * stay on screen above the next step's.
 */
import cliProgress from 'cli-progress'
import { CountedProgress } from './counted-progress.js'
import { MAX_COUNTER_LINES } from './log-progress.js'
import type { ProgressStream } from './progress.js'
import { formatCounter } from './progress-counters.js'

/** What one bar's line shows. */
interface BarPayload {
  readonly step: string
  readonly text: string
  /** True when the counter has a total: a bar is drawn before the figures. */
  readonly withBar: boolean
}

/** Progress drawn as bars on a terminal. */
export class BarProgress extends CountedProgress {
  readonly #pipelineName: string
  readonly #stream: ProgressStream
  #multiBar: cliProgress.MultiBar | undefined
  #bars = new Map<string, cliProgress.SingleBar>()

  constructor(pipelineName: string, stream: ProgressStream, intervalMs = 250) {
    super(intervalMs)
    this.#pipelineName = pipelineName
    this.#stream = stream
  }

  message(text: string): void {
    const line = `[dlt-ts] ${this.#pipelineName}: ${text}\n`
    if (this.#multiBar) this.#multiBar.log(line)
    else this.#stream.write(line)
  }

  protected override stepStarted(): void {
    this.#multiBar = new cliProgress.MultiBar({
      // cli-progress writes to a Node stream; ProgressStream is the part of one it uses
      stream: this.#stream as NodeJS.WriteStream,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      gracefulExit: true,
      barsize: 20,
      format: (_options, params, payload: BarPayload) =>
        payload.withBar
          ? `${payload.step} ${renderBar(params.progress)} ${payload.text}`
          : `${payload.step} ${payload.text}`,
    })
  }

  /** Brings every bar up to its counter; new counters get a bar (up to `MAX_COUNTER_LINES`). */
  protected refresh(): void {
    const multiBar = this.#multiBar
    if (!multiBar) return
    const step = this.counters.step ?? ''
    for (const view of this.counters.views().slice(0, MAX_COUNTER_LINES)) {
      const payload: BarPayload = {
        step,
        text: formatCounter(view),
        withBar: view.total !== undefined,
      }
      let bar = this.#bars.get(view.name)
      if (!bar) {
        bar = multiBar.create(view.total ?? 0, view.count, payload)
        this.#bars.set(view.name, bar)
      }
      bar.setTotal(view.total ?? 0)
      bar.update(view.count, payload)
    }
    multiBar.update()
  }

  protected stepEnded(): void {
    this.stepEnding()
  }

  /** Draws the final figures and leaves the bars on screen. */
  protected override stepEnding(): void {
    this.refresh()
    this.#multiBar?.stop()
    this.#multiBar = undefined
    this.#bars = new Map()
  }
}

/** A 20-character bar for a share done between 0 and 1. */
function renderBar(progress: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, progress)) * 20)
  return `${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`
}
