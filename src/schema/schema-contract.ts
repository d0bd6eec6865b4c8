/**
 * @module Schema contracts: whether new tables, new columns and new variant columns may evolve the
 * schema, as dlt's `Schema.apply_schema_contract`, `resolve_contract_settings_for_table` and
 * `expand_schema_contract_settings` (`dlt/common/schema/schema.py`) decide.
 *
 * Modes: `evolve` (allow), `freeze` (fail the load with `SchemaContractError`), `discard_row`
 * (drop the row, and its nested rows), `discard_value` (drop the value, keep the rest of the row).
 */
import { TerminalError } from '../errors/dlt-error.js'
import { ownValue } from '../util/own-property.js'
import { isCompleteColumn } from './coerce-row.js'
import type { Schema } from './schema.js'
import type { ColumnSchema, ContractMode, SchemaContract, TableSchema } from './schema-types.js'

/** What a contract governs. */
export const CONTRACT_ENTITIES = ['tables', 'columns', 'data_type'] as const
/** One entity of a schema contract. */
export type ContractEntity = (typeof CONTRACT_ENTITIES)[number]

/** A contract with a mode for every entity. */
export type ResolvedContract = Readonly<Record<ContractEntity, ContractMode>>

/** dlt's default: everything evolves. */
export const DEFAULT_SCHEMA_CONTRACT: ResolvedContract = Object.freeze({
  tables: 'evolve',
  columns: 'evolve',
  data_type: 'evolve',
})

/** Data did not fit the schema and the contract says `freeze`. */
export class SchemaContractError extends TerminalError {
  override name = 'SchemaContractError'
  readonly schemaName: string
  readonly table: string
  readonly column: string | undefined
  /** The entity whose contract was broken. */
  readonly contract: ContractEntity
  readonly mode: ContractMode
  /** The resolved contract of the table. */
  readonly resolvedContract: ResolvedContract
  /** The row that broke it (as normalized), for inspection; never printed. */
  readonly dataItem: unknown

  constructor(
    schemaName: string,
    table: string,
    column: string | undefined,
    contract: ContractEntity,
    resolvedContract: ResolvedContract,
    dataItem: unknown,
  ) {
    const what =
      contract === 'tables'
        ? `new table "${table}" cannot be created`
        : contract === 'columns'
          ? `new column "${column}" cannot be added to table "${table}"`
          : `variant column "${column}" cannot be added to table "${table}" (a value does not fit its column's data type)`
    super(
      `Schema contract violated in schema "${schemaName}": ${what} because "${contract}" is frozen. ` +
        `To allow it, set schema_contract {"${contract}": "evolve"} on the resource or source, or use ` +
        '"discard_row" / "discard_value" to drop such data instead of failing.',
    )
    this.schemaName = schemaName
    this.table = table
    this.column = column
    this.contract = contract
    this.mode = 'freeze'
    this.resolvedContract = resolvedContract
    this.dataItem = dataItem
  }
}

/** Expands a shorthand (`"freeze"`) or partial contract over `defaults` (dlt's defaults: evolve). */
export function expandSchemaContract(
  contract: SchemaContract | null | undefined,
  defaults: ResolvedContract = DEFAULT_SCHEMA_CONTRACT,
): ResolvedContract {
  if (typeof contract === 'string') {
    return { tables: contract, columns: contract, data_type: contract }
  }
  return { ...defaults, ...(contract ?? {}) }
}

/**
 * The contract of table `tableName`: its root table's `schema_contract` if the root table sets
 * one (even an empty one), else the schema's `settings.schema_contract`. dlt's own tables always
 * evolve. Nested tables follow their root table.
 */
export function resolveContractForTable(schema: Schema, tableName: string): ResolvedContract {
  if (tableName.startsWith('_dlt')) return DEFAULT_SCHEMA_CONTRACT
  const tables = schema.tables
  let table: TableSchema | undefined = ownValue(tables, tableName)
  while (table?.parent) table = ownValue(tables, table.parent)
  if (table && 'schema_contract' in table) return expandSchemaContract(table.schema_contract)
  return expandSchemaContract(schema.settings.schema_contract)
}

/** True if the table does not exist or has no complete column yet (dlt's `is_new_table`). */
export function isNewTable(schema: Schema, tableName: string): boolean {
  const table = schema.getTable(tableName)
  if (!table) return true
  return !Object.values(table.columns).some(isCompleteColumn)
}

/** One filter a contract puts on later data: drop rows of a table, or values/rows of a column. */
export interface ContractFilter {
  readonly entity: 'tables' | 'columns'
  readonly name: string
  readonly mode: ContractMode
}

/** The outcome of `applySchemaContract`. */
export interface ContractResult {
  /** The new columns still allowed, or undefined if the whole table (and row) is refused. */
  readonly columns: Record<string, ColumnSchema> | undefined
  readonly filters: readonly ContractFilter[]
}

/**
 * Checks new columns (`newColumns`, for table `tableName`) against `contract` and removes the
 * refused ones (dlt's `apply_schema_contract`). Throws `SchemaContractError` on `freeze`.
 * `newColumns` is modified in place.
 */
export function applySchemaContract(
  schema: Schema,
  contract: ResolvedContract,
  tableName: string,
  newColumns: Record<string, ColumnSchema>,
  dataItem?: unknown,
): ContractResult {
  if (
    contract.tables === 'evolve' &&
    contract.columns === 'evolve' &&
    contract.data_type === 'evolve'
  ) {
    return { columns: newColumns, filters: [] }
  }
  const existing = schema.getTable(tableName)
  const isNew = !existing || isNewTable(schema, tableName)
  if (isNew && contract.tables !== 'evolve') {
    if (contract.tables === 'freeze') {
      throw new SchemaContractError(schema.name, tableName, undefined, 'tables', contract, dataItem)
    }
    return {
      columns: undefined,
      filters: [{ entity: 'tables', name: tableName, mode: contract.tables }],
    }
  }
  let columnMode = contract.columns
  const evolveOnce = (
    existing?.['x-normalizer'] as { 'evolve-columns-once'?: boolean } | undefined
  )?.['evolve-columns-once']
  if (isNew || evolveOnce) columnMode = 'evolve'
  const filters: ContractFilter[] = []
  for (const [name, column] of Object.entries(newColumns)) {
    // dlt's own columns may always be added
    if (name.startsWith('_dlt')) continue
    const isVariant = column.variant === true
    const mode = isVariant ? contract.data_type : columnMode
    if (mode === 'evolve') continue
    if (mode === 'freeze') {
      const entity = isVariant ? 'data_type' : 'columns'
      throw new SchemaContractError(schema.name, tableName, name, entity, contract, dataItem)
    }
    filters.push({ entity: 'columns', name, mode })
    delete newColumns[name]
  }
  return { columns: newColumns, filters }
}
