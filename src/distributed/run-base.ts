/**
 * @module The base a distributed run's tasks start from: the pipeline's state and the source's
 * schema, with the run's `refresh` applied as a single-process run applies it
 * (`pipeline/refresh.ts`): the source's or the run's resources' state wiped, their tables removed
 * from the schema (`drop_sources`, `drop_resources`). What the load must drop or empty first
 * travels in a row-less **refresh package** the loader adopts with the tasks' packages (they all
 * share the run's load id, so the drop happens in the run's one transaction, before its rows).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AnyResource } from '../extract/resource.js'
import type { Source } from '../extract/source.js'
import type { Pipeline } from '../pipeline/pipeline.js'
import { prepareRefresh, type RefreshMode } from '../pipeline/refresh.js'
import type { PipelineState } from '../pipeline/state-codec.js'
import { Schema } from '../schema/schema.js'
import type { StoredSchema } from '../schema/schema-types.js'
import {
  COMPLETED_JOBS,
  NEW_JOBS,
  type PackageState,
  writeJsonAtomic,
} from '../storage/package-storage.js'
import type { TaskJobResult } from './run-manifest.js'

/** The state and schema the tasks start from. */
export interface RunBase {
  readonly state: PipelineState
  readonly schema: StoredSchema | undefined
  /** What the refresh drops or empties at the destination; none without a refresh. */
  readonly refreshed?: {
    readonly droppedTables: readonly string[]
    readonly truncatedTables: readonly string[]
  }
}

/** The key of the refresh package among the tasks' (`t000`, …). */
export const REFRESH_PACKAGE_KEY = 'refresh'

/** The base of a run of `source` into `pipeline`, refreshed by `refresh` if given. */
export function runBase(
  pipeline: Pipeline,
  source: Source,
  refresh: RefreshMode | false | undefined,
): RunBase {
  const state = pipeline.state
  const stored = pipeline.schemas[source.name]
  // dlt: refresh has no effect on a source extracted for the first time
  if (!refresh || !stored) return { state, schema: stored }
  const plan = prepareRefresh(
    refresh,
    Schema.fromStored(stored),
    state,
    source.name,
    extractedResourceNames(source),
  )
  return {
    state,
    schema: plan.schema.toStored(),
    refreshed: { droppedTables: plan.droppedTables, truncatedTables: plan.truncatedTables },
  }
}

/**
 * Writes the row-less package carrying the refresh of `base` (what to drop or empty, the
 * refreshed schema and state) to `dir`; returns it as a task's result, for the loader to adopt.
 */
export function writeRefreshPackage(
  dir: string,
  loadId: string,
  base: RunBase,
  schemaName: string,
): TaskJobResult {
  const { droppedTables = [], truncatedTables = [] } = base.refreshed ?? {}
  for (const jobs of [NEW_JOBS, COMPLETED_JOBS]) mkdirSync(join(dir, jobs), { recursive: true })
  const state: PackageState = {
    loadId,
    createdAt: new Date().toISOString(),
    schemaName,
    rootTables: {},
    ...(droppedTables.length ? { droppedTables } : {}),
    ...(truncatedTables.length ? { truncatedTables } : {}),
  }
  writeJsonAtomic(join(dir, 'load_package_state.json'), state)
  writeJsonAtomic(join(dir, 'schema.json'), base.schema ?? new Schema(schemaName).toStored())
  writeJsonAtomic(join(dir, 'pipeline_state.json'), base.state)
  const now = Date.now()
  return {
    key: REFRESH_PACKAGE_KEY,
    loadId,
    itemCounts: {},
    startedAt: now,
    finishedAt: now,
    worker: 'loader',
  }
}

/** The resources a run extracts: the selected ones and their transformers' parents. */
function extractedResourceNames(source: Source): string[] {
  const names = new Set<string>()
  for (const selected of source.selectedResources) {
    for (let resource: AnyResource | undefined = selected; resource; resource = resource.parent) {
      names.add(resource.name)
    }
  }
  return [...names]
}
