/**
 * @module The loader's first half: hand the tasks' packages to the pipeline as one package.
 * Every task extracted with the run's load id; under the pipeline's run lock the loader merges
 * the tasks' schemas and states into the base's (in the source's task order: each task's resource
 * states, tables and columns), moves all their job files into one package
 * (`combine-task-packages.ts`) and renames it into `load/normalized/`: the run is adopted whole
 * or not at all. The pipeline's own `load()` then commits it once, in one transaction
 * (`_dlt_loads`), like the one package of a single-process run.
 */
import { mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { readLocalState } from '../pipeline/pipeline-state.js'
import { acquireRunLock } from '../pipeline/run-lock.js'
import type { PipelineState } from '../pipeline/state-codec.js'
import { Schema } from '../schema/schema.js'
import type { StoredSchema } from '../schema/schema-types.js'
import {
  PACKAGE_FOLDERS,
  PackageStorage,
  readJson,
  writeJsonAtomic,
} from '../storage/package-storage.js'
import { childObject } from '../util/child-object.js'
import { crashPoint } from '../util/crash-point.js'
import { ownValue } from '../util/own-property.js'
import { combinePartitionStates, type LastValuePick } from './combine-partition-states.js'
import { combineTaskPackages } from './combine-task-packages.js'
import {
  DistributedLoadIdError,
  DistributedRunConflictError,
  DistributedSchemaConflictError,
} from './distributed-errors.js'
import type { RunLayout } from './run-layout.js'
import type { TaskJobResult } from './run-manifest.js'

/** What the loader knows about the run. */
export interface AdoptInput {
  readonly runId: string
  readonly workingDir: string
  readonly pipelineName: string
  readonly sourceName: string
  /** The state and the source's schema the tasks started from. */
  readonly baseState: PipelineState
  readonly baseSchema: StoredSchema | undefined
  readonly layout: RunLayout
  readonly results: readonly TaskJobResult[]
  /** The `lastValueFunc` of the incremental resources, to combine the cursors of partitions. */
  readonly picks: ReadonlyMap<string, LastValuePick>
}

/** Moves the tasks' packages into the pipeline as one package (none when no task made one). */
export function adoptTaskPackages(input: AdoptInput): void {
  const release = acquireRunLock(input.workingDir, input.pipelineName)
  try {
    const local = readLocalState(input.workingDir)
    if (
      (local?._local._last_load_id ?? null) !== (input.baseState._local._last_load_id ?? null) ||
      (local?._state_version ?? 0) !== (input.baseState._state_version ?? 0)
    ) {
      throw new DistributedRunConflictError(input.runId, input.pipelineName)
    }
    // the source's order: the tasks' packages share the run's load id
    const packages = input.results
      .filter((result): result is TaskJobResult & { loadId: string } => !!result.loadId)
      .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }))
    const [first] = packages
    if (!first) return
    const loadId = first.loadId
    const base = input.baseSchema ? Schema.fromStored(input.baseSchema) : undefined
    let schema = base?.clone()
    const state = structuredClone(input.baseState)
    for (const { key, loadId: taskLoadId } of packages) {
      if (taskLoadId !== loadId)
        throw new DistributedLoadIdError(input.runId, key, taskLoadId, loadId)
      const dir = input.layout.packageDir(key)
      const taskSchema = readJson(join(dir, 'schema.json')) as StoredSchema
      if (schema) mergeTables(schema, taskSchema, base)
      else schema = Schema.fromStored(taskSchema)
      const taskState = readJson(join(dir, 'pipeline_state.json')) as PipelineState
      mergeTaskState(state, taskState, input.baseState, input.sourceName, input.picks)
    }
    schema?.bumpVersion()
    state._local._last_load_id = loadId
    const combined = combineTaskPackages(packages.map(({ key }) => input.layout.packageDir(key)))
    if (schema) writeJsonAtomic(join(combined, 'schema.json'), schema.toStored())
    writeJsonAtomic(join(combined, 'pipeline_state.json'), state)
    const storage = new PackageStorage(input.workingDir)
    mkdirSync(join(input.workingDir, PACKAGE_FOLDERS.normalized), { recursive: true })
    renameSync(combined, storage.packagePath('normalized', loadId))
    crashPoint(`adopted ${loadId} of distributed run ${input.runId}`)
  } finally {
    release()
  }
}

/** Adds the tables a task created or changed (relative to `base`) to `schema`. */
function mergeTables(schema: Schema, task: StoredSchema, base: Schema | undefined): void {
  for (const table of Object.values(task.tables)) {
    if (isDeepStrictEqual(base?.getTable(table.name), table)) continue
    const existing = schema.getTable(table.name)
    for (const [name, column] of Object.entries(table.columns)) {
      const current = existing && ownValue(existing.columns, name)
      if (current?.data_type && column.data_type && current.data_type !== column.data_type) {
        throw new DistributedSchemaConflictError(table.name, name, [
          current.data_type,
          column.data_type,
        ])
      }
    }
    schema.updateTable(table)
  }
}

/**
 * Takes into `state` what a task changed relative to `base` in the source's section: resource
 * states (created, changed or removed; a resource an earlier task changed too — partitions of
 * one resource — gets both tasks' states combined) and source-level keys. The state version is
 * the highest one; the version hash stays the base's, so the next extract stores the merged state.
 */
function mergeTaskState(
  state: PipelineState,
  task: PipelineState,
  base: PipelineState,
  sourceName: string,
  picks: ReadonlyMap<string, LastValuePick>,
): void {
  const sources = state.sources as Record<string, Record<string, unknown>>
  const section = (value: PipelineState) =>
    ownValue(value.sources as Record<string, Record<string, unknown>>, sourceName) ?? {}
  const taskSection = section(task)
  const baseSection = section(base)
  const merged = childObject(sources, sourceName)
  for (const key of new Set([...Object.keys(taskSection), ...Object.keys(baseSection)])) {
    if (key === 'resources') continue
    if (isDeepStrictEqual(taskSection[key], baseSection[key])) continue
    if (key in taskSection) merged[key] = taskSection[key]
    else delete merged[key]
  }
  const taskResources = (taskSection['resources'] ?? {}) as Record<string, unknown>
  const baseResources = (baseSection['resources'] ?? {}) as Record<string, unknown>
  for (const name of new Set([...Object.keys(taskResources), ...Object.keys(baseResources)])) {
    if (isDeepStrictEqual(taskResources[name], baseResources[name])) continue
    const resources = childObject(merged, 'resources')
    if (!(name in taskResources)) {
      delete resources[name]
      continue
    }
    const earlier = ownValue(resources, name) as Record<string, unknown> | undefined
    const later = taskResources[name] as Record<string, unknown>
    const baseValue = ownValue(baseResources, name) as Record<string, unknown> | undefined
    resources[name] =
      earlier && !isDeepStrictEqual(earlier, baseValue)
        ? combinePartitionStates(earlier, later, baseValue, picks.get(name))
        : later
  }
  if (!Object.keys(merged).length) delete sources[sourceName]
  state.schema_names = [...new Set([...(state.schema_names ?? []), ...(task.schema_names ?? [])])]
  if (!base.schema_names?.length && task.default_schema_name) {
    state.default_schema_name = task.default_schema_name
  }
  state._state_version = Math.max(state._state_version ?? 0, task._state_version ?? 0)
}
