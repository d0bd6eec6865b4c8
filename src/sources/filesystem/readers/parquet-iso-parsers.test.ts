import { describe, expect, it } from 'vitest'
import { isoFromMicros } from './parquet-iso-parsers.js'

/** What `Date` writes, plus the microseconds below the millisecond. */
function expected(micros: bigint): string {
  const rest = ((micros % 1000n) + 1000n) % 1000n
  const iso = new Date(Number((micros - rest) / 1000n)).toISOString()
  return rest === 0n ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`
}

describe('isoFromMicros', () => {
  const cases = [
    0n,
    1n,
    -1n,
    999n,
    -1000n,
    1_704_103_200_000_000n, // 2024-01-01T10:00:00Z
    1_704_103_200_123_456n,
    1_704_153_599_999_999n, // the last microsecond of a day
    -86_400_000_000n - 1n, // before the epoch
    -62_135_596_800_000_000n, // year 1
    253_402_300_799_999_999n, // 9999-12-31T23:59:59.999999Z
    BigInt(Number.MAX_SAFE_INTEGER),
    BigInt(Number.MAX_SAFE_INTEGER) + 1n, // past 2^53: the BigInt path
  ]
  it.each(cases)('%s µs is the ISO text of that instant', (micros) => {
    expect(isoFromMicros(micros)).toBe(expected(micros))
  })

  it('is right on consecutive calls across days (the cached day)', () => {
    const day = 86_400_000_000n
    for (const micros of [0n, day - 1n, day, 5n * day + 7n, day - 1n]) {
      expect(isoFromMicros(micros)).toBe(expected(micros))
    }
  })
})
