/**
 * @module dlt's system tables kept as files in the dataset folder, laid out as dlt's filesystem
 * destination does, so Python dlt and dlt-ts restore state from each other's buckets:
 *
 * ```
 * <dataset>/init                                                   {"initial_version": 2, …}
 * <dataset>/_dlt_loads/<schema_name>__<load_id>.jsonl              one completed load
 * <dataset>/_dlt_version/<schema_name>__<id>__<hash hex>.jsonl     one stored schema version
 * <dataset>/_dlt_pipeline_state/<pipeline>__<load_id>__<schema hash hex>.jsonl   one state
 * ```
 * Each file holds one JSON object. A state counts only once its load is in `_dlt_loads` (the SQL
 * destinations join the two tables the same way), so an abandoned package never restores.
 */

import { type FileTransport, joinKey, keyBaseName } from '../../buckets/file-transport.js'
import type { Schema } from '../../schema/schema.js'
import type { StoredSchema } from '../../schema/schema-types.js'
import {
  LOADS_TABLE_NAME,
  PIPELINE_STATE_TABLE_NAME,
  VERSION_TABLE_NAME,
} from '../../schema/system-tables.js'
import { compareLoadIds as compareNumericIds, createLoadId } from '../../storage/load-id.js'
import type { StoredStateRow } from '../destination.js'

/** dlt's storage version of a filesystem dataset (2: compressed files carry `.gz`). */
const STORAGE_VERSION = 2
const SEPARATOR = '__'

/** A state row as the loader file of `_dlt_pipeline_state` holds it. */
export type StateRow = Record<string, unknown>

/** The parts of a system file name: `<name>__<load or schema id>__<hash hex>`. */
interface DltFileName {
  readonly key: string
  readonly name: string
  readonly id: string
  readonly hash: string
}

/** dlt's path-safe form of a base64 hash: its bytes in hex. */
export function pathSafeHash(hash: string): string {
  return Buffer.from(hash, 'base64').toString('hex')
}

/** Splits `<name>__<id>__<hash>.jsonl` from the right, as dlt's `rsplit('__', 2)`. */
function parseDltFileName(key: string): DltFileName | undefined {
  const base = keyBaseName(key)
  const stem = base.endsWith('.jsonl') ? base.slice(0, -'.jsonl'.length) : base
  const last = stem.lastIndexOf(SEPARATOR)
  const middle = last > 0 ? stem.lastIndexOf(SEPARATOR, last - 1) : -1
  if (middle < 0) return undefined
  return {
    key,
    name: stem.slice(0, middle),
    id: stem.slice(middle + SEPARATOR.length, last),
    hash: stem.slice(last + SEPARATOR.length),
  }
}

/** Compares load or schema ids numerically; ids that are not numbers (foreign files) as text. */
function compareLoadIds(a: string, b: string): number {
  try {
    return compareNumericIds(a, b)
  } catch {
    // a file not written by dlt: its id is no number, so order it as text instead of failing
    return a < b ? -1 : a > b ? 1 : 0
  }
}

/** dlt's ISO-8601 form of a UTC time (`+00:00` rather than `Z`). */
function isoUtc(date: Date): string {
  return date.toISOString().replace('Z', '+00:00')
}

/** Reads and writes the system-table files of one dataset. */
export class DltTableFiles {
  readonly #transport: FileTransport
  readonly #dataset: string

  constructor(transport: FileTransport, datasetKey: string) {
    this.#transport = transport
    this.#dataset = datasetKey
  }

  /** Creates the dataset folder and dlt's `init` file when missing. */
  async initialize(): Promise<void> {
    const init = joinKey(this.#dataset, 'init')
    if ((await this.#transport.readText(init)) !== undefined) return
    await this.#transport.makeFolder(this.#dataset)
    const version = { initial_version: STORAGE_VERSION, current_version: STORAGE_VERSION }
    await this.#transport.writeFile(init, JSON.stringify(version))
  }

  /** Records `loadId` as completed (dlt's `_store_load`). */
  async storeLoad(loadId: string, schema: Schema): Promise<void> {
    const row = {
      load_id: loadId,
      schema_name: schema.name,
      status: 0,
      inserted_at: isoUtc(new Date()),
      schema_version_hash: schema.versionHash,
    }
    const key = joinKey(
      this.#dataset,
      LOADS_TABLE_NAME,
      `${schema.name}${SEPARATOR}${loadId}.jsonl`,
    )
    await this.#transport.writeFile(key, JSON.stringify(row))
  }

  /** Load ids recorded in `_dlt_loads`. */
  async completedLoadIds(): Promise<Set<string>> {
    const ids = new Set<string>()
    for (const key of await this.#list(LOADS_TABLE_NAME)) {
      const stem = keyBaseName(key).replace(/\.jsonl$/, '')
      const at = stem.lastIndexOf(SEPARATOR)
      if (at > 0) ids.add(stem.slice(at + SEPARATOR.length))
    }
    return ids
  }

  /** The newest stored version of schema `schemaName`, if any. */
  async getStoredSchema(schemaName: string): Promise<StoredSchema | undefined> {
    const newest = (await this.#files(VERSION_TABLE_NAME))
      .filter((file) => file.name === schemaName)
      .sort((a, b) => compareLoadIds(a.id, b.id))
      .at(-1)
    if (!newest) return undefined
    const info = JSON.parse((await this.#transport.readText(newest.key)) ?? '{}') as {
      schema?: string
    }
    return typeof info.schema === 'string' ? (JSON.parse(info.schema) as StoredSchema) : undefined
  }

  /** The newest stored version of every schema in the dataset, by schema name. */
  async getStoredSchemas(): Promise<StoredSchema[]> {
    const names = new Set((await this.#files(VERSION_TABLE_NAME)).map((file) => file.name))
    const schemas: StoredSchema[] = []
    for (const name of names) {
      const stored = await this.getStoredSchema(name)
      if (stored) schemas.push(stored)
    }
    return schemas
  }

  /** Stores `schema` unless a version with its hash is there (dlt's `_update_schema_in_storage`). */
  async storeSchema(schema: Schema): Promise<void> {
    const files = await this.#files(VERSION_TABLE_NAME)
    const hash = pathSafeHash(schema.versionHash)
    if (files.some((file) => file.hash === hash)) return
    const newestId = files
      .map((file) => file.id)
      .filter((id) => /^\d+(\.\d+)?$/.test(id))
      .sort(compareLoadIds)
      .at(-1)
    const id = createLoadId(newestId)
    const stored = schema.toStored()
    const info = {
      version_hash: stored.version_hash,
      schema_name: stored.name,
      version: stored.version,
      engine_version: stored.engine_version,
      inserted_at: isoUtc(new Date()),
      schema: JSON.stringify(stored),
    }
    const file = `${schema.name}${SEPARATOR}${id}${SEPARATOR}${hash}.jsonl`
    await this.#transport.writeFile(
      joinKey(this.#dataset, VERSION_TABLE_NAME, file),
      JSON.stringify(info),
    )
  }

  /**
   * Writes the newest of the package's state rows as dlt's state document, named after the
   * pipeline, the load and the schema's hash (dlt's `_store_current_state`), then keeps only the
   * `maxStateFiles` newest state files of the pipeline (0 keeps all).
   */
  async storeState(
    rows: readonly StateRow[],
    loadId: string,
    schema: Schema,
    maxStateFiles: number,
  ): Promise<void> {
    const row = [...rows].sort((a, b) => Number(a['version']) - Number(b['version'])).at(-1)
    if (!row) return
    const pipelineName = String(row['pipeline_name'])
    // dlt's state document has exactly these keys (`_dlt_id` is not one of them)
    const doc = {
      version: row['version'],
      engine_version: row['engine_version'],
      pipeline_name: pipelineName,
      state: row['state'],
      created_at: row['created_at'],
      version_hash: row['version_hash'],
      _dlt_load_id: row['_dlt_load_id'] ?? loadId,
    }
    const name = `${pipelineName}${SEPARATOR}${loadId}${SEPARATOR}${pathSafeHash(schema.versionHash)}.jsonl`
    await this.#transport.writeFile(
      joinKey(this.#dataset, PIPELINE_STATE_TABLE_NAME, name),
      JSON.stringify(doc),
    )
    if (maxStateFiles > 0) await this.#pruneStates(pipelineName, maxStateFiles)
  }

  /** The newest state of `pipelineName` whose load completed. */
  async getStoredState(pipelineName: string): Promise<StoredStateRow | undefined> {
    const completed = await this.completedLoadIds()
    const newest = (await this.#files(PIPELINE_STATE_TABLE_NAME))
      .filter((file) => file.name === pipelineName && completed.has(file.id))
      .sort((a, b) => compareLoadIds(a.id, b.id))
      .at(-1)
    if (!newest) return undefined
    const doc = JSON.parse((await this.#transport.readText(newest.key)) ?? '{}') as StateRow
    return {
      version: Number(doc['version']),
      engineVersion: Number(doc['engine_version']),
      pipelineName: String(doc['pipeline_name']),
      state: String(doc['state']),
      createdAt: new Date(String(doc['created_at'])),
      versionHash: doc['version_hash'] == null ? '' : String(doc['version_hash']),
      // dlt < 0.5 stored `dlt_load_id`
      loadId: String(doc['_dlt_load_id'] ?? doc['dlt_load_id'] ?? newest.id),
    }
  }

  async #pruneStates(pipelineName: string, keep: number): Promise<void> {
    const files = (await this.#files(PIPELINE_STATE_TABLE_NAME))
      .filter((file) => file.name === pipelineName)
      .sort((a, b) => compareLoadIds(b.id, a.id))
    for (const file of files.slice(keep)) await this.#transport.deleteFile(file.key)
  }

  async #list(table: string): Promise<string[]> {
    return (await this.#transport.listFiles(joinKey(this.#dataset, table))).filter((key) =>
      key.endsWith('.jsonl'),
    )
  }

  async #files(table: string): Promise<DltFileName[]> {
    return (await this.#list(table)).flatMap((key) => parseDltFileName(key) ?? [])
  }
}
