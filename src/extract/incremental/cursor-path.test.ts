import { describe, expect, it } from 'vitest'
import { findCursorValue, parseCursorPath } from './cursor-path.js'

const item = {
  updated_at: '2024-01-01',
  meta: { updated_at: 5, empty: null },
  a: [{ b: 1 }, { b: 2 }],
  list: [{ x: 1 }, { ts: 7 }, { ts: 8 }],
  'with space': 3,
}

describe('findCursorValue', () => {
  it.each<[string, unknown]>([
    ['updated_at', '2024-01-01'],
    ['meta.updated_at', 5],
    ['$.meta.updated_at', 5],
    ['$.updated_at', '2024-01-01'],
    ['a[0].b', 1],
    ['a[1].b', 2],
    ['a[-1].b', 2],
    ['list[*].ts', 7],
    ['$.list[*].ts', 7],
    ["['with space']", 3],
    ['$["meta"].updated_at', 5],
    ['meta.empty', null],
  ])('%s → %j', (path, expected) => {
    expect(findCursorValue(item, parseCursorPath(path))).toEqual({ found: true, value: expected })
  })

  it.each(['missing', 'meta.missing', 'a[5].b', 'updated_at.x', 'meta[0]', 'list[*].nope'])(
    '%s → not found',
    (path) => {
      expect(findCursorValue(item, parseCursorPath(path))).toEqual({ found: false })
    },
  )

  it('treats undefined properties and non-objects as absent', () => {
    expect(findCursorValue({ ts: undefined }, parseCursorPath('ts'))).toEqual({ found: false })
    expect(findCursorValue(42, parseCursorPath('ts'))).toEqual({ found: false })
    expect(findCursorValue(null, parseCursorPath('a.b'))).toEqual({ found: false })
  })
})

describe('parseCursorPath', () => {
  it.each(['$', 'a..b', 'a[', 'a b', 'a.[0]', '[?(@.a)]', 'a.'])('rejects %j', (path) => {
    expect(() => parseCursorPath(path)).toThrow(TypeError)
    expect(() => parseCursorPath(path)).toThrow(/`cursorPath`/)
  })
})
