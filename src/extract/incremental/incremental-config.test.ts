import { describe, expect, it } from 'vitest'
import type { IncrementalConfig } from './incremental-config.js'
import { incremental } from './incremental-config.js'

describe('incremental()', () => {
  it('returns a frozen spec holding a frozen copy of the config', () => {
    const primaryKey = ['id']
    const spec = incremental({ cursorPath: 'updated_at', initialValue: 1, primaryKey })
    expect(spec.kind).toBe('incremental')
    expect(spec.config).toMatchObject({ cursorPath: 'updated_at', initialValue: 1 })
    expect(Object.isFrozen(spec)).toBe(true)
    expect(Object.isFrozen(spec.config)).toBe(true)
    expect(Object.isFrozen(spec.config.primaryKey)).toBe(true)
    primaryKey.push('x')
    expect(spec.config.primaryKey).toEqual(['id'])
  })

  it.each<[string, IncrementalConfig]>([
    ['nested path', { cursorPath: '$.meta.items[0].ts' }],
    [
      'min with end below initial',
      { cursorPath: 'ts', lastValueFunc: 'min', initialValue: 9, endValue: 1 },
    ],
    [
      'Date range',
      { cursorPath: 'ts', initialValue: new Date(0), endValue: '2024-01-01T00:00:00Z' },
    ],
    ['custom function', { cursorPath: 'ts', lastValueFunc: (v) => v[0] }],
    [
      'all the choices',
      {
        cursorPath: 'ts',
        rowOrder: 'desc',
        onCursorValueMissing: 'exclude',
        rangeStart: 'open',
        rangeEnd: 'closed',
        lag: 2.5,
        primaryKey: [],
      },
    ],
  ])('accepts %s', (_, config) => {
    expect(() => incremental(config)).not.toThrow()
  })

  it.each<[string, unknown, ErrorConstructor, RegExp]>([
    ['no options', undefined, TypeError, /`incremental`/],
    ['empty cursorPath', { cursorPath: ' ' }, TypeError, /`cursorPath`/],
    ['non-string cursorPath', { cursorPath: 3 }, TypeError, /`cursorPath`/],
    ['unsupported JSONPath', { cursorPath: 'a..b' }, TypeError, /`cursorPath`/],
    [
      'unknown lastValueFunc',
      { cursorPath: 'ts', lastValueFunc: 'avg' },
      RangeError,
      /`lastValueFunc`/,
    ],
    ['bad rowOrder', { cursorPath: 'ts', rowOrder: 'up' }, RangeError, /`rowOrder`/],
    [
      'bad onCursorValueMissing',
      { cursorPath: 'ts', onCursorValueMissing: 'ignore' },
      RangeError,
      /`onCursorValueMissing`/,
    ],
    ['bad rangeStart', { cursorPath: 'ts', rangeStart: 'half' }, RangeError, /`rangeStart`/],
    ['bad rangeEnd', { cursorPath: 'ts', rangeEnd: true }, RangeError, /`rangeEnd`/],
    ['negative lag', { cursorPath: 'ts', lag: -1 }, RangeError, /`lag`/],
    ['infinite lag', { cursorPath: 'ts', lag: Number.POSITIVE_INFINITY }, RangeError, /`lag`/],
    [
      'lag with a custom function',
      { cursorPath: 'ts', lag: 1, lastValueFunc: (v: unknown[]) => v[0] },
      RangeError,
      /`lag`/,
    ],
    ['empty primaryKey column', { cursorPath: 'ts', primaryKey: '' }, TypeError, /`primaryKey`/],
    [
      'non-string key column',
      { cursorPath: 'ts', primaryKey: ['id', 1] },
      TypeError,
      /`primaryKey`/,
    ],
    [
      'endValue without initialValue',
      { cursorPath: 'ts', endValue: 5 },
      RangeError,
      /`endValue` requires `initialValue`/,
    ],
    [
      'endValue below initialValue',
      { cursorPath: 'ts', initialValue: 5, endValue: 1 },
      RangeError,
      /higher/,
    ],
    [
      'endValue above initialValue with min',
      { cursorPath: 'ts', lastValueFunc: 'min', initialValue: 1, endValue: 5 },
      RangeError,
      /lower/,
    ],
    [
      'incomparable range',
      { cursorPath: 'ts', initialValue: 1, endValue: 'x' },
      TypeError,
      /`initialValue` and `endValue`/,
    ],
  ])('rejects %s', (_, config, errorClass, message) => {
    const call = () => incremental(config as IncrementalConfig)
    expect(call).toThrow(errorClass)
    expect(call).toThrow(message)
  })
})
