/**
 * @module What a pipeline reports while it runs (dlt's `progress` collector): `'log'` prints the
 * figures of the running step every few seconds, `'bar'` draws live bars on a terminal (and prints
 * lines like `'log'` where the output is not a terminal), `false` shows nothing. The pipeline
 * feeds one `Progress` through every step; `createProgress` picks the display.
 */
import type { PipelineStep } from '../pipeline-errors.js'
import { BarProgress } from './bar-progress.js'
import { LogProgress } from './log-progress.js'

/** How progress is shown: printed lines, or live bars on a terminal. */
export type ProgressMode = 'log' | 'bar'

/** Where progress is written: `process.stderr` or any stream with `write`. */
export interface ProgressStream {
  write(text: string): unknown
  /** True on a terminal: only then are bars drawn. */
  readonly isTTY?: boolean
  readonly columns?: number
}

/** `progress` with its details. */
export interface ProgressOptions {
  readonly mode: ProgressMode
  /** @default process.stderr */
  readonly stream?: ProgressStream
  /**
   * How often `'log'` prints the running step's figures (and bars are redrawn).
   * @default 5000 for lines, 250 for bars
   */
  readonly intervalMs?: number
}

/**
 * A pipeline's `progress`: `'log'`, `'bar'`, `false` (nothing), `true` (= `'log'`), or the
 * options. dlt's collector names read from config map to these: `tqdm`, `enlighten` and
 * `alive_progress` to `'bar'`.
 */
export type ProgressSetting = ProgressMode | boolean | ProgressOptions

/** What the pipeline tells the display while it runs. */
export interface Progress {
  /** A step starts: its counters start from nothing. */
  startStep(step: PipelineStep): void
  /** `count` more `unit` (and `bytes`) on counter `name` of the running step. */
  add(name: string, count: number, unit: string, bytes?: number): void
  /** `total` more `unit` that counter `name` will reach (gives a share done and an ETA). */
  addTotal(name: string, total: number, unit: string): void
  /** A message for the user (a package resumed, a fallback taken). */
  message(text: string): void
  /** The running step ended: its final figures are shown. */
  endStep(): void
  /** The run ended. */
  close(): void
}

/** Shows nothing. */
export const NO_PROGRESS: Progress = Object.freeze({
  startStep() {},
  add() {},
  addTotal() {},
  message() {},
  endStep() {},
  close() {},
})

/** The progress setting given as config text (`PROGRESS=log`, `progress = "bar"`). */
export function parseProgressSetting(value: string, key = 'progress'): ProgressSetting {
  const text = value.trim().toLowerCase()
  if (text === 'log' || text === 'true') return 'log'
  if (text === 'bar' || text === 'tqdm' || text === 'enlighten' || text === 'alive_progress')
    return 'bar'
  if (text === '' || text === 'false' || text === 'none') return false
  throw new TypeError(
    `config key "${key}" must be "log", "bar" or "false" (dlt's "tqdm", "enlighten" and ` +
      `"alive_progress" mean "bar"), got "${value}"`,
  )
}

/** The display for `setting` of pipeline `pipelineName`. */
export function createProgress(setting: ProgressSetting, pipelineName: string): Progress {
  if (setting === false) return NO_PROGRESS
  const options: ProgressOptions =
    setting === true ? { mode: 'log' } : typeof setting === 'string' ? { mode: setting } : setting
  const stream = options.stream ?? process.stderr
  if (options.mode === 'bar' && stream.isTTY) {
    return new BarProgress(pipelineName, stream, options.intervalMs)
  }
  return new LogProgress(pipelineName, stream, options.intervalMs)
}
