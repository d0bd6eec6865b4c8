/**
 * @module Load ids: the run's clock, a decimal string of Unix seconds with microseconds
 * (`"1732461234.512345"`), as dlt writes them.
 */

/**
 * A new load id, strictly greater than `after` (if given) so that packages sort in creation order
 * even when two are created within the same microsecond or the clock goes back.
 */
export function createLoadId(after?: string): string {
  const nowMicros = BigInt(Date.now()) * 1000n + BigInt(process.hrtime.bigint() % 1000n)
  const previous = after === undefined ? -1n : loadIdToMicros(after)
  const micros = nowMicros > previous ? nowMicros : previous + 1n
  const seconds = micros / 1_000_000n
  const fraction = (micros % 1_000_000n).toString().padStart(6, '0')
  return `${seconds}.${fraction}`
}

/** Compares two load ids numerically. */
export function compareLoadIds(a: string, b: string): number {
  const diff = loadIdToMicros(a) - loadIdToMicros(b)
  return diff < 0n ? -1 : diff > 0n ? 1 : 0
}

function loadIdToMicros(loadId: string): bigint {
  const [seconds = '0', fraction = ''] = loadId.split('.')
  return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0')
}

const LOAD_ID = /^\d{1,12}(\.\d{1,6})?$/

/**
 * Throws a `RangeError` naming `owner` (e.g. `'Pipeline "shop"'`) unless `loadId` is a load id
 * newer than `after`: packages must sort in the order they were made.
 */
export function assertNewerLoadId(owner: string, loadId: string, after: string | undefined): void {
  if (!LOAD_ID.test(loadId)) {
    throw new RangeError(
      `${owner}: ${JSON.stringify(loadId)} is not a load id; give Unix seconds with up to 6 decimals, such as "1732461234.512345"`,
    )
  }
  if (after !== undefined && compareLoadIds(loadId, after) <= 0) {
    throw new RangeError(
      `${owner}: the load id ${loadId} is not newer than the last load id ${after}; give a newer one, or none for a new one`,
    )
  }
}
