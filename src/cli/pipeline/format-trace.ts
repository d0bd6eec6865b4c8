/**
 * @module `dlt-ts pipeline <name> trace`: the last run's steps as text.
 */
import type { RunTrace } from '../../index.js'

/** A duration in ms as `0.42 s` or `12 ms`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`
}

/** The trace as lines: the run, then each step with its packages, row counts and error. */
export function formatTrace(trace: RunTrace): string[] {
  const lines = [
    `Run of pipeline ${trace.pipelineName} started ${trace.startedAt}, ` +
      `${trace.error === undefined ? 'COMPLETED' : 'FAILED'} in ${formatDuration(trace.durationMs)}`,
  ]
  if (trace.resumedLoadIds.length) {
    lines.push(`resumed packages left by an earlier run: ${trace.resumedLoadIds.join(', ')}`)
  }
  for (const step of trace.steps) {
    const status = step.error === undefined ? 'completed' : 'FAILED'
    lines.push(
      `step ${step.step} ${status} in ${formatDuration(step.durationMs)} (started ${step.startedAt})`,
    )
    if (step.loadIds.length) lines.push(`  load ids: ${step.loadIds.join(', ')}`)
    const counts = Object.entries(step.rowCounts)
    if (counts.length) {
      lines.push(`  ${step.step === 'extract' ? 'items' : 'rows'} per table:`)
      for (const [table, count] of counts) lines.push(`    ${table}: ${count}`)
    }
    if (step.error !== undefined) lines.push(`  error: ${step.error}`)
  }
  return lines
}
