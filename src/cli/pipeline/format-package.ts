/**
 * @module `dlt-ts pipeline <name> load-package [loadId]`: one package as text.
 */
import type { PackageSummary } from './working-dir-packages.js'

const STAGE_TEXT = {
  extracted: 'extracted, waiting for normalize',
  normalized: 'normalized, waiting for load',
  loaded: 'loaded',
} as const

/** The package's stage, times, tables and jobs as lines. */
export function formatPackage(pkg: PackageSummary): string[] {
  const lines = [
    `Package ${pkg.loadId} found in ${pkg.path}`,
    `stage: ${STAGE_TEXT[pkg.stage]}`,
    ...(pkg.schemaName ? [`schema: ${pkg.schemaName}`] : []),
    ...(pkg.createdAt ? [`created at: ${pkg.createdAt}`] : []),
    ...(pkg.loadedAt ? [`loaded at: ${pkg.loadedAt}`] : []),
  ]
  const roots = Object.entries(pkg.rootTables)
  if (roots.length) {
    lines.push('root tables:')
    for (const [table, disposition] of roots) lines.push(`  ${table} (${disposition})`)
  }
  if (pkg.jobs.length) {
    lines.push(`jobs (${pkg.jobs.length}):`)
    for (const job of pkg.jobs)
      lines.push(`  ${job.fileName}  table ${job.table}, ${job.format}, ${job.state}`)
  } else if (pkg.stage === 'loaded') {
    lines.push(
      'job files: deleted after the load (set LOAD__DELETE_COMPLETED_JOBS=false to keep them)',
    )
  }
  return lines
}
