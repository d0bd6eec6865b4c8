/**
 * @module The loader's first half: hand the tasks' packages to the pipeline. Under the pipeline's
 * run lock, the packages are ordered by load id; package *i* gets the schema and pipeline state of
 * the base merged with tasks 1..*i* (each task's resources' state, tables and columns); then they
 * move one by one into `load/normalized/` by rename. Whatever prefix of them a kill leaves moved
 * is consistent: the newest moved package carries the state of exactly the moved ones (the next
 * run takes it, see `recover-pending.ts`), and a task not moved keeps its cursors where they were.
 * The pipeline's own `load()` then loads each package exactly once (`_dlt_loads`).
 */
import { mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { readLocalState } from '../pipeline/pipeline-state.js'
import { acquireRunLock } from '../pipeline/run-lock.js'
import type { PipelineState } from '../pipeline/state-codec.js'
import { Schema } from '../schema/schema.js'
import type { StoredSchema } from '../schema/schema-types.js'
import { compareLoadIds } from '../storage/load-id.js'
import {
  PACKAGE_FOLDERS,
  type PackageState,
  PackageStorage,
  readJson,
  writeJsonAtomic,
} from '../storage/package-storage.js'
import { childObject } from '../util/child-object.js'
import { crashPoint } from '../util/crash-point.js'
import { ownValue } from '../util/own-property.js'
import { combinePartitionStates, type LastValuePick } from './combine-partition-states.js'
import {
  DistributedReplaceConflictError,
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

/** Moves the tasks' packages into the pipeline; returns their load ids in load order. */
export function adoptTaskPackages(input: AdoptInput): string[] {
  const release = acquireRunLock(input.workingDir, input.pipelineName)
  try {
    const local = readLocalState(input.workingDir)
    if (
      (local?._local._last_load_id ?? null) !== (input.baseState._local._last_load_id ?? null) ||
      (local?._state_version ?? 0) !== (input.baseState._state_version ?? 0)
    ) {
      throw new DistributedRunConflictError(input.runId, input.pipelineName)
    }
    const packages = input.results
      .filter((result): result is TaskJobResult & { loadId: string } => !!result.loadId)
      .sort((a, b) => compareLoadIds(a.loadId, b.loadId))
    assertSingleReplace(input.layout, packages)
    const base = input.baseSchema ? Schema.fromStored(input.baseSchema) : undefined
    let schema = base?.clone()
    const state = structuredClone(input.baseState)
    for (const { key, loadId } of packages) {
      const dir = input.layout.packageDir(key)
      const taskSchema = readJson(join(dir, 'schema.json')) as StoredSchema
      if (schema) mergeTables(schema, taskSchema, base)
      else schema = Schema.fromStored(taskSchema)
      schema.bumpVersion()
      const taskState = readJson(join(dir, 'pipeline_state.json')) as PipelineState
      mergeTaskState(state, taskState, input.baseState, input.sourceName, input.picks)
      state._local._last_load_id = loadId
      writeJsonAtomic(join(dir, 'schema.json'), schema.toStored())
      writeJsonAtomic(join(dir, 'pipeline_state.json'), state)
    }
    const storage = new PackageStorage(input.workingDir)
    mkdirSync(join(input.workingDir, PACKAGE_FOLDERS.normalized), { recursive: true })
    for (const { key, loadId } of packages) {
      renameSync(input.layout.packageDir(key), storage.packagePath('normalized', loadId))
      crashPoint(`adopted ${loadId} of distributed run ${input.runId}`)
    }
    return packages.map((result) => result.loadId)
  } finally {
    release()
  }
}

/** Refuses a `replace` table written by more than one task (each package would empty it). */
function assertSingleReplace(layout: RunLayout, packages: readonly TaskJobResult[]): void {
  const writers = new Map<string, string[]>()
  for (const { key } of packages) {
    const state = readJson(join(layout.packageDir(key), 'load_package_state.json')) as PackageState
    for (const [table, disposition] of Object.entries(state.rootTables)) {
      if (disposition !== 'replace') continue
      const tasks = writers.get(table) ?? []
      tasks.push(key)
      writers.set(table, tasks)
    }
  }
  for (const [table, tasks] of writers) {
    if (tasks.length > 1) throw new DistributedReplaceConflictError(table, tasks)
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
