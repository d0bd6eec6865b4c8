/**
 * @module The figures a progress display shows: per step, named counters (a resource's items, a
 * table's rows, the load's jobs) with their rate, bytes and, where the total is known, the share
 * done and an ETA. Both displays (`log-progress.ts`, `bar-progress.ts`) read them from here.
 */
import type { PipelineStep } from '../pipeline-errors.js'

/** One counter as a display shows it. */
export interface CounterView {
  readonly name: string
  readonly count: number
  /** What is counted: `items`, `rows`, `jobs`, `packages`. */
  readonly unit: string
  /** How many there will be, when known. */
  readonly total?: number
  /** Bytes behind the counted things (written, read or loaded). */
  readonly bytes: number
  /** Since the step started. */
  readonly elapsedMs: number
}

interface Counter {
  count: number
  unit: string
  total: number | undefined
  bytes: number
}

/** The counters of the running step. */
export class ProgressCounters {
  readonly #now: () => number
  #step: PipelineStep | undefined
  #startedAt: number
  #counters = new Map<string, Counter>()

  constructor(now: () => number = Date.now) {
    this.#now = now
    this.#startedAt = now()
  }

  /** The running step, if any. */
  get step(): PipelineStep | undefined {
    return this.#step
  }

  /** Starts `step` with no counters. */
  start(step: PipelineStep): void {
    this.#step = step
    this.#startedAt = this.#now()
    this.#counters = new Map()
  }

  /** Adds `count` (and `bytes`) to the counter `name`, creating it with `unit`. */
  add(name: string, count: number, unit: string, bytes = 0): void {
    const counter = this.#counter(name, unit)
    counter.count += count
    counter.bytes += bytes
  }

  /** Adds `total` to how many `name` will count. */
  addTotal(name: string, total: number, unit: string): void {
    const counter = this.#counter(name, unit)
    counter.total = (counter.total ?? 0) + total
  }

  /** The counters, in the order they were created. */
  views(): CounterView[] {
    const elapsedMs = this.#now() - this.#startedAt
    return [...this.#counters].map(([name, { count, unit, total, bytes }]) => ({
      name,
      count,
      unit,
      ...(total === undefined ? {} : { total }),
      bytes,
      elapsedMs,
    }))
  }

  #counter(name: string, unit: string): Counter {
    let counter = this.#counters.get(name)
    if (!counter) {
      counter = { count: 0, unit, total: undefined, bytes: 0 }
      this.#counters.set(name, counter)
    }
    return counter
  }
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

/** `1234567` → `1,234,567`. */
export function formatCount(value: number): string {
  return integer.format(value)
}

/** A rate: one decimal below 10 (`0.4`), whole numbers above (`2,469`). */
export function formatRate(value: number): string {
  return value < 10 ? decimal.format(value) : integer.format(value)
}

/** Bytes as MB (10^6, as `ls -h` and DuckDB count them), one decimal. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`
}

/** Seconds as `42 s`, `3 min 5 s` or `2 h 4 min`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** The rate of `view` per second, 0 before any time passed. */
export function ratePerSecond(view: CounterView): number {
  return view.elapsedMs > 0 ? (view.count * 1000) / view.elapsedMs : 0
}

/** Milliseconds left at the current rate, when the total is known and something was counted. */
export function etaMs(view: CounterView): number | undefined {
  if (view.total === undefined || view.count <= 0 || view.count >= view.total) return undefined
  return ((view.total - view.count) * view.elapsedMs) / view.count
}

/**
 * One counter as a line:
 * `issues: 12,345 items | 2,469 items/s | 3.2 MB | 5 s`, or with a total
 * `jobs: 3/10 jobs (30%) | 1 jobs/s | 12.0 MB | 3 s | ETA 7 s`.
 */
export function formatCounter(view: CounterView): string {
  const { name, count, unit, total, bytes, elapsedMs } = view
  const done =
    total === undefined
      ? `${formatCount(count)} ${unit}`
      : `${formatCount(count)}/${formatCount(total)} ${unit} (${total ? Math.floor((count / total) * 100) : 100}%)`
  const parts = [`${name}: ${done}`, `${formatRate(ratePerSecond(view))} ${unit}/s`]
  if (bytes > 0) parts.push(formatMegabytes(bytes))
  parts.push(formatDuration(elapsedMs))
  const eta = etaMs(view)
  if (eta !== undefined) parts.push(`ETA ${formatDuration(eta)}`)
  return parts.join(' | ')
}
