import { describe, expect, it } from 'vitest'
import { COERCE_FAILED, coerceValue } from '../../../schema/coerce-value.js'
import { isoFromMicros } from './parquet-iso-parsers.js'

/** What `Date` writes, plus the microseconds below the millisecond (the reader's former text). */
function dateText(micros: bigint): string {
  const rest = ((micros % 1000n) + 1000n) % 1000n
  const iso = new Date(Number((micros - rest) / 1000n)).toISOString()
  return rest === 0n ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`
}

/** What dlt's normalizer makes of that text in a `timestamp` column. */
function normalized(micros: bigint): unknown {
  return coerceValue('timestamp', 'text', dateText(micros))
}

describe('isoFromMicros', () => {
  const cases = [
    0n,
    1n,
    -1n,
    999n,
    -1000n,
    123_000n,
    1_704_103_200_000_000n, // 2024-01-01T10:00:00Z
    1_704_103_200_123_456n,
    1_704_103_200_100_000n,
    1_704_153_599_999_999n, // the last microsecond of a day
    -86_400_000_000n - 1n, // before the epoch
    -62_135_596_800_000_000n, // year 1
    -62_135_596_799_999_999n,
    253_402_300_799_999_999n, // 9999-12-31T23:59:59.999999Z
    BigInt(Number.MAX_SAFE_INTEGER),
    BigInt(Number.MAX_SAFE_INTEGER) + 1n, // past 2^53: the BigInt path
    -BigInt(Number.MAX_SAFE_INTEGER) - 1n,
  ]
  it.each(cases)('%s µs is the text the normalizer makes of that instant', (micros) => {
    expect(isoFromMicros(micros)).toBe(normalized(micros))
    // ... so that normalizing it again changes nothing
    expect(coerceValue('timestamp', 'text', isoFromMicros(micros))).toBe(isoFromMicros(micros))
  })

  it('writes the exact text', () => {
    expect(isoFromMicros(1_704_103_200_000_000n)).toBe('2024-01-01T10:00:00+00:00')
    expect(isoFromMicros(1_704_103_200_000_007n)).toBe('2024-01-01T10:00:00.000007+00:00')
    expect(isoFromMicros(-1n)).toBe('1969-12-31T23:59:59.999999+00:00')
  })

  it('keeps the former text outside the years 1-9999 (the normalizer refuses both)', () => {
    for (const micros of [-62_135_596_800_000_001n, 253_402_300_800_000_000n]) {
      expect(isoFromMicros(micros)).toBe(dateText(micros))
      expect(normalized(micros)).toBe(COERCE_FAILED)
    }
  })

  it('is right on consecutive calls across days (the cached day)', () => {
    const day = 86_400_000_000n
    for (const micros of [0n, day - 1n, day, 5n * day + 7n, day - 1n]) {
      expect(isoFromMicros(micros)).toBe(normalized(micros))
    }
  })
})
