/**
 * @module Finding pipelines by name in a pipelines folder, as `dlt.attach` does: a pipeline
 * exists when its working directory holds a `state.json`; it is opened with the destination
 * and dataset its state names, whose settings (credentials) come from the configuration of the
 * current directory (`.dlt/`, environment variables) — so run the command where the pipeline runs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Pipeline } from '../../index.js'
import * as dlt from '../../index.js'
import { DestinationNotOpenableError, PipelineNotFoundError } from '../cli-errors.js'

/** A pipeline found in a pipelines folder. */
export interface PipelineEntry {
  readonly name: string
  /** When its state or trace was last written. */
  readonly lastRunAt: Date
}

/** The destinations a pipeline can be opened with by name. */
export const DESTINATION_NAMES = ['duckdb', 'postgres', 'filesystem'] as const

/** `--pipelines-dir` made absolute, or dlt's default (`~/.dlt/pipelines`, `$DLT_DATA_DIR/pipelines`). */
export function resolvePipelinesDir(option: string | undefined): string {
  return option ? resolve(option) : join(dlt.dltDataDir(), 'pipelines')
}

/** The pipelines in `pipelinesDir`, the most recently run first. */
export function listPipelines(pipelinesDir: string): PipelineEntry[] {
  if (!existsSync(pipelinesDir)) return []
  const entries: PipelineEntry[] = []
  for (const dirent of readdirSync(pipelinesDir, { withFileTypes: true })) {
    if (!dirent.isDirectory()) continue
    const workingDir = join(pipelinesDir, dirent.name)
    const times = ['state.json', 'trace.json']
      .map((file) => join(workingDir, file))
      .filter((path) => existsSync(path))
      .map((path) => statSync(path).mtime.getTime())
    if (times.length) entries.push({ name: dirent.name, lastRunAt: new Date(Math.max(...times)) })
  }
  return entries.sort(
    (a, b) => b.lastRunAt.getTime() - a.lastRunAt.getTime() || a.name.localeCompare(b.name),
  )
}

/**
 * Opens the existing pipeline `name`, with the destination and dataset of its state.
 * @throws PipelineNotFoundError naming the folder and the pipelines it holds.
 */
export function openPipeline(name: string, pipelinesDir: string): Pipeline {
  if (
    name.includes('/') ||
    name.includes('\\') ||
    !existsSync(join(pipelinesDir, name, 'state.json'))
  ) {
    throw new PipelineNotFoundError(
      name,
      pipelinesDir,
      listPipelines(pipelinesDir).map((entry) => entry.name),
    )
  }
  const state = dlt.pipeline({ pipelineName: name, pipelinesDir }).state
  const destination = (DESTINATION_NAMES as readonly string[]).find(
    (known) => known === state.destination_name || known === state.destination_type,
  ) as (typeof DESTINATION_NAMES)[number] | undefined
  return dlt.pipeline({
    pipelineName: name,
    pipelinesDir,
    datasetName: state.dataset_name,
    ...(destination ? { destination } : {}),
  })
}

/**
 * Checks that the CLI can reach the pipeline's dataset: its destination is one it can open by
 * name. A destination made in code (`dlt.destination(fn)`) cannot be rebuilt from the state.
 * @throws DestinationNotOpenableError naming the destination.
 */
export function assertDatasetReachable(pipeline: Pipeline): void {
  const name = pipeline.state.destination_name
  if (name !== undefined && !(DESTINATION_NAMES as readonly string[]).includes(name)) {
    throw new DestinationNotOpenableError(pipeline.pipelineName, name)
  }
}
