/**
 * @module `LoadInfo`: the report of a run — packages, jobs, rows per table, schema changes —
 * with a `toString()` that tells a human what happened.
 */
import type { LoadPackageResult } from '../load/loader.js'
import { createNameMap } from '../util/own-property.js'
import type { StepTrace } from './run-trace.js'

/** What one run (or one `load()` call) did. */
export interface LoadInfo {
  readonly pipelineName: string
  readonly destinationName: string
  readonly datasetName: string
  /** Every package loaded, oldest first; packages left by earlier runs come first. */
  readonly loadPackages: readonly LoadPackageResult[]
  /** Load ids of packages left by an earlier, interrupted run and finished by this one. */
  readonly resumedLoadIds: readonly string[]
  /** Rows loaded per table, over all packages. */
  readonly rowCounts: Readonly<Record<string, number>>
  /** True if the destination had no state of this pipeline before the run. */
  readonly firstRun: boolean
  readonly startedAt: Date
  readonly finishedAt: Date
  /** Notes worth a user's attention: variant columns created, keys that collided, … */
  readonly notes: readonly string[]
  readonly hasFailedJobs: boolean
  /** Each step of the run with its start, end and duration (also in `pipeline.lastTrace`). */
  readonly steps: readonly StepTrace[]
  toString(): string
}

/** Builds a `LoadInfo`. */
export function createLoadInfo(
  fields: Omit<LoadInfo, 'rowCounts' | 'hasFailedJobs' | 'toString'>,
): LoadInfo {
  // no prototype: a table may be called `constructor`
  const rowCounts = createNameMap<number>()
  for (const pkg of fields.loadPackages) {
    for (const job of pkg.jobs) rowCounts[job.table] = (rowCounts[job.table] ?? 0) + job.rows
  }
  const hasFailedJobs = fields.loadPackages.some((pkg) =>
    pkg.jobs.some((j) => j.status === 'failed'),
  )
  const info: LoadInfo = {
    ...fields,
    rowCounts,
    hasFailedJobs,
    toString: () => formatLoadInfo(info),
  }
  return info
}

function formatLoadInfo(info: LoadInfo): string {
  const lines: string[] = []
  const load = info.steps.find((step) => step.step === 'load')
  const seconds = (ms: number) => (ms / 1000).toFixed(2)
  const count = info.loadPackages.length
  const total = info.finishedAt.getTime() - info.startedAt.getTime()
  lines.push(
    `Pipeline ${info.pipelineName} load step completed in ${seconds(load?.durationMs ?? total)} s`,
    `${count} load package(s) were loaded to destination ${info.destinationName} and into dataset ${info.datasetName}`,
  )
  if (info.resumedLoadIds.length) {
    lines.push(
      `${info.resumedLoadIds.length} package(s) left by an earlier run were finished first: ${info.resumedLoadIds.join(', ')}`,
    )
  }
  for (const pkg of info.loadPackages) {
    const failed = pkg.jobs.filter((job) => job.status === 'failed').length
    const state = pkg.alreadyLoaded
      ? 'was already committed at the destination'
      : failed
        ? `has ${failed} FAILED job(s)`
        : 'is LOADED and contains no failed jobs'
    lines.push(`Load package ${pkg.loadId} ${state}`)
    if (pkg.createdTables.length) lines.push(`  created tables: ${pkg.createdTables.join(', ')}`)
    if (pkg.addedColumns.length) {
      lines.push(
        `  added columns: ${pkg.addedColumns.map((c) => `${c.table}.${c.column}`).join(', ')}`,
      )
    }
  }
  const tables = Object.entries(info.rowCounts).filter(([table]) => !table.startsWith('_dlt_'))
  if (tables.length) {
    lines.push('Rows loaded:')
    for (const [table, rows] of tables) lines.push(`  ${table}: ${rows}`)
  }
  const timed = info.steps.filter((step) => step.step !== 'sync')
  if (timed.length) {
    const parts = timed.map((step) => `${step.step} ${seconds(step.durationMs)} s`)
    lines.push(`Steps: ${parts.join(', ')} (run ${seconds(total)} s)`)
  }
  for (const note of info.notes) lines.push(`Note: ${note}`)
  return lines.join('\n')
}
