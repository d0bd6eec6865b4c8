/**
 * @module The pipeline state kept in the working directory (`state.json`) and, when it changes,
 * loaded into `_dlt_pipeline_state` with the data, so it can be restored from the destination.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { readJson, writeJsonAtomic } from '../storage/package-storage.js'
import type { PipelineState } from './state-codec.js'
import { compressState, STATE_ENGINE_VERSION, stateVersionHash } from './state-codec.js'

const STATE_FILE = 'state.json'

/** The state of a pipeline that never ran. */
export function initialState(
  pipelineName: string,
  datasetName: string,
  destination: string,
): PipelineState {
  return {
    _state_version: 0,
    _state_engine_version: STATE_ENGINE_VERSION,
    pipeline_name: pipelineName,
    dataset_name: datasetName,
    default_schema_name: pipelineName,
    schema_names: [],
    destination_name: destination,
    destination_type: `dlt.destinations.${destination}`,
    sources: {},
    _local: { first_run: true },
  } as PipelineState
}

/** Reads `state.json` of a working directory, if present. */
export function readLocalState(workingDir: string): PipelineState | undefined {
  const path = join(workingDir, STATE_FILE)
  return existsSync(path) ? (readJson(path) as PipelineState) : undefined
}

/** Writes `state.json` atomically. */
export function writeLocalState(workingDir: string, state: PipelineState): void {
  writeJsonAtomic(join(workingDir, STATE_FILE), state)
}

/**
 * If the state changed since it was last extracted, bumps its version and returns the row to load
 * into `_dlt_pipeline_state`; otherwise returns undefined.
 */
export function takeStateRow(state: PipelineState): Record<string, unknown> | undefined {
  const hash = stateVersionHash(state)
  const local = state._local as Record<string, unknown>
  if (local['_last_extracted_hash'] === hash) return undefined
  state._state_version = (state._state_version ?? 0) + 1
  state._version_hash = hash
  local['_last_extracted_hash'] = hash
  local['_last_extracted_at'] = new Date().toISOString()
  return {
    version: state._state_version,
    engine_version: state._state_engine_version,
    pipeline_name: state.pipeline_name,
    state: compressState(state),
    created_at: new Date(),
    version_hash: hash,
  }
}
