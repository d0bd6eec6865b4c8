/**
 * @module `refresh`: reset sources or resources before a run loads new data, as dlt's
 * `refresh=` does (`dlt/pipeline/helpers.py: prepare_refresh_source`):
 *
 * - `drop_sources`: every table of the source is dropped at the destination, its schema starts
 *   afresh and the source's whole state is wiped;
 * - `drop_resources`: the tables of the resources being run (and their nested tables) are dropped
 *   and removed from the schema, and those resources' state is wiped;
 * - `drop_data`: the same tables are emptied and the resources' state is wiped; the schema stays.
 *
 * What to drop or empty travels in the package (`PackageState.droppedTables` / `truncatedTables`)
 * and happens in the load's transaction, so a failed run changes nothing at the destination.
 */
import { Schema } from '../schema/schema.js'
import type { PipelineState } from './state-codec.js'

/** dlt's refresh modes. */
export const REFRESH_MODES = ['drop_sources', 'drop_resources', 'drop_data'] as const
export type RefreshMode = (typeof REFRESH_MODES)[number]

/** The schema to extract into, and what the load must drop or empty first. */
export interface RefreshPlan {
  readonly schema: Schema
  readonly droppedTables: readonly string[]
  readonly truncatedTables: readonly string[]
}

/**
 * Applies `mode` to `schema` (a working copy) and `state` (a working copy) for the source
 * `sourceName` whose resources `resourceNames` are being run.
 */
export function prepareRefresh(
  mode: RefreshMode,
  schema: Schema,
  state: PipelineState,
  sourceName: string,
  resourceNames: readonly string[],
): RefreshPlan {
  if (!(REFRESH_MODES as readonly string[]).includes(mode)) {
    throw new TypeError(
      `The \`refresh\` option must be one of ${REFRESH_MODES.join(', ')}; got ${JSON.stringify(mode)}`,
    )
  }
  const sources = state.sources as Record<string, Record<string, unknown>>
  if (mode === 'drop_sources') {
    delete sources[sourceName]
    forceStateExtract(state)
    return {
      schema: new Schema(schema.name),
      droppedTables: schema.dataTableNames(),
      truncatedTables: [],
    }
  }
  const resources = sources[sourceName]?.['resources'] as Record<string, unknown> | undefined
  for (const name of resourceNames) delete resources?.[name]
  const tables = schema
    .dataTableNames()
    .filter((name) => resourceNames.includes(schema.getRootTable(name).resource ?? ''))
  if (mode === 'drop_data') {
    const seen = tables.filter((name) => schema.getTable(name)?.['x-normalizer']?.['seen-data'])
    return { schema, droppedTables: [], truncatedTables: seen }
  }
  schema.removeTables(tables)
  if (tables.length) forceStateExtract(state)
  return { schema, droppedTables: tables, truncatedTables: [] }
}

/** dlt's `force_state_extract`: the state goes into this run's package even if unchanged. */
function forceStateExtract(state: PipelineState): void {
  delete (state._local as Record<string, unknown>)['_last_extracted_hash']
}
