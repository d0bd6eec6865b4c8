/**
 * @module What normalization did besides writing rows: tables that received rows, new tables,
 * variant columns, rows and values dropped by schema contracts, keys that collided after
 * normalization, and columns seen only with null values (which dlt does not create).
 */
import type { DataType } from '../schema/data-types.js'
import { createNameMap } from '../util/own-property.js'

/** A value that did not fit its column went to a new variant column. */
export interface VariantColumnEvent {
  readonly table: string
  /** The column the value did not fit. */
  readonly column: string
  /** The variant column created for it, e.g. `value__v_text`. */
  readonly variant: string
  readonly dataType: DataType
}

/** Two keys of one object normalized to the same column; the last value was kept (as in dlt). */
export interface CollisionEvent {
  readonly table: string
  readonly column: string
}

/** A column dropped by a contract, with how many values were dropped. */
export interface DiscardedValuesEvent {
  readonly table: string
  readonly column: string
  readonly count: number
}

/** A column seen only with null values: dlt does not create it until a value arrives. */
export interface NullOnlyColumnEvent {
  readonly table: string
  readonly column: string
}

/** What happened during normalization, so far. */
export interface NormalizeEvents {
  /** Tables that received at least one row, in first-row order. */
  readonly tables: readonly string[]
  /** Tables created in the schema. */
  readonly newTables: readonly string[]
  readonly variantColumns: readonly VariantColumnEvent[]
  /** Rows dropped by `discard_row` / `discard_value` contracts (nested rows not counted), per table. */
  readonly discardedRows: Readonly<Record<string, number>>
  readonly discardedValues: readonly DiscardedValuesEvent[]
  /** At most one per table. */
  readonly collisions: readonly CollisionEvent[]
  readonly nullOnlyColumns: readonly NullOnlyColumnEvent[]
  /** One human-readable line per notable event (variants, discards, collisions, null-only columns). */
  notes(): string[]
}

/** `NormalizeEvents` as plain data (what a normalize worker sends back). */
export type NormalizeEventsData = Omit<NormalizeEvents, 'notes'>

/** @internal Mutable collector behind `NormalizeEvents`. */
export class NormalizeEventLog implements NormalizeEvents {
  readonly tables: string[] = []
  readonly newTables: string[] = []
  readonly variantColumns: VariantColumnEvent[] = []
  readonly discardedRows: Record<string, number> = createNameMap()
  readonly collisions: CollisionEvent[] = []
  readonly #discardedValues = new Map<string, { table: string; column: string; count: number }>()
  readonly #nullOnly: (() => NullOnlyColumnEvent[]) | undefined

  constructor(nullOnly?: () => NullOnlyColumnEvent[]) {
    this.#nullOnly = nullOnly
  }

  get discardedValues(): readonly DiscardedValuesEvent[] {
    return [...this.#discardedValues.values()]
  }

  get nullOnlyColumns(): readonly NullOnlyColumnEvent[] {
    return this.#nullOnly?.() ?? []
  }

  /** Records a key collision; only the first one of a table is kept. */
  collision(table: string, column: string): void {
    if (!this.collisions.some((c) => c.table === table)) this.collisions.push({ table, column })
  }

  /**
   * Adds the events of items another normalizer (a worker) normalized after these, in order.
   * Null-only columns are not merged here: they depend on the final schema (see `ItemNormalizer`).
   */
  merge(other: NormalizeEventsData): void {
    for (const table of other.tables) if (!this.tables.includes(table)) this.tables.push(table)
    for (const table of other.newTables)
      if (!this.newTables.includes(table)) this.newTables.push(table)
    this.variantColumns.push(...other.variantColumns)
    for (const [table, count] of Object.entries(other.discardedRows)) {
      this.discardedRows[table] = (this.discardedRows[table] ?? 0) + count
    }
    for (const { table, column, count } of other.discardedValues) {
      for (let i = 0; i < count; i++) this.discardValue(table, column)
    }
    for (const { table, column } of other.collisions) this.collision(table, column)
  }

  /** The events as plain, cloneable data. */
  toData(): NormalizeEventsData {
    return {
      tables: [...this.tables],
      newTables: [...this.newTables],
      variantColumns: [...this.variantColumns],
      discardedRows: Object.assign(createNameMap<number>(), this.discardedRows),
      discardedValues: this.discardedValues.map((d) => ({ ...d })),
      collisions: [...this.collisions],
      nullOnlyColumns: [...this.nullOnlyColumns],
    }
  }

  discardRow(table: string): void {
    this.discardedRows[table] = (this.discardedRows[table] ?? 0) + 1
  }

  discardValue(table: string, column: string): void {
    const key = `${table}\u0000${column}`
    const entry = this.#discardedValues.get(key)
    if (entry) entry.count++
    else this.#discardedValues.set(key, { table, column, count: 1 })
  }

  notes(): string[] {
    const notes: string[] = []
    for (const v of this.variantColumns) {
      notes.push(
        `table "${v.table}": values of column "${v.column}" that are ${v.dataType} went to new variant column "${v.variant}"`,
      )
    }
    for (const [table, count] of Object.entries(this.discardedRows)) {
      notes.push(`table "${table}": ${count} row(s) discarded by the schema contract`)
    }
    for (const d of this.discardedValues) {
      notes.push(
        `table "${d.table}": ${d.count} value(s) of column "${d.column}" discarded by the schema contract`,
      )
    }
    for (const c of this.collisions) {
      notes.push(
        `table "${c.table}": several keys of one object normalize to column "${c.column}"; the last value was kept`,
      )
    }
    for (const n of this.nullOnlyColumns) {
      notes.push(
        `table "${n.table}": column "${n.column}" had only null values and was not created; give it a data_type hint to create it`,
      )
    }
    return notes
  }
}
