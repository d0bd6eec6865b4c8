/**
 * @module The order in which a JavaScript object lists its keys, and so `JSON.stringify` writes
 * them: integer-like keys first, ascending, then the others as they were added. Readers that
 * write JSON lines without building the object use it to write the same line.
 */

/** A key a JS object lists first: an array index, `0` to `2^32 - 2`, written canonically. */
function isArrayIndex(name: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(name) && Number(name) < 2 ** 32 - 1
}

/**
 * The indices of `names` in the order an object with these keys (added in this order) lists
 * them. `__proto__` is left out: assigning it sets no key.
 */
export function jsonKeyOrder(names: readonly string[]): number[] {
  const indices = names.map((_, k) => k).filter((k) => names[k] !== '__proto__')
  const first = indices.filter((k) => isArrayIndex(names[k]!))
  first.sort((a, b) => Number(names[a]) - Number(names[b]))
  return [...first, ...indices.filter((k) => !isArrayIndex(names[k]!))]
}
