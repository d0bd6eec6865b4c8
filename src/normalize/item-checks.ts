/**
 * @module Checks that what the normalizer walks is data, and names the key path when it is not:
 * functions, symbols, class instances other than `Date`/`Uint8Array`, invalid or out-of-range
 * Dates and circular references fail with `InvalidItemError`.
 */
import { InvalidItemError } from '../extract/validate-item.js'
import type { KeyInfo } from './table-state.js'

/** True for arrays' siblings that dlt treats as dicts: objects of `Object` or no prototype. */
export function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** The path to the current row and the containers above it, with the checks that use them. */
export class ItemChecker {
  /** Keys and list indices from the item to the current row. */
  readonly keyPath: (string | number)[] = []
  /** Dicts and lists from the item to the current value (for cycle detection). */
  readonly ancestors: object[] = []
  #table = ''
  // containers of the `json` value being checked (for cycle detection)
  readonly #seen: object[] = []

  /** Starts a new item of root table `table`. */
  reset(table: string): void {
    this.#table = table
    // both are empty unless the last item failed: setting an array's length is a runtime call
    if (this.keyPath.length > 0) this.keyPath.length = 0
    if (this.ancestors.length > 0) this.ancestors.length = 0
  }

  /** Pushes the raw keys from the current row down to `info`'s key. */
  pushKeys(info: KeyInfo): void {
    let depth = 0
    for (let key: KeyInfo | undefined = info; key; key = key.node.parentKey) depth++
    let at = this.keyPath.length + depth
    for (let key: KeyInfo | undefined = info; key; key = key.node.parentKey) {
      this.keyPath[--at] = key.rawKey
    }
  }

  /** Throws `InvalidItemError` for the value at `info`'s key (or at the current row). */
  invalid(info: KeyInfo | undefined, problem: string): never {
    const length = this.keyPath.length
    if (info) this.pushKeys(info)
    let path = ''
    for (const segment of this.keyPath) {
      path += typeof segment === 'number' ? `[${segment}]` : path ? `.${segment}` : segment
    }
    this.keyPath.length = length
    throw new InvalidItemError(this.#table, path, problem)
  }

  /** Rejects values that are not data: functions, symbols, class instances, invalid Dates. */
  checkScalar(value: unknown, info: KeyInfo | undefined): void {
    switch (typeof value) {
      case 'function':
        this.invalid(info, 'a function is not data')
        break
      case 'symbol':
        this.invalid(info, 'a symbol is not data')
        break
      case 'object': {
        if (value === null || value instanceof Uint8Array) return
        if (value instanceof Date) {
          const year = value.getUTCFullYear()
          if (Number.isNaN(year)) this.invalid(info, 'invalid Date')
          // dlt holds timestamps as Python datetimes: years 1 to 9999
          if (year < 1 || year > 9999) {
            this.invalid(info, `Date ${value.toISOString()} is outside years 1-9999`)
          }
          return
        }
        const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'unknown'
        this.invalid(info, `an instance of class ${kind} is not a plain object`)
      }
    }
  }

  /** Checks a dict or list that stays whole (a `json` value): only data, no cycles. */
  checkJson(value: object, info: KeyInfo): void {
    // the common case, data, is checked without building paths; a failure is walked again below
    if (this.#seen.length > 0) this.#seen.length = 0 // after a failure
    if (!this.#isJsonData(value)) this.#failJson(value, info)
  }

  /** True if `value` holds only data (what `#failJson` finds no fault in). */
  #isJsonData(value: unknown): boolean {
    if (value === null || typeof value !== 'object') {
      return typeof value !== 'function' && typeof value !== 'symbol'
    }
    const isArray = Array.isArray(value)
    if (!isArray && !isPlainObject(value)) {
      if (value instanceof Uint8Array) return true
      if (!(value instanceof Date)) return false
      const year = value.getUTCFullYear()
      return year >= 1 && year <= 9999 // NaN for an invalid Date
    }
    const seen = this.#seen
    if (seen.includes(value)) return false
    seen.push(value)
    if (isArray) {
      for (let i = 0; i < value.length; i++) if (!this.#isJsonData(value[i])) return false
    } else {
      for (const key in value) {
        if (!this.#isJsonData((value as Record<string, unknown>)[key])) return false
      }
    }
    seen.pop()
    return true
  }

  /** Throws `InvalidItemError` for the first value of `value` that is not data, with its path. */
  #failJson(value: object, info: KeyInfo): void {
    const seen: object[] = []
    const visit = (v: unknown, path: string): void => {
      if (v === null || typeof v !== 'object') {
        if (typeof v === 'function' || typeof v === 'symbol') {
          this.invalid(info, `${typeof v} at ${path} is not data`)
        }
        return
      }
      if (!Array.isArray(v) && !isPlainObject(v)) {
        this.checkScalar(v, info)
        return
      }
      if (seen.includes(v)) this.invalid(info, `circular reference at ${path}`)
      seen.push(v)
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) visit(v[i], `${path}[${i}]`)
      else for (const key in v) visit((v as Record<string, unknown>)[key], `${path}.${key}`)
      seen.pop()
    }
    visit(value, '<value>')
  }
}
