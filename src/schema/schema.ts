/**
 * @module `Schema`: one dlt schema (tables, columns, settings) plus its version bookkeeping.
 *
 * The data is kept in dlt's stored-schema shape (`StoredSchema`), so saving a schema is a JSON dump.
 */

import { ownValue, setOwnValue } from '../util/own-property.js'
import {
  singleHintColumns,
  validateColumnHints,
  validateEvolvedColumnHints,
} from './column-hint-rules.js'
import type { ColumnSchema, SchemaTables, StoredSchema, TableSchema } from './schema-types.js'
import { SCHEMA_ENGINE_VERSION } from './schema-types.js'
import { loadsTable, versionTable } from './system-tables.js'
import { bumpVersion } from './version-hash.js'

/** Prefix of dlt's own tables and columns. */
export const DLT_PREFIX = '_dlt_'

/** A dlt schema: tables and their columns, in creation order. Mutable; clone before sharing. */
export class Schema {
  #stored: StoredSchema

  constructor(name: string, stored?: StoredSchema) {
    this.#stored = stored ?? {
      version: 1,
      version_hash: '',
      engine_version: SCHEMA_ENGINE_VERSION,
      name,
      tables: {},
      settings: { detections: ['iso_timestamp'] },
      normalizers: {
        names: 'snake_case',
        json: { module: 'dlt.common.normalizers.json.relational' },
      },
      previous_hashes: [],
    }
    // dlt: every schema starts with its two bookkeeping tables
    if (!stored) {
      for (const table of [versionTable(), loadsTable()]) this.#stored.tables[table.name] = table
    }
  }

  /** Rebuilds a schema from its stored form (deep-copied). */
  static fromStored(stored: StoredSchema): Schema {
    return new Schema(stored.name, structuredClone(stored))
  }

  get name(): string {
    return this.#stored.name
  }

  get version(): number {
    return this.#stored.version
  }

  get versionHash(): string {
    return this.#stored.version_hash
  }

  /** All tables, including dlt's system tables, by name. */
  get tables(): SchemaTables {
    return this.#stored.tables
  }

  get settings(): StoredSchema['settings'] {
    return this.#stored.settings
  }

  getTable(name: string): TableSchema | undefined {
    return ownValue(this.#stored.tables, name)
  }

  /** Names of the tables that hold user data (root and nested), in creation order. */
  dataTableNames(): string[] {
    return Object.keys(this.#stored.tables).filter((name) => !name.startsWith(DLT_PREFIX))
  }

  /** The root table of `name` (itself if it has no parent). */
  getRootTable(name: string): TableSchema {
    let table = this.#requireTable(name)
    while (table.parent) table = this.#requireTable(table.parent)
    return table
  }

  /** `root` followed by all its nested tables, parents before children. */
  getTableChain(root: string): TableSchema[] {
    const chain = [this.#requireTable(root)]
    for (let i = 0; i < chain.length; i++) {
      const parentName = chain[i]!.name
      for (const table of Object.values(this.#stored.tables)) {
        if (table.parent === parentName) chain.push(table)
      }
    }
    return chain
  }

  /**
   * Merges `partial` into the table of the same name: new columns are appended in order, hints of
   * existing columns are overwritten by those set in `partial`, table-level hints likewise.
   * Creates the table when it does not exist.
   *
   * With `replaceCompoundHints` (how extract applies a resource's hints), a compound hint that
   * `partial` sets on any column (`primary_key`, `merge_key`, …) is first removed from every
   * existing column, so new keys replace the old ones instead of adding to them (dlt's
   * `merge_compound_props=False`).
   */
  updateTable(
    partial: TableSchema,
    { replaceCompoundHints = false }: { readonly replaceCompoundHints?: boolean } = {},
  ): TableSchema {
    // own lookups: a table or column may be named `constructor` (or `__proto__` under `direct`)
    const existing = ownValue(this.#stored.tables, partial.name)
    if (!existing) {
      const created: TableSchema = { ...partial, columns: cloneColumns(partial.columns) }
      validateColumnHints(created)
      setOwnValue(this.#stored.tables, partial.name, created)
      return created
    }
    const earlier = singleHintColumns(existing)
    const { columns, ...tableHints } = partial
    Object.assign(existing, tableHints)
    if (replaceCompoundHints) removeCompoundHints(existing.columns, columns)
    for (const [name, column] of Object.entries(columns)) {
      const current = ownValue(existing.columns, name)
      setOwnValue(existing.columns, name, current ? { ...current, ...column } : { ...column })
    }
    // dedup_sort/hard_delete are not compound in dlt: a run hinting another column makes two
    validateEvolvedColumnHints(existing, earlier)
    return existing
  }

  /** Removes the tables named (a table's nested tables are not removed with it). */
  removeTables(names: readonly string[]): void {
    for (const name of names) delete this.#stored.tables[name]
  }

  /**
   * Recomputes the version hash; increments the version when the content changed since the last
   * bump (dlt's `bump_version`). Returns true if the version changed.
   */
  bumpVersion(): boolean {
    return bumpVersion(this.#stored)
  }

  /** Merges `patch` into the relational normalizer's config (`normalizers.json.config`). */
  setNormalizerConfig(patch: Record<string, unknown>): void {
    const json = this.#stored.normalizers.json ?? {
      module: 'dlt.common.normalizers.json.relational',
    }
    json.config = { ...json.config, ...patch }
    this.#stored.normalizers.json = json
  }

  /** The stored form (a deep copy). */
  toStored(): StoredSchema {
    return structuredClone(this.#stored)
  }

  /** An independent copy. */
  clone(): Schema {
    return Schema.fromStored(this.#stored)
  }

  #requireTable(name: string): TableSchema {
    const table = ownValue(this.#stored.tables, name)
    if (!table) throw new Error(`Table "${name}" is not in schema "${this.name}"`)
    return table
  }
}

function cloneColumns(columns: Record<string, ColumnSchema>): Record<string, ColumnSchema> {
  const out: Record<string, ColumnSchema> = {}
  for (const [name, column] of Object.entries(columns)) setOwnValue(out, name, { ...column })
  return out
}

/** dlt's compound column hints: together over a table's columns they make one key. */
const COMPOUND_HINTS = ['primary_key', 'merge_key', 'partition', 'cluster'] as const

/** Removes from `columns` each compound hint that one of `incoming` sets. */
function removeCompoundHints(columns: TableSchema['columns'], incoming: TableSchema['columns']) {
  const incomingColumns = Object.values(incoming)
  const replaced = COMPOUND_HINTS.filter((hint) => incomingColumns.some((column) => column[hint]))
  if (!replaced.length) return
  for (const column of Object.values(columns)) {
    for (const hint of replaced) delete column[hint]
  }
}
