/**
 * @module Values of query results as plain JavaScript: integers as numbers while they are exact
 * and as decimal strings beyond `Number.MAX_SAFE_INTEGER`, or all as BigInt when asked, so that
 * `JSON.stringify` takes a result row unless the caller chose BigInt.
 */

/** How integers come back. */
export interface ResultValueOptions {
  /**
   * Every integer as a `bigint` (exact at any size) instead of a number or string.
   * @default false
   */
  readonly bigint?: boolean
}

/**
 * An integer (a `bigint`, a safe `number` or a driver's decimal text) as a result value: a number
 * when `|n| ≤ 2^53 - 1`, else its decimal string; a `bigint` with `options.bigint`.
 */
export function integerResult(
  value: bigint | number | string,
  options: ResultValueOptions = {},
): bigint | number | string {
  if (options.bigint) return typeof value === 'bigint' ? value : BigInt(value)
  if (typeof value === 'number') return value
  const big = typeof value === 'bigint' ? value : BigInt(value)
  const max = BigInt(Number.MAX_SAFE_INTEGER)
  return big <= max && big >= -max ? Number(big) : big.toString()
}

/**
 * `value` with every `bigint` in it (also inside arrays and plain objects) converted by
 * `integerResult`; other values are returned as they are. For results whose column types are not
 * known: there a `bigint` is the only sign of an integer.
 */
export function bigintsToResult(value: unknown, options: ResultValueOptions = {}): unknown {
  if (typeof value === 'bigint') return integerResult(value, options)
  if (Array.isArray(value)) return value.map((item) => bigintsToResult(item, options))
  if (isPlainObject(value)) {
    const result: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) result[key] = bigintsToResult(item, options)
    return result
  }
  return value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}
