/**
 * @module The pipeline state's shape and its encodings, as dlt 1.x writes them: the version hash
 * (`generate_state_version_hash`: sha3-256 of the sorted-key JSON without the version fields and
 * `_local`, base64) and the compressed form stored in `_dlt_pipeline_state.state` (zlib at level
 * 9, base64; `_local` is never stored).
 */
import { createHash } from 'node:crypto'
import { deflateSync, inflateSync } from 'node:zlib'
import { sortedJson } from '../util/sorted-json.js'

/** dlt's `PIPELINE_STATE_ENGINE_VERSION`. */
export const STATE_ENGINE_VERSION = 4

/** State that lives only in the working directory and is never sent to the destination. */
export interface LocalState {
  first_run?: boolean
  _last_extracted_at?: string
  _last_extracted_hash?: string
  _last_load_id?: string
  [key: string]: unknown
}

/** The pipeline state in dlt's format (`TPipelineState`). */
export interface PipelineState {
  _state_version: number
  _state_engine_version: number
  _version_hash?: string
  pipeline_name: string
  dataset_name: string
  default_schema_name?: string
  schema_names?: string[]
  destination_name?: string
  destination_type?: string
  /** Per-source state: `sources.<source>.resources.<resource>` is where resources keep theirs. */
  sources: Record<string, Record<string, unknown>>
  _local: LocalState
  [key: string]: unknown
}

/** The fields the version hash leaves out. */
const UNHASHED = new Set(['_state_version', '_local', '_version_hash'])

/** dlt's state version hash: base64 sha3-256 of the state's sorted-key JSON, versions excluded. */
export function stateVersionHash(state: PipelineState): string {
  const hashed: Record<string, unknown> = {}
  for (const key of Object.keys(state)) if (!UNHASHED.has(key)) hashed[key] = state[key]
  return createHash('sha3-256').update(sortedJson(hashed)).digest('base64')
}

/** The state as stored in `_dlt_pipeline_state.state`: zlib (level 9) + base64, without `_local`. */
export function compressState(state: PipelineState): string {
  const { _local: _, ...stored } = state
  return deflateSync(Buffer.from(JSON.stringify(stored), 'utf8'), { level: 9 }).toString('base64')
}

/** Decodes a stored state: base64 + zlib, or (as dlt accepts too) zlib bytes given as text. */
export function decompressState(encoded: string): unknown {
  const bytes = /^[A-Za-z0-9+/=\s]*$/.test(encoded)
    ? Buffer.from(encoded, 'base64')
    : Buffer.from(encoded, 'latin1')
  return JSON.parse(inflateSync(bytes).toString('utf8'))
}
