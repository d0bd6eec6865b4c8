import { describe, expect, it } from 'vitest'
import { formatIsoLike, parseIsoDateTime } from './iso-date-time.js'

describe('parseIsoDateTime', () => {
  it.each<[string, string | undefined]>([
    ['2024-01-01', '2024-01-01T00:00:00.000Z'],
    ['2024-01-01T10:00:00Z', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T12:00:00+02:00', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T05:00:00-0500', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01 10:00', '2024-01-01T10:00:00.000Z'],
    ['2024-01-01T10:00:00.123456', '2024-01-01T10:00:00.123Z'],
    ['2024-02-30', undefined],
    ['2024-01-01T25:00:00Z', undefined],
    ['not a date', undefined],
    ['20240101', undefined],
  ])('%s', (text, iso) => {
    const parsed = parseIsoDateTime(text)
    if (iso === undefined) expect(parsed).toBeUndefined()
    else expect(new Date(Number(parsed!.epochNanos / 1_000_000n)).toISOString()).toBe(iso)
  })

  it('keeps microseconds apart', () => {
    const a = parseIsoDateTime('2024-01-01T10:00:00.000001Z')!
    const b = parseIsoDateTime('2024-01-01T10:00:00.000002Z')!
    expect(b.epochNanos - a.epochNanos).toBe(1000n)
  })

  it('reads compact dates only when asked', () => {
    expect(parseIsoDateTime('20240131', { compactDates: true })?.dateOnly).toBe(true)
  })
})

describe('formatIsoLike', () => {
  it.each([
    '2024-01-01T12:00:00+02:00',
    '2024-01-01 10:00:00.123456',
    '2024-01-01T10:00Z',
    '2024-03-05',
  ])('round-trips %s', (text) => {
    const parsed = parseIsoDateTime(text)!
    expect(formatIsoLike(parsed.epochNanos, parsed.shape, parsed.dateOnly)).toBe(text)
  })
})
