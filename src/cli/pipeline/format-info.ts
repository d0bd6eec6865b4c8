/**
 * @module `dlt-ts pipeline <name> info`: the pipeline's destination, state, schemas with their
 * tables (nested tables under their parents), packages and last run, as text.
 */
import type { Pipeline, StoredSchema, TableSchema } from '../../index.js'
import { formatDuration } from './format-trace.js'
import { listPackages } from './working-dir-packages.js'

/** The lines of `info`. */
export function formatInfo(pipeline: Pipeline): string[] {
  const state = pipeline.state
  const lines = [
    `Found pipeline ${pipeline.pipelineName} in ${pipeline.pipelinesDir}`,
    `destination: ${state.destination_name ?? 'none yet'}, dataset: ${state.dataset_name}`,
    `state version: ${state._state_version}` +
      (state._local._last_load_id ? `, last load id: ${state._local._last_load_id}` : ''),
  ]
  const schemas = Object.values(pipeline.schemas)
  if (!schemas.length) lines.push('This pipeline does not have a schema yet.')
  for (const schema of schemas) {
    const isDefault = schema.name === state.default_schema_name ? ', default' : ''
    lines.push(`schema ${schema.name} version ${schema.version}${isDefault}, tables:`)
    for (const table of dataTables(schema).filter((t) => !t.parent)) {
      lines.push(...tableTree(schema, table, 1))
    }
  }
  const pending = pipeline.pendingPackages()
  lines.push(
    `pending packages: ${pending.extracted.length} extracted, ${pending.normalized.length} normalized`,
  )
  for (const loadId of pending.extracted) lines.push(`  extracted ${loadId}`)
  for (const loadId of pending.normalized) lines.push(`  normalized ${loadId}`)
  const loaded = listPackages(pipeline.workingDir).filter((pkg) => pkg.stage === 'loaded')
  lines.push(`loaded packages: ${loaded.length}`)
  const trace = pipeline.lastTrace
  lines.push(
    trace
      ? `last run: ${trace.startedAt}, ${trace.error === undefined ? 'completed' : 'FAILED'} in ` +
          `${formatDuration(trace.durationMs)}; see 'dlt-ts pipeline ${pipeline.pipelineName} trace'`
      : 'This pipeline has no trace of a last run.',
  )
  return lines
}

/** The tables holding data (not dlt's own), in schema order. */
export function dataTables(schema: StoredSchema): TableSchema[] {
  return Object.values(schema.tables).filter((table) => !table.name.startsWith('_dlt_'))
}

function tableTree(schema: StoredSchema, table: TableSchema, depth: number): string[] {
  const columns = Object.keys(table.columns).length
  const how = table.parent
    ? 'nested'
    : `${table.write_disposition ?? 'append'}${table.resource ? `, resource ${table.resource}` : ''}`
  // dlt marks the tables that received rows; the others exist only in the schema so far
  const seen = table['x-normalizer']?.['seen-data'] ? '' : ', no data yet'
  const lines = [`${'  '.repeat(depth)}${table.name} (${columns} columns, ${how}${seen})`]
  for (const child of dataTables(schema).filter((t) => t.parent === table.name)) {
    lines.push(...tableTree(schema, child, depth + 1))
  }
  return lines
}
