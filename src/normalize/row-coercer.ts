/**
 * @module One flattened row into its table, as dlt's JSONL items normalizer does per row
 * (`dlt/normalize/items_normalizers/jsonl.py` `_normalize_chunk` / `_coerce_row`): values are
 * coerced into their columns (fast path: known column, matching type), new columns and variants
 * are checked against the schema contract, the schema is updated, and the row is emitted.
 */
import {
  type CoerceContext,
  checkNullValue,
  coerceNonNullValue,
  NullValueError,
} from '../schema/coerce-row.js'
import {
  COERCE_FAILED,
  coerceValue,
  naiveTimestamp,
  timestampFromDate,
} from '../schema/coerce-value.js'
import type { DataType } from '../schema/data-types.js'
import { isInt64Number, valueDataType } from '../schema/infer-type.js'
import type { Schema } from '../schema/schema.js'
import {
  applySchemaContract,
  type ContractFilter,
  resolveContractForTable,
} from '../schema/schema-contract.js'
import type { ColumnSchema, TableColumns } from '../schema/schema-types.js'
import { ownValue, setOwnValue } from '../util/own-property.js'
import { columnKey, type EmitRow, RowOutput } from './emitted-row.js'
import type { NormalizeEventLog } from './normalize-events.js'
import type { RowBuffer } from './row-buffer.js'
import type { ColumnSlot, TableState } from './table-state.js'
import { addColumnsToTable } from './update-table.js'

export type { EmitRow } from './emitted-row.js'

const NO_COLUMNS: TableColumns = Object.freeze({}) as TableColumns

/** `valueDataType` with the common primitives inlined. */
function fastDataType(value: unknown): DataType {
  switch (typeof value) {
    case 'string':
      return 'text'
    case 'number':
      return Number.isInteger(value) && isInt64Number(value) ? 'bigint' : 'double'
    case 'boolean':
      return 'bool'
    default:
      return valueDataType(value)!
  }
}

/** Coerces, checks and emits rows; owns every schema change normalization makes. */
export class RowCoercer {
  readonly #schema: Schema
  readonly #context: CoerceContext
  readonly #events: NormalizeEventLog
  readonly #output = new RowOutput()

  constructor(schema: Schema, context: CoerceContext, events: NormalizeEventLog) {
    this.#schema = schema
    this.#context = context
    this.#events = events
  }

  /**
   * Coerces the row in `row` into `table` and emits it. Returns false if a contract dropped the
   * row (then its nested rows must be dropped too).
   */
  processRow(table: TableState, row: RowBuffer, emit: EmitRow): boolean {
    const { slots, values, count } = row
    const output = this.#output
    output.reset()
    let newColumns: Record<string, ColumnSchema> | undefined
    let variants: [string, string, DataType][] | undefined
    let renamed = false
    for (let i = 0; i < count; i++) {
      const slot = slots[i]!
      const value = values[i]
      if (table.hasColumnFilters && slot.filter !== undefined) {
        if (slot.filter === 'discard_row') return this.#discardRow(table)
        this.#events.discardValue(table.name, slot.name)
        continue
      }
      if (value === null || value === undefined) {
        if (slot.type === undefined) this.#checkNull(table, slot)
        else if (slot.notNullable) throw new NullValueError(table.name, slot.name)
        continue
      }
      const type = slot.type
      if (type !== undefined) {
        const valueType = fastDataType(value)
        if (valueType === type) {
          output.push(
            slot,
            type === 'timestamp' ? this.#timestamp(slot, timestampFromDate(value as Date)) : value,
          )
          continue
        }
        // unsupported pairs fail too: no separate `canCoerceType` lookup on the hot path
        const coerced = coerceValue(type, valueType, value)
        if (coerced !== COERCE_FAILED) {
          output.push(slot, type === 'timestamp' ? this.#timestamp(slot, coerced) : coerced)
          continue
        }
      }
      // slow path: new or incomplete column, or a value for a variant column
      const columns = table.schemaTable?.columns ?? NO_COLUMNS
      const result = coerceNonNullValue(this.#context, table.name, columns, slot.name, value)
      const isVariant = result.name !== slot.name
      renamed ||= isVariant
      output.push(isVariant ? columnKey(result.name) : slot, result.value)
      if (result.column) {
        newColumns ??= {}
        setOwnValue(newColumns, result.name, result.column)
        if (isVariant) {
          variants ??= []
          variants.push([slot.name, result.name, result.column.data_type!])
        }
      }
    }
    // as an object: a variant name may repeat a column of the row (the last value wins, as in
    // a dict), and the contract may drop values of new columns
    if (renamed || newColumns) {
      const out = output.toObject()
      if (newColumns && !this.#evolve(table, newColumns, variants, out)) return false
      output.object = out
    }
    for (const name of table.requiredColumns()) {
      // a key or NOT NULL column the row does not have at all (a null value failed above)
      if (!output.has(name)) throw new NullValueError(table.name, name)
    }
    if (!table.seenData) this.#markSeenData(table)
    emit(table.name, output)
    return true
  }

  #timestamp(slot: ColumnSlot, value: unknown): unknown {
    return slot.naive ? naiveTimestamp(value as string) : value
  }

  #checkNull(table: TableState, slot: ColumnSlot): void {
    const columns = table.schemaTable?.columns ?? NO_COLUMNS
    if (checkNullValue(this.#context.inference, table.name, columns, slot.name))
      slot.nullOnly = true
  }

  #discardRow(table: TableState): false {
    this.#events.discardRow(table.name)
    return false
  }

  /** Applies the contract to new columns and adds the allowed ones; false if the row is dropped. */
  #evolve(
    table: TableState,
    newColumns: Record<string, ColumnSchema>,
    variants: [string, string, DataType][] | undefined,
    out: Record<string, unknown>,
  ): boolean {
    const schema = this.#schema
    // dlt: a table not yet in the schema takes the contract of its parent
    table.contract ??= resolveContractForTable(
      schema,
      table.schemaTable ? table.name : table.parentName || table.name,
    )
    const { columns, filters } = applySchemaContract(
      schema,
      table.contract,
      table.name,
      newColumns,
      out,
    )
    if (filters.length > 0) this.#addFilters(table, filters)
    if (!columns) return this.#discardRow(table)
    const names = Object.keys(columns)
    if (names.length > 0) {
      const created = table.schemaTable === undefined && schema.getTable(table.name) === undefined
      table.schemaTable = addColumnsToTable(schema, table.name, table.parentName, columns)
      for (const name of names)
        table.slot(name).setColumn(ownValue(table.schemaTable.columns, name))
      if (created) this.#events.newTables.push(table.name)
      for (const [column, variant, dataType] of variants ?? []) {
        if (Object.hasOwn(columns, variant))
          this.#events.variantColumns.push({ table: table.name, column, variant, dataType })
      }
    }
    if (!table.hasColumnFilters || filters.length === 0) return true
    // dlt applies every column filter of the table to the coerced row
    for (const [name, slot] of table.slots) {
      if (slot.filter === undefined || !Object.hasOwn(out, name)) continue
      if (slot.filter === 'discard_row') return this.#discardRow(table)
      delete out[name]
      this.#events.discardValue(table.name, name)
    }
    return true
  }

  #addFilters(table: TableState, filters: readonly ContractFilter[]): void {
    for (const filter of filters) {
      if (filter.entity === 'tables') {
        table.filtered = filter.mode
      } else {
        table.slot(filter.name).filter = filter.mode
        table.hasColumnFilters = true
      }
    }
  }

  #markSeenData(table: TableState): void {
    table.seenData = true
    const schemaTable = table.schemaTable ?? this.#schema.getTable(table.name)
    if (schemaTable) {
      const xNormalizer = schemaTable['x-normalizer'] ?? {}
      if (!('seen-data' in xNormalizer)) xNormalizer['seen-data'] = true
      schemaTable['x-normalizer'] = xNormalizer
    }
    this.#events.tables.push(table.name)
  }
}
