/**
 * @module dlt's system tables, `_dlt_version`, `_dlt_loads` and `_dlt_pipeline_state`: names,
 * columns and column order exactly as dlt 1.x creates them.
 */
import type { TableSchema } from './schema-types.js'

export const VERSION_TABLE_NAME = '_dlt_version'
export const LOADS_TABLE_NAME = '_dlt_loads'
export const PIPELINE_STATE_TABLE_NAME = '_dlt_pipeline_state'

/** `_dlt_version`: one row per stored schema version. */
export function versionTable(): TableSchema {
  return {
    name: VERSION_TABLE_NAME,
    columns: {
      version: { name: 'version', data_type: 'bigint', nullable: false },
      engine_version: { name: 'engine_version', data_type: 'bigint', nullable: false },
      inserted_at: { name: 'inserted_at', data_type: 'timestamp', nullable: false },
      schema_name: { name: 'schema_name', data_type: 'text', nullable: false },
      version_hash: { name: 'version_hash', data_type: 'text', nullable: false },
      schema: { name: 'schema', data_type: 'text', nullable: false },
    },
    write_disposition: 'skip',
    resource: VERSION_TABLE_NAME,
    description: 'Created by DLT. Tracks schema updates',
  }
}

/** `_dlt_loads`: one row per completed load package. */
export function loadsTable(): TableSchema {
  return {
    name: LOADS_TABLE_NAME,
    columns: {
      load_id: { name: 'load_id', data_type: 'text', nullable: false },
      schema_name: { name: 'schema_name', data_type: 'text', nullable: true },
      status: { name: 'status', data_type: 'bigint', nullable: false },
      inserted_at: { name: 'inserted_at', data_type: 'timestamp', nullable: false },
      schema_version_hash: { name: 'schema_version_hash', data_type: 'text', nullable: true },
    },
    write_disposition: 'skip',
    resource: LOADS_TABLE_NAME,
    description: 'Created by DLT. Tracks completed loads',
  }
}

/** `_dlt_pipeline_state`: one row per pipeline state version, loaded like data (append). */
export function pipelineStateTable(): TableSchema {
  return {
    name: PIPELINE_STATE_TABLE_NAME,
    columns: {
      version: { name: 'version', data_type: 'bigint', nullable: false },
      engine_version: { name: 'engine_version', data_type: 'bigint', nullable: false },
      pipeline_name: { name: 'pipeline_name', data_type: 'text', nullable: false },
      state: { name: 'state', data_type: 'text', nullable: false },
      created_at: { name: 'created_at', data_type: 'timestamp', nullable: false },
      version_hash: { name: 'version_hash', data_type: 'text', nullable: true },
      _dlt_load_id: { name: '_dlt_load_id', data_type: 'text', nullable: false },
      _dlt_id: { name: '_dlt_id', data_type: 'text', nullable: false, unique: true, row_key: true },
    },
    write_disposition: 'append',
    resource: PIPELINE_STATE_TABLE_NAME,
    'x-normalizer': { 'seen-data': true },
  }
}
