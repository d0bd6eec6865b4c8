/**
 * @module `JsonRowsCopier`: normalize's fast path for the array lines of a JSON rows file
 * (`storage/json-rows.ts`, written by `readCsv` and `readParquet`). Once a table's columns have
 * their types, most such lines need nothing of the normalizer but the check that each value fits
 * its column as it is: then the loader line is made from the extracted line's bytes — each value
 * copied behind its column's key, `_dlt_load_id` and a fresh `_dlt_id` appended — with no
 * `JSON.parse`, no row object and no re-encoding. A line that is anything else (a null, a value
 * of another type, a timestamp in a form other than the common UTC ones, whitespace, a typed JSON
 * string, a table with contract filters, row hashes or `_dlt_id` in its data) is left to the
 * normalizer, whose row it would have been: the copied line holds the same values as the line
 * `ItemNormalizer` writes for it, in the same column order (numbers as the extract wrote them,
 * e.g. `10.00` for 10; a timestamp in the canonical text `coerceValue` gives).
 */
import { utcTimestampLength, writeUtcTimestamp } from '../schema/utc-timestamp-bytes.js'
import { classifyNumber, JSON_DECIMAL, JSON_INTEGER } from '../util/json-number-bytes.js'
import type { EmitRow, EmittedRow } from './emitted-row.js'
import { writeDltId } from './row-ids.js'
import type { ColumnSlot, TableState } from './table-state.js'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const NEWLINE = 0x0a
const TRUE = Buffer.from('true')
const FALSE = Buffer.from('false')
/** `_dlt_id`'s length: 14 base64 characters. */
const ID_LENGTH = 14

/** Copies the array lines of one JSON rows file of a root table into loader lines. */
export class JsonRowsCopier implements EmittedRow {
  readonly #table: TableState
  readonly #slots: readonly ColumnSlot[]
  /** `,"_dlt_load_id":"<load id>","_dlt_id":"`: what follows the values, before the id. */
  readonly #tail: Buffer
  readonly #starts: Int32Array
  readonly #ends: Int32Array
  /** Per value: the canonical length of a timestamp, -1 for a value copied as it is. */
  readonly #stamps: Int32Array
  readonly #id = new Uint8Array(ID_LENGTH)
  #source: Uint8Array = new Uint8Array(0)
  /** The loader line's length in bytes. */
  #length = 0
  #checkedRequired: readonly string[] | undefined = undefined
  #hasRequired = false

  /**
   * `slots` are the columns of the file's header, distinct and not system columns; `loadId` the
   * package's.
   */
  constructor(table: TableState, slots: readonly ColumnSlot[], loadId: string) {
    this.#table = table
    this.#slots = slots
    const { loadId: loadIdSlot, dltId } = table.system
    this.#tail = Buffer.from(`,${loadIdSlot.jsonKey}${JSON.stringify(loadId)},${dltId.jsonKey}"`)
    this.#starts = new Int32Array(slots.length)
    this.#ends = new Int32Array(slots.length)
    this.#stamps = new Int32Array(slots.length)
  }

  /**
   * Copies the line at `source[start..]` (up to its newline or `limit`) when it is an array line
   * that needs no normalizing: emits its loader line for the table and returns the offset after
   * the line's newline. Returns -1, having emitted nothing, for a line the normalizer must read.
   */
  copyLine(source: Uint8Array, start: number, limit: number, emit: EmitRow): number {
    // a header of no columns makes rows of the ids alone: the normalizer's
    if (source[start] !== OPEN_BRACKET || this.#slots.length === 0 || !this.#tableAllows()) {
      return -1
    }
    const slots = this.#slots
    const starts = this.#starts
    const ends = this.#ends
    const stamps = this.#stamps
    const count = slots.length
    let length = 1 + this.#tail.length + ID_LENGTH + 2
    let i = start + 1
    for (let k = 0; k < count; k++) {
      const slot = slots[k]!
      const type = slot.type
      const first = source[i]
      const valueStart = i
      let stamp = -1
      if (first === QUOTE) {
        if (type !== 'text' && (type !== 'timestamp' || slot.naive)) return -1
        i = stringEnd(source, i + 1, limit)
        if (i < 0) return -1
        if (type === 'timestamp') {
          stamp = utcTimestampLength(source, valueStart + 1, i - 1)
          if (stamp < 0) return -1
        }
      } else if ((first! >= DIGIT_0 && first! <= DIGIT_9) || first === MINUS) {
        if (type !== 'bigint' && type !== 'double') return -1
        i = numberTextEnd(source, i, limit)
        const kind = classifyNumber(source, valueStart, i)
        if (kind !== JSON_INTEGER && (kind !== JSON_DECIMAL || type !== 'double')) return -1
      } else if (first === 0x74) {
        if (type !== 'bool' || !matches(source, i, TRUE)) return -1
        i += 4
      } else if (first === 0x66) {
        if (type !== 'bool' || !matches(source, i, FALSE)) return -1
        i += 5
      } else {
        return -1 // null, a dict, a list, whitespace: the normalizer's
      }
      if (i >= limit || source[i] !== (k === count - 1 ? CLOSE_BRACKET : COMMA)) return -1
      starts[k] = valueStart
      ends[k] = i
      stamps[k] = stamp
      length += slot.jsonKeyBytes.length + (stamp < 0 ? i - valueStart : stamp + 2) + 1
      i++
    }
    if (i < limit && source[i] !== NEWLINE) return -1
    this.#source = source
    this.#length = length - 1 // the first value has no comma before it
    writeDltId(this.#id, 0)
    emit(this.#table.name, this)
    return i + 1
  }

  /** The table takes copied rows: nothing a copied line would skip applies to it. */
  #tableAllows(): boolean {
    const table = this.#table
    const { loadId, dltId } = table.system
    if (
      !table.seenData ||
      table.filtered !== undefined ||
      table.hasColumnFilters ||
      table.rowId?.type !== 'random' ||
      dltId.producers > 0 ||
      dltId.type !== 'text' ||
      loadId.type !== 'text'
    ) {
      return false
    }
    const required = table.requiredColumns()
    if (required !== this.#checkedRequired) {
      this.#checkedRequired = required
      this.#hasRequired = required.every((name) => this.#slots.some((slot) => slot.name === name))
    }
    return this.#hasRequired
  }

  encodeInto(buffer: Buffer, offset: number, limit: number): number {
    if (offset + this.#length > limit) return -1
    const source = this.#source
    const slots = this.#slots
    const starts = this.#starts
    const ends = this.#ends
    const stamps = this.#stamps
    let o = offset
    buffer[o++] = OPEN_BRACE
    for (let k = 0; k < slots.length; k++) {
      if (k > 0) buffer[o++] = COMMA
      const key = slots[k]!.jsonKeyBytes
      for (let b = 0; b < key.length; b++) buffer[o++] = key[b]!
      const stamp = stamps[k]!
      if (stamp < 0) {
        for (let b = starts[k]!, end = ends[k]!; b < end; b++) buffer[o++] = source[b]!
      } else {
        buffer[o++] = QUOTE
        o = writeUtcTimestamp(source, starts[k]! + 1, ends[k]! - 1, stamp, buffer, o)
        buffer[o++] = QUOTE
      }
    }
    const tail = this.#tail
    for (let b = 0; b < tail.length; b++) buffer[o++] = tail[b]!
    const id = this.#id
    for (let b = 0; b < ID_LENGTH; b++) buffer[o++] = id[b]!
    buffer[o++] = QUOTE
    buffer[o++] = CLOSE_BRACE
    return o
  }

  toJsonLine(): string {
    const buffer = Buffer.allocUnsafe(this.#length)
    return buffer.toString('utf8', 0, this.encodeInto(buffer, 0, buffer.length))
  }

  toObject(): Record<string, unknown> {
    return JSON.parse(this.toJsonLine()) as Record<string, unknown>
  }
}

/**
 * The offset after the closing quote of the JSON string whose text starts at `at`, or -1 when it
 * is not one to copy: unterminated before `limit`, with a raw control character, or a typed JSON
 * string (its first character a private-use prefix, U+F026–U+F02F, or escaped).
 */
function stringEnd(source: Uint8Array, at: number, limit: number): number {
  const first = source[at]
  if (first === BACKSLASH) return -1
  if (first === 0xef && source[at + 1] === 0x80) {
    const third = source[at + 2]!
    if (third >= 0xa6 && third <= 0xaf) return -1
  }
  let i = at
  while (i < limit) {
    const byte = source[i]!
    if (byte === QUOTE) return i + 1
    if (byte === BACKSLASH) i += 2
    else if (byte < 0x20) return -1
    else i++
  }
  return -1
}

/** The offset after the characters a JSON number may hold, from `at` (classified after). */
function numberTextEnd(source: Uint8Array, at: number, limit: number): number {
  let i = at
  while (i < limit) {
    const byte = source[i]!
    if ((byte >= DIGIT_0 && byte <= DIGIT_9) || byte === DOT || byte === MINUS || byte === PLUS) i++
    else if (byte === 0x65 || byte === 0x45)
      i++ // e, E
    else break
  }
  return i
}

function matches(source: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (source[at + i] !== word[i]) return false
  return true
}
