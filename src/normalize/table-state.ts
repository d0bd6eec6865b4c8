/**
 * @module Per-table caches of the normalizer, so that the per-value work is a Map lookup of the
 * raw key and a few field reads: the normalized name of every key at every dict path
 * (`KeyInfo`), and the current schema of every column (`ColumnSlot`).
 */

import type { ColumnInference } from '../schema/coerce-row.js'
import type { DataType } from '../schema/data-types.js'
import type { ResolvedContract } from '../schema/schema-contract.js'
import type { ColumnSchema, ContractMode, TableSchema } from '../schema/schema-types.js'
import { ownValue } from '../util/own-property.js'
import { type ColumnKey, jsonKey } from './emitted-row.js'
import type { RootRowIdType } from './relational-config.js'

/** One column name of a table and what the schema currently says about it. */
export class ColumnSlot implements ColumnKey {
  readonly name: string
  /** `"name":`, the name as a key of a JSON line. */
  readonly jsonKey: string
  /** `jsonKey` as UTF-8. */
  readonly jsonKeyBytes: Uint8Array
  /** The column schema in the table, if any (complete or not). */
  column: ColumnSchema | undefined = undefined
  /** The data type if the column is complete. */
  type: DataType | undefined = undefined
  /** Complete and `nullable: false`. */
  notNullable = false
  /** A timestamp column with `timezone: false`: values are naive UTC. */
  naive = false
  /** dicts and lists under this name stay whole (`json` column or preferred type). */
  isJson: boolean
  /** How many distinct keys of the table's data normalize to this name. */
  producers = 0
  /** A contract filter on this column (`discard_row` / `discard_value`). */
  filter: ContractMode | undefined = undefined
  /** Seen with a null value while the column had no type (reported once). */
  nullOnly = false
  readonly #preferredType: DataType | undefined

  constructor(name: string, preferredType: DataType | undefined) {
    this.name = name
    this.jsonKey = jsonKey(name)
    this.jsonKeyBytes = Buffer.from(this.jsonKey)
    this.#preferredType = preferredType
    this.isJson = preferredType === 'json'
  }

  /** Points the slot at the column's current schema. */
  setColumn(column: ColumnSchema | undefined): void {
    this.column = column
    const complete = column !== undefined && Boolean(column.name) && Boolean(column.data_type)
    this.type = complete ? column.data_type : undefined
    this.notNullable = complete && column.nullable === false
    this.naive = column?.timezone === false
    this.isJson = (column?.data_type ?? this.#preferredType) === 'json'
  }
}

/** A raw key seen at one dict path of a table, with everything derived from it. */
export class KeyInfo {
  readonly rawKey: string
  /** The normalized key (one path fragment). */
  readonly normKey: string
  /** The column the key's scalar values go to. */
  readonly slot: ColumnSlot
  /** The path node whose key this is. */
  readonly node: PathNode
  /** Values may collide with another key's values in the same row. */
  mayCollide = false
  /** Nested dict under this key (created on first use). */
  child: PathNode | undefined = undefined
  /** Nested table for lists under this key (created on first use). */
  listTable: TableState | undefined = undefined

  constructor(rawKey: string, normKey: string, slot: ColumnSlot, node: PathNode) {
    this.rawKey = rawKey
    this.normKey = normKey
    this.slot = slot
    this.node = node
  }
}

/** A dict path within a table's rows (the root of the row has an empty path). */
export class PathNode {
  readonly table: TableState
  /** Normalized fragments from the row to this dict. */
  readonly path: readonly string[]
  /** The key this dict hangs under, undefined at the row's root. */
  readonly parentKey: KeyInfo | undefined
  readonly keys = new Map<string, KeyInfo>()

  constructor(table: TableState, path: readonly string[], parentKey: KeyInfo | undefined) {
    this.table = table
    this.path = path
    this.parentKey = parentKey
  }
}

/** dlt's system column names, normalized by the naming convention. */
export interface SystemNames {
  readonly dltId: string
  readonly loadId: string
  readonly rootId: string
  readonly parentId: string
  readonly listIdx: string
  readonly value: string
}

/** Slots of the system columns (and of `value`, for lists of scalars) of one table. */
export interface SystemSlots {
  readonly dltId: ColumnSlot
  readonly loadId: ColumnSlot
  readonly rootId: ColumnSlot
  readonly parentId: ColumnSlot
  readonly listIdx: ColumnSlot
  readonly value: ColumnSlot
}

/** Normalizer state of one table. */
export class TableState {
  readonly name: string
  /** Name fragments (parent path + own path) that nested table names are built from. */
  readonly fragments: readonly string[]
  /** The parent table's name, empty for root tables. */
  readonly parentName: string
  readonly root: PathNode
  readonly slots = new Map<string, ColumnSlot>()
  /** The table in the schema, once it exists. */
  schemaTable: TableSchema | undefined
  /** A table that exists in the schema without a parent is a root table (dlt's `should_be_nested`). */
  isRoot: boolean
  contract: ResolvedContract | undefined = undefined
  /** Set when a contract refused the table: its rows are skipped. */
  filtered: ContractMode | undefined = undefined
  hasColumnFilters = false
  seenData = false
  collisionReported = false
  readonly system: SystemSlots
  /** How root rows of this table get `_dlt_id`, and the key it hashes; computed on first use. */
  rowId: { readonly type: RootRowIdType; readonly primaryKey: readonly string[] } | undefined =
    undefined
  /** Columns propagated to nested rows as [from, to] pairs; computed on first use. */
  propagation: readonly (readonly [string, string])[] | undefined = undefined
  readonly #inference: ColumnInference
  #required: { readonly of: TableSchema | undefined; readonly names: readonly string[] } | undefined

  constructor(
    name: string,
    fragments: readonly string[],
    parentName: string,
    schemaTable: TableSchema | undefined,
    inference: ColumnInference,
    names: SystemNames,
  ) {
    this.name = name
    this.fragments = fragments
    this.parentName = parentName
    this.schemaTable = schemaTable
    this.isRoot = schemaTable !== undefined && !schemaTable.parent
    this.#inference = inference
    this.root = new PathNode(this, [], undefined)
    this.system = {
      dltId: this.slot(names.dltId),
      loadId: this.slot(names.loadId),
      rootId: this.slot(names.rootId),
      parentId: this.slot(names.parentId),
      listIdx: this.slot(names.listIdx),
      value: this.slot(names.value),
    }
  }

  /** The slot of column `name`, created (and bound to the schema) on first use. */
  slot(name: string): ColumnSlot {
    let slot = this.slots.get(name)
    if (!slot) {
      slot = new ColumnSlot(name, this.#inference.preferredType(name))
      const columns = this.schemaTable?.columns
      slot.setColumn(columns && ownValue(columns, name))
      this.slots.set(name, slot)
    }
    return slot
  }

  /**
   * User columns every row must have: primary keys and columns hinted `nullable: false` (system
   * columns are filled by the normalizer). Cached until the table's schema object changes.
   */
  requiredColumns(): readonly string[] {
    const table = this.schemaTable
    if (this.#required?.of !== table) {
      const system = new Set(Object.values(this.system).map((slot) => slot.name))
      const names = Object.values(table?.columns ?? {})
        .filter((c) => (c.primary_key || c.nullable === false) && !system.has(c.name))
        .map((c) => c.name)
      this.#required = { of: table, names }
    }
    return this.#required!.names
  }

  /** Re-reads the schema of every known column (after the table changed in the schema). */
  refreshSlots(names: Iterable<string>): void {
    const columns = this.schemaTable?.columns
    for (const name of names) this.slots.get(name)?.setColumn(columns && ownValue(columns, name))
  }
}
