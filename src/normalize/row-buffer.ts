/**
 * @module The row being built: column slots and values in parallel arrays, reused for every row
 * so that flattening allocates nothing. Setting a column twice keeps the first position and the
 * last value, as a Python dict does.
 */

import { setOwnValue } from '../util/own-property.js'
import type { ColumnSlot } from './table-state.js'

/** A reusable, ordered list of (column slot, value) pairs. */
export class RowBuffer {
  readonly slots: ColumnSlot[] = []
  readonly values: unknown[] = []
  count = 0

  /** Empties the buffer for the next row. */
  reset(): void {
    this.count = 0
  }

  /** Appends a value without looking for an earlier one of the same column. */
  append(slot: ColumnSlot, value: unknown): void {
    const at = this.count++
    this.slots[at] = slot
    this.values[at] = value
  }

  /**
   * Adds a data value. Only columns several keys normalize to can already be present; their
   * earlier value is replaced. Returns true if it was (a collision).
   */
  addData(slot: ColumnSlot, value: unknown): boolean {
    if (slot.producers > 1) {
      const at = this.indexOf(slot)
      if (at >= 0) {
        this.values[at] = value
        return true
      }
    }
    this.append(slot, value)
    return false
  }

  /** Sets a value the normalizer adds (ids, load id, propagated values), replacing data values. */
  set(slot: ColumnSlot, value: unknown): void {
    if (slot.producers > 0) {
      const at = this.indexOf(slot)
      if (at >= 0) {
        this.values[at] = value
        return
      }
    }
    this.append(slot, value)
  }

  indexOf(slot: ColumnSlot): number {
    for (let i = 0; i < this.count; i++) if (this.slots[i] === slot) return i
    return -1
  }

  get(slot: ColumnSlot): unknown {
    const at = this.indexOf(slot)
    return at >= 0 ? this.values[at] : undefined
  }

  /** The row as an object (for key hashes). */
  toObject(): Record<string, unknown> {
    const row: Record<string, unknown> = {}
    for (let i = 0; i < this.count; i++) setOwnValue(row, this.slots[i]!.name, this.values[i])
    return row
  }
}
