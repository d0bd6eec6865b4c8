/**
 * @module `CountedProgress`: what both displays share — the running step's counters
 * (`ProgressCounters`) and a timer that refreshes the display every `intervalMs` while a step
 * runs. `LogProgress` prints lines on each tick, `BarProgress` redraws bars.
 */
import type { PipelineStep } from '../pipeline-errors.js'
import type { Progress } from './progress.js'
import { ProgressCounters } from './progress-counters.js'

/** A display of the running step's counters, refreshed on a timer. */
export abstract class CountedProgress implements Progress {
  protected readonly counters = new ProgressCounters()
  readonly #intervalMs: number
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs
  }

  startStep(step: PipelineStep): void {
    this.#stopTimer()
    this.stepEnding()
    this.counters.start(step)
    this.stepStarted()
    this.#timer = setInterval(() => this.refresh(), this.#intervalMs)
    // a refresh pending must not keep the process alive
    this.#timer.unref()
  }

  add(name: string, count: number, unit: string, bytes?: number): void {
    this.counters.add(name, count, unit, bytes)
  }

  addTotal(name: string, total: number, unit: string): void {
    this.counters.addTotal(name, total, unit)
  }

  endStep(): void {
    this.#stopTimer()
    this.stepEnded()
  }

  close(): void {
    this.#stopTimer()
    this.stepEnding()
  }

  abstract message(text: string): void

  /** A step started (its counters are empty). */
  protected stepStarted(): void {}

  /** The timer ticked while the step runs. */
  protected abstract refresh(): void

  /** The step ended: show its final figures. */
  protected abstract stepEnded(): void

  /** Another step starts or the run ends: release what the last step's display holds. */
  protected stepEnding(): void {}

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
  }
}
