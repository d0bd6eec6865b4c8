/**
 * @module The relational normalizer's settings and the schema hints it owns, as dlt's
 * `DataItemNormalizer.extend_schema`/`extend_table` and `normalizers/json/helpers.py` define them:
 * the default hints of dlt's system columns, the nesting level, root key propagation for merge
 * tables, and the kind of root row id.
 */
import type { Schema } from '../schema/schema.js'
import type { ColumnSchema, TableSchema } from '../schema/schema-types.js'

/** dlt's system column names (before normalization by the naming convention). */
export const C_DLT_ID = '_dlt_id'
export const C_DLT_LOAD_ID = '_dlt_load_id'
export const C_DLT_ROOT_ID = '_dlt_root_id'
export const C_DLT_PARENT_ID = '_dlt_parent_id'
export const C_DLT_LIST_IDX = '_dlt_list_idx'
export const C_VALUE = 'value'
/** Name used for keys that are empty or only whitespace. */
export const EMPTY_KEY_IDENTIFIER = '_empty'
/** dlt's default `max_nesting`. */
export const DEFAULT_MAX_NESTING = 1000

/**
 * The default hints dlt's relational normalizer adds to every schema (`extend_schema`), in dlt's
 * order: they make system columns not-null and mark row, parent and root keys.
 */
export function relationalDefaultHints(): Record<string, string[]> {
  return {
    not_null: [C_DLT_ID, C_DLT_ROOT_ID, C_DLT_PARENT_ID, C_DLT_LIST_IDX, C_DLT_LOAD_ID],
    parent_key: [C_DLT_PARENT_ID],
    root_key: [C_DLT_ROOT_ID],
    unique: [C_DLT_ID],
    row_key: [C_DLT_ID],
  }
}

/** Merges the normalizer's default hints into `schema.settings.default_hints`, deduplicated. */
export function extendSchemaHints(schema: Schema): void {
  const settings = schema.settings
  settings.default_hints ??= {}
  const hints = settings.default_hints
  for (const [hint, patterns] of Object.entries(relationalDefaultHints())) {
    const existing = hints[hint]
    if (!existing) {
      hints[hint] = patterns
      continue
    }
    // dlt compares hints as canonical simple regexes: `x` is the same as `re:^x$`
    const canonical = new Set(existing.map(canonicalSimpleRegex))
    for (const pattern of patterns) {
      if (!canonical.has(canonicalSimpleRegex(pattern))) existing.push(pattern)
    }
  }
}

function canonicalSimpleRegex(pattern: string): string {
  return pattern.startsWith('re:') ? pattern : `re:^${pattern}$`
}

/** The relational normalizer's stored config (`normalizers.json.config`). */
export interface RelationalNormalizerConfig {
  readonly max_nesting?: number
  readonly root_key_propagation?: boolean
  readonly propagation?: {
    readonly root?: Readonly<Record<string, string>>
    readonly tables?: Readonly<Record<string, Readonly<Record<string, string>>>>
  }
}

/** Reads the relational normalizer config and `use_break_path_on_normalize` of a schema. */
export function readNormalizerConfig(schema: Schema): {
  config: RelationalNormalizerConfig
  useBreakPath: boolean
} {
  const normalizers = schema.toStored().normalizers
  return {
    config: (normalizers?.json?.config ?? {}) as RelationalNormalizerConfig,
    useBreakPath: normalizers?.use_break_path_on_normalize !== false,
  }
}

/** The nesting level of root table `table`: its `x-normalizer.max_nesting` hint or `fallback`. */
export function tableNestingLevel(table: TableSchema | undefined, fallback: number): number {
  const maxNesting = table?.['x-normalizer']?.['max_nesting']
  return typeof maxNesting === 'number' ? maxNesting : fallback
}

/** The merge strategy of a `merge` table, dlt's default being `delete-insert`. */
export function mergeStrategy(table: TableSchema): string | undefined {
  if (table.write_disposition !== 'merge') return undefined
  return table['x-merge-strategy'] ?? 'delete-insert'
}

function columnsWith(table: TableSchema, prop: keyof ColumnSchema): string[] {
  return Object.entries(table.columns)
    .filter(([, column]) => column[prop] !== undefined && column[prop] !== false)
    .map(([name]) => name)
}

/**
 * Whether nested rows of root table `root` get `_dlt_root_id` (dlt's `requires_root_key`): a table
 * of the chain already has a root key column, or the table merges with `delete-insert`,
 * `upsert` or `insert-only` and propagation is not switched off, or propagation is switched on.
 */
export function requiresRootKey(
  schema: Schema,
  root: TableSchema,
  rootKeyPropagation: boolean | undefined,
): boolean {
  if (rootKeyPropagation === true) return true
  const tables = Object.values(schema.tables)
  const chain = [root]
  for (let i = 0; i < chain.length; i++) {
    if (columnsWith(chain[i]!, 'root_key').length > 0) return true
    for (const table of tables) if (table.parent === chain[i]!.name) chain.push(table)
  }
  const strategy = mergeStrategy(root)
  return (
    (strategy === 'delete-insert' || strategy === 'upsert' || strategy === 'insert-only') &&
    rootKeyPropagation !== false
  )
}

/** The column of a root table whose value propagates as the root key: its row key, or `_dlt_id`. */
export function rowKeyColumn(root: TableSchema, fallback: string): string {
  return columnsWith(root, 'row_key')[0] ?? fallback
}

/** How root rows get their `_dlt_id` (dlt's `get_root_row_id_type`). */
export type RootRowIdType = 'random' | 'key_hash' | 'row_hash'

/** `key_hash` for `upsert` and `insert-only` merge tables, `row_hash` for `scd2` tables versioned on `_dlt_id`. */
export function rootRowIdType(table: TableSchema | undefined, dltIdColumn: string): RootRowIdType {
  if (!table) return 'random'
  const strategy = mergeStrategy(table)
  if (strategy === 'upsert' || strategy === 'insert-only') return 'key_hash'
  if (
    strategy === 'scd2' &&
    columnsWith(table, 'x-row-version' as keyof ColumnSchema)[0] === dltIdColumn
  ) {
    return 'row_hash'
  }
  return 'random'
}

/** Primary key columns of a table (incomplete columns included), in column order. */
export function primaryKeyColumns(table: TableSchema | undefined): string[] {
  return table ? columnsWith(table, 'primary_key') : []
}
