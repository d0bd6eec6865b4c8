/**
 * @module The stored-schema format of dlt (engine version 11), as plain JSON-able types.
 *
 * dlt-ts keeps schemas internally in exactly the shape dlt stores them (snake_case keys), so the
 * schema written to `_dlt_version` and to the working directory is readable by Python dlt, and
 * vice versa. The camelCase public hints (`primaryKey`, `writeDisposition`) are converted at the
 * API boundary (see `schema/hints.ts`).
 */
import type { DataType } from './data-types.js'

/** The schema engine version dlt 1.x writes. */
export const SCHEMA_ENGINE_VERSION = 11

export const WRITE_DISPOSITIONS = ['append', 'replace', 'merge', 'skip'] as const
/** How a load writes into a table. */
export type WriteDisposition = (typeof WRITE_DISPOSITIONS)[number]

export const MERGE_STRATEGIES = ['delete-insert', 'upsert', 'scd2', 'insert-only'] as const
/** How a `merge` load combines new rows with existing ones. */
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number]

export const CONTRACT_MODES = ['evolve', 'freeze', 'discard_row', 'discard_value'] as const
/** What happens when data does not fit the schema. */
export type ContractMode = (typeof CONTRACT_MODES)[number]

/** A schema contract: one mode for everything, or one per entity. */
export type SchemaContract =
  | ContractMode
  | {
      tables?: ContractMode
      columns?: ContractMode
      data_type?: ContractMode
    }

export const LOADER_FILE_FORMATS = ['jsonl', 'parquet', 'insert_values', 'csv'] as const
/** A file format the loader can load. */
export type LoaderFileFormat = (typeof LOADER_FILE_FORMATS)[number]

/** One column, as dlt stores it. Unset hints are absent, never `false` unless set. */
export interface ColumnSchema {
  name: string
  data_type?: DataType
  nullable?: boolean
  precision?: number
  scale?: number
  timezone?: boolean
  primary_key?: boolean
  merge_key?: boolean
  unique?: boolean
  sort?: boolean
  partition?: boolean
  cluster?: boolean
  row_key?: boolean
  parent_key?: boolean
  root_key?: boolean
  hard_delete?: boolean
  dedup_sort?: 'asc' | 'desc'
  variant?: boolean
  description?: string
  /** dlt keeps arbitrary `x-` extension hints. */
  [extension: `x-${string}`]: unknown
}

/** Columns of a table, keyed by (normalized) name, in column order. */
export type TableColumns = Record<string, ColumnSchema>

/** One table, as dlt stores it. Child (nested) tables carry `parent`. */
export interface TableSchema {
  name: string
  description?: string
  columns: TableColumns
  write_disposition?: WriteDisposition
  parent?: string
  resource?: string
  schema_contract?: SchemaContract
  table_format?: string
  file_format?: LoaderFileFormat
  /** dlt: `x-normalizer: { seen-data: true }` once rows were normalized into the table. */
  'x-normalizer'?: { 'seen-data'?: boolean; [key: string]: unknown }
  /** dlt: the merge strategy of a `merge` table. */
  'x-merge-strategy'?: MergeStrategy
  [extension: `x-${string}`]: unknown
}

/** Tables keyed by name, in creation order. */
export type SchemaTables = Record<string, TableSchema>

/** Schema-wide settings. */
export interface SchemaSettings {
  schema_contract?: SchemaContract
  detections?: string[]
  default_hints?: Record<string, string[]>
  preferred_types?: Record<string, DataType>
}

/** The naming and json normalizer configuration dlt stores with a schema. */
export interface NormalizersConfig {
  names: string
  allow_identifier_change_on_table_with_data?: boolean
  use_break_path_on_normalize?: boolean
  json?: { module: string; config?: Record<string, unknown> }
}

/** A whole schema, as dlt stores it in `_dlt_version.schema` and `schemas/<name>.schema.json`. */
export interface StoredSchema {
  version: number
  version_hash: string
  engine_version: number
  name: string
  tables: SchemaTables
  settings: SchemaSettings
  normalizers: NormalizersConfig
  previous_hashes: string[]
  description?: string
}
