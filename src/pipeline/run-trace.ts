/**
 * @module The trace of a run: each step's start, end, duration, packages and row counts, the
 * packages resumed and the error if any — kept as `trace.json` in the working directory (dlt
 * keeps its last trace there too) and read back by `pipeline.lastTrace` and the CLI.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { toError } from '../errors/dlt-error.js'
import { readJson, writeJsonAtomic } from '../storage/package-storage.js'
import type { PipelineStep } from './pipeline-errors.js'

/** One step of a run. */
export interface StepTrace {
  readonly step: PipelineStep
  readonly startedAt: string
  readonly finishedAt: string
  readonly durationMs: number
  /** The packages the step worked on. */
  readonly loadIds: readonly string[]
  /** Items extracted, rows normalized or rows loaded, per table. */
  readonly rowCounts: Readonly<Record<string, number>>
  /** The error message, when the step failed. */
  readonly error?: string
  /** What the failed step's error names: its package, and for a load its table and file(s). */
  readonly failure?: StepFailure
}

/** The package (and job) a failed step was working on. */
export interface StepFailure {
  readonly loadId?: string
  readonly table?: string
  readonly fileName?: string
}

/** A whole run (or `load()` call). */
export interface RunTrace {
  readonly pipelineName: string
  readonly startedAt: string
  readonly finishedAt: string
  readonly durationMs: number
  /** Packages left by an earlier run and finished by this one. */
  readonly resumedLoadIds: readonly string[]
  readonly steps: readonly StepTrace[]
  /** The error the run failed with, if it did. */
  readonly error?: string
}

/** What a step reports about its result. */
export interface StepSummary {
  readonly loadIds: readonly string[]
  readonly rowCounts: Readonly<Record<string, number>>
}

const TRACE_FILE = 'trace.json'

/** Collects the steps of one run. */
export class TraceRecorder {
  readonly #pipelineName: string
  readonly #startedAt = new Date()
  readonly #steps: StepTrace[] = []
  resumedLoadIds: readonly string[] = []

  constructor(pipelineName: string) {
    this.#pipelineName = pipelineName
  }

  get steps(): readonly StepTrace[] {
    return this.#steps
  }

  /** Runs `fn` as `step`, recording its times, its summary and its error. */
  async step<T>(
    step: PipelineStep,
    fn: () => Promise<T>,
    summarize: (result: T) => StepSummary,
  ): Promise<T> {
    const startedAt = new Date()
    const record = (summary: StepSummary, error?: unknown) => {
      const finishedAt = new Date()
      this.#steps.push({
        step,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        loadIds: summary.loadIds,
        rowCounts: summary.rowCounts,
        ...(error === undefined ? {} : { error: toError(error).message }),
        ...(error === undefined ? {} : failureOf(error)),
      })
    }
    try {
      const result = await fn()
      record(summarize(result))
      return result
    } catch (error) {
      record({ loadIds: [], rowCounts: {} }, error)
      throw error
    }
  }

  /** The finished trace. */
  finish(error?: unknown): RunTrace {
    const finishedAt = new Date()
    return {
      pipelineName: this.#pipelineName,
      startedAt: this.#startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - this.#startedAt.getTime(),
      resumedLoadIds: this.resumedLoadIds,
      steps: this.#steps,
      ...(error === undefined ? {} : { error: toError(error).message }),
    }
  }
}

/** What `error` (a `PipelineStepFailed`, its cause a `LoadPackageError`) names. */
function failureOf(error: unknown): { failure?: StepFailure } {
  const named: Record<string, string> = {}
  for (let current = error; current instanceof Error; current = current.cause) {
    for (const key of ['loadId', 'table', 'fileName'] as const) {
      const value = (current as Error & Record<string, unknown>)[key]
      if (named[key] === undefined && typeof value === 'string') named[key] = value
    }
  }
  return Object.keys(named).length ? { failure: named } : {}
}

/** Writes `trace.json` of a working directory. */
export function writeTrace(workingDir: string, trace: RunTrace): void {
  writeJsonAtomic(join(workingDir, TRACE_FILE), trace)
}

/** Reads `trace.json` of a working directory, if there is one. */
export function readTrace(workingDir: string): RunTrace | undefined {
  const path = join(workingDir, TRACE_FILE)
  return existsSync(path) ? (readJson(path) as RunTrace) : undefined
}
