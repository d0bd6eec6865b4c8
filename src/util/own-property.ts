/**
 * @module Plain objects used as maps whose keys come from data or users (table, column, resource
 * and source names): lookups that see only own properties, so that `constructor` or `toString`
 * are not found on `Object.prototype`, and writes that keep `__proto__` an ordinary key.
 */

/** `record[key]` if `record` has it as an own property, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/**
 * Sets `record[key] = value` as an own, enumerable property. Plain assignment would set the
 * prototype for the key `__proto__`; every other key is assigned as usual.
 */
export function setOwnValue<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  } else {
    record[key] = value
  }
}

/** An empty object without a prototype, for counts and lookups keyed by names. */
export function createNameMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}
