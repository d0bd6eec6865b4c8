/**
 * @module The relational normalizer: one decoded item becomes rows of a root table and of nested
 * tables, exactly as dlt's `DataItemNormalizer` (`dlt/common/normalizers/json/relational.py`)
 * makes them. Dicts are flattened into `parent__child` columns (a level's own values first, then
 * its nested dicts, last one first — dlt's stack order), lists become nested tables linked by
 * `_dlt_parent_id`/`_dlt_list_idx`, lists of scalars get a `value` column and lists of lists a
 * `list` table. Below the nesting limit, or under a `json` column, dicts and lists stay whole.
 *
 * Pure and synchronous; the per-value path allocates nothing but the output row.
 */
import { type CoerceContext, ColumnInference } from '../schema/coerce-row.js'
import { normalizeBigint } from '../schema/infer-type.js'
import type { NamingConvention } from '../schema/naming/naming-convention.js'
import type { Schema } from '../schema/schema.js'
import { ownValue } from '../util/own-property.js'
import { ItemChecker, isPlainObject } from './item-checks.js'
import { JsonRowsCopier } from './json-rows-copier.js'
import {
  NormalizeEventLog,
  type NormalizeEvents,
  type NormalizeEventsData,
  type NullOnlyColumnEvent,
} from './normalize-events.js'
import {
  C_DLT_ID,
  C_DLT_LIST_IDX,
  C_DLT_LOAD_ID,
  C_DLT_PARENT_ID,
  C_DLT_ROOT_ID,
  C_VALUE,
  DEFAULT_MAX_NESTING,
  extendSchemaHints,
  primaryKeyColumns,
  readNormalizerConfig,
  rootRowIdType,
} from './relational-config.js'
import { RowBuffer } from './row-buffer.js'
import { type EmitRow, RowCoercer } from './row-coercer.js'
import { generateDltId, nestedRowId, rowHash } from './row-ids.js'
import { TableRegistry } from './table-registry.js'
import {
  type ColumnSlot,
  type KeyInfo,
  PathNode,
  type SystemNames,
  type TableState,
} from './table-state.js'

export type { NormalizeEvents } from './normalize-events.js'

/** Settings of an `ItemNormalizer`. */
export interface ItemNormalizerConfig {
  /** Load id written to `_dlt_load_id` of root rows. */
  readonly loadId: string
  /** The schema's naming convention. */
  readonly naming: NamingConvention
  /**
   * Levels of nesting that become nested tables or flattened columns; deeper data stays whole in
   * `json` columns (dlt's `max_table_nesting`). A root table's `x-normalizer.max_nesting` hint
   * overrides it.
   * @default the schema's `normalizers.json.config.max_nesting`, else 1000
   */
  readonly maxTableNesting?: number
}

/** The key dlt puts a nested list under to normalize lists of lists. */
const LIST_KEY = 'list'
/** Normalizes items into rows, evolving a schema in place. One instance per load package. */
export class ItemNormalizer {
  readonly #schema: Schema
  readonly #loadId: string
  readonly #events: NormalizeEventLog
  readonly #coercer: RowCoercer
  readonly #names: SystemNames
  readonly #registry: TableRegistry
  readonly #row = new RowBuffer()
  // nested dicts waiting to be flattened (dlt's stack)
  readonly #pendingObjects: (Record<string, unknown> | undefined)[] = []
  readonly #pendingLevels: number[] = []
  readonly #pendingKeys: KeyInfo[] = []
  #pendingLength = 0
  readonly #checks = new ItemChecker()
  #emit: EmitRow = () => {}
  readonly #workerNullOnly: NullOnlyColumnEvent[] = []

  constructor(schema: Schema, config: ItemNormalizerConfig) {
    this.#schema = schema
    this.#loadId = config.loadId
    extendSchemaHints(schema)
    const inference = new ColumnInference(schema.settings)
    this.#events = new NormalizeEventLog(() => this.#nullOnlyColumns())
    const naming = config.naming
    const context: CoerceContext = {
      inference,
      shortenFragments: (...fragments) => naming.shortenFragments(...fragments),
    }
    this.#coercer = new RowCoercer(schema, context, this.#events)
    const id = (name: string) => naming.normalizeIdentifier(name)
    this.#names = {
      dltId: id(C_DLT_ID),
      loadId: id(C_DLT_LOAD_ID),
      rootId: id(C_DLT_ROOT_ID),
      parentId: id(C_DLT_PARENT_ID),
      listIdx: id(C_DLT_LIST_IDX),
      value: id(C_VALUE),
    }
    const { config: stored, useBreakPath } = readNormalizerConfig(schema)
    this.#registry = new TableRegistry(schema, naming, inference, this.#names, {
      config: stored,
      useBreakPath,
      maxNesting: config.maxTableNesting ?? stored.max_nesting ?? DEFAULT_MAX_NESTING,
    })
  }

  /** What happened so far. */
  get events(): NormalizeEvents {
    return this.#events
  }

  /**
   * Normalizes one item for root table `tableName`: calls `emit(table, row)` for each row, parents
   * before their nested rows, and updates the schema (tables, columns, variants, seen-data).
   * Throws `InvalidItemError` for values that are not data, `DataTypeError`/`NullValueError` for
   * values that fit no column, `SchemaContractError` when a frozen contract is broken.
   */
  normalize(item: unknown, tableName: string, emit: EmitRow): void {
    const root = this.#registry.root(tableName)
    this.#emit = emit
    this.#checks.reset(root.table.name)
    this.#pendingLength = 0 // a previous item may have thrown mid-way
    const row =
      item !== null && typeof item === 'object' && !Array.isArray(item) && isPlainObject(item)
        ? (item as Record<string, unknown>)
        : { [this.#names.value]: item }
    this.#normalizeRow(root.table, row, undefined, undefined, 0, root.maxNesting, true)
  }

  /**
   * The fast path for the array lines of a JSON rows file of root table `tableName` whose header
   * names `columns` (see `json-rows-copier.ts`); undefined when its lines must all be normalized
   * (two columns normalize to one name, or a column is a system column such as `_dlt_id`).
   */
  jsonRowsCopier(tableName: string, columns: readonly string[]): JsonRowsCopier | undefined {
    const { table } = this.#registry.root(tableName)
    const node = table.root
    const slots = columns.map(
      (name) => (node.keys.get(name) ?? this.#registry.key(node, name)).slot,
    )
    const system = new Set<ColumnSlot>(Object.values(table.system))
    if (new Set(slots).size !== slots.length || slots.some((slot) => system.has(slot))) {
      return undefined
    }
    return new JsonRowsCopier(table, slots, this.#loadId)
  }

  /**
   * Adds the events of items a worker normalized against this normalizer's schema, after the
   * items normalized here so far (see `parallel-normalize.ts`).
   */
  mergeEvents(events: NormalizeEventsData): void {
    this.#events.merge(events)
    this.#workerNullOnly.push(...events.nullOnlyColumns)
  }

  /**
   * Ends the package (dlt does this after normalizing it): tables that received rows drop their
   * one-time `evolve-columns-once` permission.
   */
  finish(): void {
    for (const name of this.#events.tables) {
      const xNormalizer = this.#schema.getTable(name)?.['x-normalizer']
      if (xNormalizer) delete xNormalizer['evolve-columns-once']
    }
  }

  // ---- rows ----------------------------------------------------------------------------------

  #normalizeRow(
    table: TableState,
    dict: Record<string, unknown>,
    extend: readonly unknown[] | undefined,
    parentRowId: string | undefined,
    position: number,
    level: number,
    isRoot: boolean,
  ): void {
    // dlt: rows of a table a contract refused are skipped, with their nested rows
    if (table.filtered) {
      this.#events.discardRow(table.name)
      return
    }
    const system = table.system
    this.#row.reset()
    this.#checks.ancestors.push(dict)
    const lists = this.#flatten(table.root, dict, level, undefined)
    if (extend) this.#extend(table, extend)
    const root = isRoot || table.isRoot
    if (root) this.#row.set(system.loadId, this.#loadId)
    let rowId =
      system.dltId.producers > 0 ? (this.#row.get(system.dltId) as string | undefined) : undefined
    if (!rowId) rowId = this.#addRowId(table, dict, parentRowId, position, root)
    const childExtend = this.#propagate(table, root, extend, rowId)
    if (this.#coercer.processRow(table, this.#row, this.#emit) && lists) {
      for (let i = 0; i < lists.length; i += 3) {
        const info = lists[i + 1] as KeyInfo
        this.#normalizeList(
          lists[i] as TableState,
          info,
          lists[i + 2] as unknown[],
          childExtend,
          rowId,
          level - 1,
        )
      }
    }
    this.#checks.ancestors.pop()
  }

  #normalizeList(
    table: TableState,
    info: KeyInfo,
    seq: unknown[],
    extend: readonly unknown[] | undefined,
    parentRowId: string,
    level: number,
  ): void {
    if (this.#checks.ancestors.includes(seq)) this.#checks.invalid(info, 'circular reference')
    const pathLength = this.#checks.keyPath.length
    this.#checks.pushKeys(info)
    this.#checks.ancestors.push(seq)
    const indexAt = this.#checks.keyPath.length
    for (let index = 0; index < seq.length; index++) {
      this.#checks.keyPath[indexAt] = index
      const value = seq[index]
      if (value !== null && typeof value === 'object') {
        if (Array.isArray(value) || isPlainObject(value)) {
          if (this.#checks.ancestors.includes(value))
            this.#checks.invalid(undefined, 'circular reference')
          if (Array.isArray(value)) {
            // dlt: a list in a list becomes a row `{list: [...]}` of this table, one level deeper
            const wrapper = { [LIST_KEY]: value }
            this.#normalizeRow(table, wrapper, extend, parentRowId, index, level - 1, false)
          } else {
            this.#normalizeRow(
              table,
              value as Record<string, unknown>,
              extend,
              parentRowId,
              index,
              level,
              false,
            )
          }
          continue
        }
      }
      this.#normalizeScalarRow(table, value, extend, parentRowId, index)
    }
    this.#checks.ancestors.pop()
    this.#checks.keyPath.length = pathLength
  }

  /** A list of scalars: each value is a row `{value: v}` (dlt's `wrap_in_dict`). */
  #normalizeScalarRow(
    table: TableState,
    value: unknown,
    extend: readonly unknown[] | undefined,
    parentRowId: string,
    index: number,
  ): void {
    if (table.filtered) {
      this.#events.discardRow(table.name)
      return
    }
    this.#row.reset()
    this.#checks.checkScalar(value, undefined)
    const scalar =
      value === undefined ? null : typeof value === 'bigint' ? normalizeBigint(value) : value
    this.#row.append(table.system.value, scalar)
    if (extend) this.#extend(table, extend)
    this.#addRowId(table, undefined, parentRowId, index, table.isRoot)
    this.#coercer.processRow(table, this.#row, this.#emit)
  }

  #addRowId(
    table: TableState,
    dict: Record<string, unknown> | undefined,
    parentRowId: string | undefined,
    position: number,
    isRoot: boolean,
  ): string {
    const system = table.system
    let rowId: string
    if (!isRoot) {
      rowId = nestedRowId(parentRowId!, table.name, position)
      this.#row.set(system.parentId, parentRowId)
      this.#row.set(system.listIdx, position)
    } else {
      if (!table.rowId) {
        const type = rootRowIdType(table.schemaTable, this.#names.dltId)
        table.rowId = { type, primaryKey: primaryKeyColumns(table.schemaTable) }
      }
      const idType = table.rowId.type
      if (idType === 'key_hash') {
        rowId = rowHash(this.#row.toObject(), table.rowId.primaryKey)
      } else if (idType === 'row_hash') {
        rowId = rowHash(dict ?? this.#row.toObject())
      } else {
        rowId = generateDltId()
      }
    }
    this.#row.set(system.dltId, rowId)
    return rowId
  }

  /** Values passed down to nested rows (dlt's propagation; `_dlt_root_id` for merge tables). */
  #propagate(
    table: TableState,
    isRoot: boolean,
    extend: readonly unknown[] | undefined,
    rowId: string,
  ): readonly unknown[] | undefined {
    let mapping = table.propagation
    if (mapping === undefined) {
      mapping = this.#registry.propagation(table, isRoot)
      table.propagation = mapping
    }
    if (mapping.length === 0) return extend
    const out = extend ? extend.slice() : []
    for (const [from, to] of mapping) {
      const slot = table.slots.get(from)
      const at = slot ? this.#row.indexOf(slot) : -1
      if (at < 0) continue
      const value = slot === table.system.dltId ? rowId : this.#row.values[at]
      let existing = 0
      while (existing < out.length && out[existing] !== to) existing += 2
      if (existing < out.length) out[existing + 1] = value
      else out.push(to, value)
    }
    return out
  }

  #extend(table: TableState, extend: readonly unknown[]): void {
    for (let i = 0; i < extend.length; i += 2) {
      const name = extend[i] as string
      const slot = name === this.#names.rootId ? table.system.rootId : table.slot(name)
      this.#row.set(slot, extend[i + 1])
    }
  }

  // ---- flattening ----------------------------------------------------------------------------

  /** Flattens `dict` into the row; returns lists found as [table, key, list] triples. */
  #flatten(
    node: PathNode,
    dict: Record<string, unknown>,
    level: number,
    lists: unknown[] | undefined,
  ): unknown[] | undefined {
    const base = this.#pendingLength
    const keys = node.keys
    for (const rawKey in dict) {
      const value = dict[rawKey]
      const info = keys.get(rawKey) ?? this.#registry.key(node, rawKey)
      if (value === null || value === undefined) {
        this.#addData(info.slot, null, node.table)
        continue
      }
      if (typeof value !== 'object') {
        const scalar =
          typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
            ? value
            : this.#rareScalar(value, info)
        this.#addData(info.slot, scalar, node.table)
        continue
      }
      if (Array.isArray(value)) {
        if (level > 0 && !info.slot.isJson) {
          lists = this.#addList(lists, info, value)
          continue
        }
        this.#checks.checkJson(value, info)
      } else if (isPlainObject(value)) {
        if (level > 0 && !info.slot.isJson) {
          this.#pushPending(value as Record<string, unknown>, level - 1, info)
          continue
        }
        this.#checks.checkJson(value, info)
      } else {
        this.#checks.checkScalar(value, info)
      }
      this.#addData(info.slot, value, node.table)
    }
    // nested dicts, last pushed first: dlt's stack order
    while (this.#pendingLength > base) {
      const at = --this.#pendingLength
      const child = this.#pendingObjects[at]!
      const info = this.#pendingKeys[at]!
      this.#pendingObjects[at] = undefined
      if (this.#checks.ancestors.includes(child)) this.#checks.invalid(info, 'circular reference')
      if (!info.child) info.child = new PathNode(node.table, [...node.path, info.normKey], info)
      const childNode = info.child
      this.#checks.ancestors.push(child)
      lists = this.#flatten(childNode, child, this.#pendingLevels[at]!, lists)
      this.#checks.ancestors.pop()
    }
    return lists
  }

  /** A bigint as it is typed (too wide for `wei`: its digits); functions and symbols fail. */
  #rareScalar(value: unknown, info: KeyInfo | undefined): unknown {
    if (typeof value === 'bigint') return normalizeBigint(value)
    this.#checks.checkScalar(value, info)
    return value
  }

  /** Adds a data value; keys that normalize to the same name keep the last value (as dlt). */
  #addData(slot: ColumnSlot, value: unknown, table: TableState): void {
    if (this.#row.addData(slot, value) && !table.collisionReported) {
      table.collisionReported = true
      this.#events.collision(table.name, slot.name)
    }
  }

  #pushPending(dict: Record<string, unknown>, level: number, info: KeyInfo): void {
    const at = this.#pendingLength++
    this.#pendingObjects[at] = dict
    this.#pendingLevels[at] = level
    this.#pendingKeys[at] = info
  }

  #addList(lists: unknown[] | undefined, info: KeyInfo, list: unknown[]): unknown[] {
    const table = info.listTable ?? this.#registry.listTable(info)
    if (!lists) return [table, info, list]
    // dlt keeps lists in a dict by path: a second list for the same table replaces the first
    for (let i = 0; i < lists.length; i += 3) {
      if (lists[i] === table) {
        lists[i + 1] = info
        lists[i + 2] = list
        return lists
      }
    }
    lists.push(table, info, list)
    return lists
  }

  #nullOnlyColumns(): NullOnlyColumnEvent[] {
    const out: NullOnlyColumnEvent[] = []
    for (const table of this.#registry.tables.values()) {
      for (const slot of table.slots.values()) {
        if (slot.nullOnly && slot.type === undefined)
          out.push({ table: table.name, column: slot.name })
      }
    }
    for (const event of this.#workerNullOnly) {
      const known = out.some((o) => o.table === event.table && o.column === event.column)
      const table = this.#schema.getTable(event.table)
      if (!known && !(table && ownValue(table.columns, event.column)?.data_type)) {
        out.push(event)
      }
    }
    return out
  }
}
