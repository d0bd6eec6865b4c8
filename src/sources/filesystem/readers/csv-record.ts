/**
 * @module `CsvRecord`: where the fields of one CSV record lie in the input bytes, as the fast
 * path's scanner finds them, and what each needs when written (`QUOTED`, `DOUBLED`, `ESCAPE`).
 * Reused from record to record: no allocation per record.
 */

/** The field was quoted. */
export const QUOTED = 1
/** The quoted field holds doubled quotes, each one quote of the value. */
export const DOUBLED = 2
/** The field holds bytes JSON escapes (`"`, `\`, control characters). */
export const ESCAPE = 4

/** Field offsets (`starts[k]..ends[k]`) and flags of the current record. */
export class CsvRecord {
  starts = new Int32Array(64)
  ends = new Int32Array(64)
  flags = new Uint8Array(64)

  /** Sets field `k` (growing the arrays as needed). */
  set(k: number, start: number, end: number, flag: number): void {
    if (k === this.starts.length) this.#grow()
    this.starts[k] = start
    this.ends[k] = end
    this.flags[k] = flag
  }

  #grow(): void {
    const size = this.starts.length * 2
    const grow = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from)
      return to
    }
    this.starts = grow(this.starts, new Int32Array(size))
    this.ends = grow(this.ends, new Int32Array(size))
    this.flags = grow(this.flags, new Uint8Array(size))
  }
}
