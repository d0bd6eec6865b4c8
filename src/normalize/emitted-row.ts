/**
 * @module `EmittedRow`: a normalized row as the normalizer hands it to `emit` — column names and
 * coerced values in parallel arrays, turned into a JSON line without building an object first
 * (the hot path: object building plus `JSON.stringify` cost ~1.5x as much), or into an object for
 * whoever wants one. The normalizer reuses one instance: it is valid only during the call.
 */
import { encodeJsonValue, encodeRow } from '../storage/writers/encode-row.js'
import { setOwnValue } from '../util/own-property.js'

/** A row handed to `emit`; valid only during the call. */
export interface EmittedRow {
  /** The row as an object: column name → coerced value, in column order. */
  toObject(): Record<string, unknown>
  /** The row as one JSON line of a loader file (no newline; see `encode-row.ts`). */
  toJsonLine(): string
}

/** Receives each normalized row: the table name and the row. */
export type EmitRow = (table: string, row: EmittedRow) => void

/** The reusable row behind `EmittedRow`. */
export class RowOutput implements EmittedRow {
  /** `"name":` of each value, JSON-encoded once per column. */
  readonly keys: string[] = []
  readonly names: string[] = []
  readonly values: unknown[] = []
  count = 0
  /** Set instead of the arrays when the row went through schema evolution as an object. */
  object: Record<string, unknown> | undefined = undefined

  reset(): void {
    this.count = 0
    this.object = undefined
  }

  push(name: string, key: string, value: unknown): void {
    const at = this.count++
    this.names[at] = name
    this.keys[at] = key
    this.values[at] = value
  }

  /** True if the row has a value for column `name`. */
  has(name: string): boolean {
    if (this.object) return Object.hasOwn(this.object, name) && this.object[name] !== undefined
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return true
    return false
  }

  toObject(): Record<string, unknown> {
    if (this.object) return this.object
    const row: Record<string, unknown> = {}
    for (let i = 0; i < this.count; i++) setOwnValue(row, this.names[i]!, this.values[i])
    return row
  }

  toJsonLine(): string {
    if (this.object) return encodeRow(this.object)
    const { keys, values, count } = this
    if (count === 0) return '{}'
    let line = `{${keys[0]}${encodeJsonValue(values[0])}`
    for (let i = 1; i < count; i++) line += `,${keys[i]}${encodeJsonValue(values[i])}`
    return `${line}}`
  }
}

/** `"name":` for a column name. */
export function jsonKey(name: string): string {
  return `${JSON.stringify(name)}:`
}
