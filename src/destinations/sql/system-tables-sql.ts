/**
 * @module Reads and writes of dlt's system tables as dlt's `SqlJobClientBase` does them: the
 * newest stored schema by `inserted_at`, the newest pipeline state of a *committed* load
 * (joined with `_dlt_loads`, ordered by load id), the `_dlt_loads` row of a completed load and
 * the `_dlt_version` row of a new schema version. Parameters are positional (`$1`, `$2`, …).
 */
import type { Schema } from '../../schema/schema.js'
import type { StoredSchema } from '../../schema/schema-types.js'
import {
  LOADS_TABLE_NAME,
  PIPELINE_STATE_TABLE_NAME,
  VERSION_TABLE_NAME,
} from '../../schema/system-tables.js'
import type { StoredStateRow } from '../destination.js'
import type { QualifiedNames } from './qualified-names.js'

/** A statement and its positional parameters. */
export interface SqlStatement {
  readonly sql: string
  readonly params: readonly unknown[]
}

const STATE_COLUMNS = [
  'version',
  'engine_version',
  'pipeline_name',
  'state',
  'created_at',
  'version_hash',
  '_dlt_load_id',
] as const

/** The newest `_dlt_version` row of `schemaName`; selects `schema`. */
export function storedSchemaQuery(names: QualifiedNames, schemaName: string): SqlStatement {
  const [schema, schemaNameColumn, insertedAt] = ['schema', 'schema_name', 'inserted_at'].map(
    (column) => names.quote(column),
  )
  return {
    sql:
      `SELECT ${schema} FROM ${names.table(VERSION_TABLE_NAME)} WHERE ${schemaNameColumn} = $1 ` +
      `ORDER BY ${insertedAt} DESC LIMIT 1`,
    params: [schemaName],
  }
}

/** Parses the `schema` column of a `_dlt_version` row. */
export function parseStoredSchema(
  row: Record<string, unknown> | undefined,
): StoredSchema | undefined {
  const text = row?.['schema']
  return typeof text === 'string' ? (JSON.parse(text) as StoredSchema) : undefined
}

/** Whether `_dlt_version` has a row with `versionHash`. */
export function schemaVersionExistsQuery(names: QualifiedNames, versionHash: string): SqlStatement {
  return {
    sql:
      `SELECT 1 AS found FROM ${names.table(VERSION_TABLE_NAME)} ` +
      `WHERE ${names.quote('version_hash')} = $1 LIMIT 1`,
    params: [versionHash],
  }
}

/** Inserts `schema` (its stored-schema JSON) into `_dlt_version`. */
export function insertSchemaVersion(
  names: QualifiedNames,
  schema: Schema,
  now: Date,
): SqlStatement {
  const stored = schema.toStored()
  const columns = [
    'version',
    'engine_version',
    'inserted_at',
    'schema_name',
    'version_hash',
    'schema',
  ]
  return {
    sql:
      `INSERT INTO ${names.table(VERSION_TABLE_NAME)} (${columns.map((c) => names.quote(c)).join(', ')}) ` +
      'VALUES ($1, $2, $3, $4, $5, $6)',
    params: [
      stored.version,
      stored.engine_version,
      now,
      stored.name,
      stored.version_hash,
      JSON.stringify(stored),
    ],
  }
}

/** The newest state row of `pipelineName` whose load is committed (`_dlt_loads.status = 0`). */
export function storedStateQuery(names: QualifiedNames, pipelineName: string): SqlStatement {
  const columns = STATE_COLUMNS.map((column) => `s.${names.quote(column)}`).join(', ')
  const loadId = names.quote('load_id')
  return {
    sql:
      `SELECT ${columns} FROM ${names.table(PIPELINE_STATE_TABLE_NAME)} AS s ` +
      `JOIN ${names.table(LOADS_TABLE_NAME)} AS l ON l.${loadId} = s.${names.quote('_dlt_load_id')} ` +
      `WHERE s.${names.quote('pipeline_name')} = $1 AND l.${names.quote('status')} = 0 ` +
      `ORDER BY l.${loadId} DESC LIMIT 1`,
    params: [pipelineName],
  }
}

/** Converts a state row as the driver returns it to `StoredStateRow`. */
export function toStoredStateRow(
  row: Record<string, unknown> | undefined,
): StoredStateRow | undefined {
  if (!row) return undefined
  const createdAt = row['created_at']
  return {
    version: Number(row['version']),
    engineVersion: Number(row['engine_version']),
    pipelineName: String(row['pipeline_name']),
    state: String(row['state']),
    createdAt: createdAt instanceof Date ? createdAt : new Date(String(createdAt)),
    versionHash: row['version_hash'] == null ? '' : String(row['version_hash']),
    loadId: String(row['_dlt_load_id']),
  }
}

/** Whether `_dlt_loads` records `loadId`. */
export function loadCompletedQuery(names: QualifiedNames, loadId: string): SqlStatement {
  return {
    sql:
      `SELECT 1 AS found FROM ${names.table(LOADS_TABLE_NAME)} ` +
      `WHERE ${names.quote('load_id')} = $1 LIMIT 1`,
    params: [loadId],
  }
}

/** The `_dlt_loads` row of a completed load (status 0). */
export function insertCompletedLoad(
  names: QualifiedNames,
  loadId: string,
  schema: Schema,
  now: Date,
): SqlStatement {
  const columns = ['load_id', 'schema_name', 'status', 'inserted_at', 'schema_version_hash']
  return {
    sql:
      `INSERT INTO ${names.table(LOADS_TABLE_NAME)} (${columns.map((c) => names.quote(c)).join(', ')}) ` +
      'VALUES ($1, $2, 0, $3, $4)',
    params: [loadId, schema.name, now, schema.versionHash],
  }
}

/** Whether a table exists in the dataset. */
export function tableExistsQuery(names: QualifiedNames, tableName: string): SqlStatement {
  const catalog = names.catalog === undefined ? '' : ' AND table_catalog = $3'
  return {
    sql:
      'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = $1 ' +
      `AND table_name = $2${catalog}`,
    params:
      names.catalog === undefined
        ? [names.dataset, tableName]
        : [names.dataset, tableName, names.catalog],
  }
}

/** Names of the dataset's tables, sorted. */
export function listTablesQuery(names: QualifiedNames): SqlStatement {
  const catalog = names.catalog === undefined ? '' : ' AND table_catalog = $2'
  return {
    sql:
      'SELECT table_name AS table_name FROM information_schema.tables ' +
      `WHERE table_schema = $1${catalog} ` +
      'ORDER BY table_name',
    params: names.catalog === undefined ? [names.dataset] : [names.dataset, names.catalog],
  }
}
