import { describe, expect, it } from 'vitest'
import { checkKeyRanges, cutRanges, keyRangeCondition } from './key-ranges.js'

describe('key ranges', () => {
  it('cuts MIN..MAX into count ranges, open at both ends', () => {
    expect(cutRanges(1, 100, 4)).toEqual([
      { to: 26 },
      { from: 26, to: 51 },
      { from: 51, to: 76 },
      { from: 76 },
    ])
    expect(cutRanges(-10, 9, 2)).toEqual([{ to: 0 }, { from: 0 }])
  })

  it('makes fewer ranges than asked when the keys are fewer, one when they are one', () => {
    expect(cutRanges(1, 2, 5)).toEqual([{ to: 2 }, { from: 2 }])
    expect(cutRanges(7, 7, 3)).toEqual([{}])
  })

  it('renders a range as SQL; the first takes the NULL keys', () => {
    expect(keyRangeCondition({ to: 26 }, 'id', 'postgresql')).toBe('"id" < 26 OR "id" IS NULL')
    expect(keyRangeCondition({ from: 26, to: 51 }, 'id', 'mysql')).toBe('`id` >= 26 AND `id` < 51')
    expect(keyRangeCondition({ from: 76 }, 'id', 'sqlite')).toBe('"id" >= 76')
    expect(keyRangeCondition({}, 'id', 'sqlite')).toBeUndefined()
  })

  it('refuses a partitions option without a column or a whole count', () => {
    expect(() => checkKeyRanges('sqlTable', { column: '', count: 2 })).toThrow(/partitions.column/)
    expect(() => checkKeyRanges('sqlTable', { column: 'id', count: 0 })).toThrow(/partitions.count/)
  })
})
