/**
 * @module `EmittedRow`: a normalized row as the normalizer hands it to `emit` — columns and
 * coerced values in parallel arrays, turned into a JSON line without building an object first
 * (the hot path: object building plus `JSON.stringify` cost ~1.5x as much), written as bytes
 * straight into a loader file's buffer without the line's string (`encodeInto`: 10–20 % less
 * normalize CPU than the string and `Buffer#write`), or into an object for whoever wants one.
 * The normalizer reuses one instance: it is valid only during the call.
 */
import { encodeJsonValue, encodeRow } from '../storage/writers/encode-row.js'
import { writeJsonValue, writeText } from '../storage/writers/json-bytes.js'
import { setOwnValue } from '../util/own-property.js'

/** A row handed to `emit`; valid only during the call. */
export interface EmittedRow {
  /** The row as an object: column name → coerced value, in column order. */
  toObject(): Record<string, unknown>
  /** The row as one JSON line of a loader file (no newline; see `encode-row.ts`). */
  toJsonLine(): string
  /**
   * Writes `toJsonLine()` as UTF-8 into `buffer` from `offset`, without making the string;
   * returns the end offset, or -1 if the line needs more than the bytes up to `limit`.
   */
  encodeInto(buffer: Buffer, offset: number, limit: number): number
}

/** Receives each normalized row: the table name and the row. */
export type EmitRow = (table: string, row: EmittedRow) => void

/** A column name with its `"name":` key, JSON-encoded once per column (`ColumnSlot` is one). */
export interface ColumnKey {
  readonly name: string
  /** `"name":`, the name as a key of a JSON line. */
  readonly jsonKey: string
  /** `jsonKey` as UTF-8. */
  readonly jsonKeyBytes: Uint8Array
}

/** The `ColumnKey` of a column name. */
export function columnKey(name: string): ColumnKey {
  const key = jsonKey(name)
  return { name, jsonKey: key, jsonKeyBytes: Buffer.from(key) }
}

/** The reusable row behind `EmittedRow`. */
export class RowOutput implements EmittedRow {
  readonly columns: ColumnKey[] = []
  readonly values: unknown[] = []
  count = 0
  /** Set instead of the arrays when the row went through schema evolution as an object. */
  object: Record<string, unknown> | undefined = undefined

  reset(): void {
    this.count = 0
    this.object = undefined
  }

  push(column: ColumnKey, value: unknown): void {
    const at = this.count++
    this.columns[at] = column
    this.values[at] = value
  }

  /** True if the row has a value for column `name`. */
  has(name: string): boolean {
    if (this.object) return Object.hasOwn(this.object, name) && this.object[name] !== undefined
    for (let i = 0; i < this.count; i++) if (this.columns[i]!.name === name) return true
    return false
  }

  toObject(): Record<string, unknown> {
    if (this.object) return this.object
    const row: Record<string, unknown> = {}
    for (let i = 0; i < this.count; i++) setOwnValue(row, this.columns[i]!.name, this.values[i])
    return row
  }

  toJsonLine(): string {
    if (this.object) return encodeRow(this.object)
    const { columns, values, count } = this
    if (count === 0) return '{}'
    let line = `{${columns[0]!.jsonKey}${encodeJsonValue(values[0])}`
    for (let i = 1; i < count; i++) line += `,${columns[i]!.jsonKey}${encodeJsonValue(values[i])}`
    return `${line}}`
  }

  encodeInto(buffer: Buffer, offset: number, limit: number): number {
    if (this.object) return writeText(buffer, offset, limit, encodeRow(this.object))
    const { columns, values, count } = this
    if (offset + 2 > limit) return -1
    let at = offset
    buffer[at++] = OPEN_BRACE
    for (let i = 0; i < count; i++) {
      if (i > 0) buffer[at++] = COMMA // room: a value is followed by at least its closing brace
      const key = columns[i]!.jsonKeyBytes
      if (at + key.length > limit) return -1
      buffer.set(key, at)
      at = writeJsonValue(buffer, at + key.length, limit, values[i])
      if (at < 0 || at >= limit) return -1
    }
    buffer[at++] = CLOSE_BRACE
    return at
  }
}

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const COMMA = 0x2c

/** `"name":` for a column name. */
export function jsonKey(name: string): string {
  return `${JSON.stringify(name)}:`
}
