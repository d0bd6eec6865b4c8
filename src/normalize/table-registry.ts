/**
 * @module Where the normalizer finds the state of a table and the normalized form of a key: root
 * tables by their given name, nested tables by their key, keys per dict path. Everything is made
 * once, with the naming convention, and cached.
 */
import type { ColumnInference } from '../schema/coerce-row.js'
import type { NamingConvention } from '../schema/naming/naming-convention.js'
import type { Schema } from '../schema/schema.js'
import { ownValue } from '../util/own-property.js'
import {
  EMPTY_KEY_IDENTIFIER,
  type RelationalNormalizerConfig,
  requiresRootKey,
  rowKeyColumn,
  tableNestingLevel,
} from './relational-config.js'
import { KeyInfo, type PathNode, type SystemNames, TableState } from './table-state.js'

// Python's str.isspace(): keys made of these only (or empty keys) are "empty" keys.
const PY_SPACES = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
  0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000,
])

function isBlankKey(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (!PY_SPACES.has(key.charCodeAt(i))) return false
  return true
}

/** A root table and the nesting level its items start at. */
export interface RootTable {
  readonly table: TableState
  readonly maxNesting: number
}

/** The normalizer's tables and keys. */
export class TableRegistry {
  readonly tables = new Map<string, TableState>()
  readonly #roots = new Map<string, RootTable>()
  readonly #schema: Schema
  readonly #naming: NamingConvention
  readonly #inference: ColumnInference
  readonly #names: SystemNames
  readonly #config: RelationalNormalizerConfig
  readonly #useBreakPath: boolean
  readonly #maxNesting: number

  constructor(
    schema: Schema,
    naming: NamingConvention,
    inference: ColumnInference,
    names: SystemNames,
    settings: { config: RelationalNormalizerConfig; useBreakPath: boolean; maxNesting: number },
  ) {
    this.#schema = schema
    this.#naming = naming
    this.#inference = inference
    this.#names = names
    this.#config = settings.config
    this.#useBreakPath = settings.useBreakPath
    this.#maxNesting = settings.maxNesting
  }

  /** The root table for items of `tableName` (normalized here, as dlt does). */
  root(tableName: string): RootTable {
    let root = this.#roots.get(tableName)
    if (!root) {
      const name = this.#normalize(tableName)
      const table = this.#table(name, [name], '')
      root = { table, maxNesting: tableNestingLevel(table.schemaTable, this.#maxNesting) }
      this.#roots.set(tableName, root)
    }
    return root
  }

  /** The key `rawKey` at dict path `node`, normalized and bound to its column. */
  key(node: PathNode, rawKey: string): KeyInfo {
    const normKey = this.#normalize(rawKey)
    const column =
      node.path.length === 0 ? normKey : this.#naming.shortenFragments(...node.path, normKey)
    const slot = node.table.slot(column)
    slot.producers++
    const info = new KeyInfo(rawKey, normKey, slot, node)
    node.keys.set(rawKey, info)
    return info
  }

  /** The nested table that lists under `info`'s key go to. */
  listTable(info: KeyInfo): TableState {
    const parent = info.node.table
    const fragments = [...parent.fragments, ...info.node.path, this.#normalize(info.rawKey)]
    const table = this.#table(this.#naming.shortenFragments(...fragments), fragments, parent.name)
    info.listTable = table
    return table
  }

  /**
   * Columns of `table`'s rows propagated to its nested rows, as [from, to] pairs: the
   * normalizer config's `propagation`, and the root key of merge tables (`_dlt_id` →
   * `_dlt_root_id`, dlt's `extend_table`).
   */
  propagation(table: TableState, isRoot: boolean): (readonly [string, string])[] {
    const pairs: (readonly [string, string])[] = []
    const config = this.#config.propagation
    if (isRoot) pairs.push(...Object.entries(config?.root ?? {}))
    const tableConfig = config?.tables && ownValue(config.tables, table.name)
    pairs.push(...Object.entries(tableConfig ?? {}))
    const schemaTable = this.#schema.getTable(table.name)
    if (isRoot && schemaTable && !schemaTable.parent) {
      if (requiresRootKey(this.#schema, schemaTable, this.#config.root_key_propagation)) {
        pairs.push([rowKeyColumn(schemaTable, this.#names.dltId), this.#names.rootId])
      }
    }
    return pairs
  }

  #table(name: string, fragments: readonly string[], parentName: string): TableState {
    let table = this.tables.get(name)
    if (!table) {
      const schemaTable = this.#schema.getTable(name)
      table = new TableState(name, fragments, parentName, schemaTable, this.#inference, this.#names)
      this.tables.set(name, table)
    }
    return table
  }

  /** dlt normalizes keys and table names as paths (`use_break_path_on_normalize`). */
  #normalize(key: string): string {
    if (isBlankKey(key)) return EMPTY_KEY_IDENTIFIER
    return this.#useBreakPath
      ? this.#naming.normalizePath(key)
      : this.#naming.normalizeIdentifier(key)
  }
}
