import { describe, expect, it } from 'vitest'
import { compileJsonPath, findValues, formatJsonPath, setValueAtPath } from './json-path.js'

const DOC = {
  data: [
    { id: 1, tags: ['a'], 'odd key': true },
    { id: 2, tags: ['b', 'c'] },
  ],
  meta: { total: 2, next: null, nested: { total: 9 } },
}

describe('findValues', () => {
  it.each([
    ['$', [DOC]],
    ['data', [DOC.data]],
    ['$.meta.total', [2]],
    ['meta.next', [null]],
    ['data[*].id', [1, 2]],
    ['data[0].id', [1]],
    ['data[-1].id', [2]],
    ['data[5]', []],
    ['data[0:1].id', [1]],
    ['data[1:].id', [2]],
    ["$['meta']['total']", [2]],
    ['$["meta"].total', [2]],
    ["data[0]['odd key']", [true]],
    ["$['data','meta'].total", [2]],
    ['meta.*', [2, null, { total: 9 }]],
    ['$..total', [2, 9]],
    ['data[*].tags[*]', ['a', 'b', 'c']],
    ['meta[*].total', [2]],
    ['missing.total', []],
    ['data.id', []],
  ])('%s', (path, expected) => {
    expect(findValues(path, DOC)).toEqual(expected)
  })

  it('caches compiled paths', () => {
    expect(compileJsonPath('data[*].id')).toBe(compileJsonPath('data[*].id'))
  })

  it.each([
    ['$.data[?(@.id > 1)]', 'filters and expressions are not supported'],
    ['data[', 'expected "]"'],
    ["$['open", 'unterminated quoted name'],
    ['data..', 'expected a field name'],
    ['', 'the path is empty'],
    ['a|b', 'unexpected "|"'],
  ])('refuses %s', (path, reason) => {
    expect(() => findValues(path, DOC)).toThrow(reason)
  })
})

describe('setValueAtPath', () => {
  it('creates objects on the way and keeps siblings', () => {
    const body: Record<string, unknown> = { query: 'x', paging: { size: 5 } }
    setValueAtPath(body, 'paging.offset', 10)
    setValueAtPath(body, "$['a']['b']", 1)
    expect(body).toEqual({ query: 'x', paging: { size: 5, offset: 10 }, a: { b: 1 } })
  })

  it('refuses paths that are not plain fields', () => {
    expect(() => setValueAtPath({}, 'items[0]', 1)).toThrow('use field names only')
    expect(() => setValueAtPath({}, '$', 1)).toThrow('root')
  })
})

describe('formatJsonPath', () => {
  it('formats keys back into a path that selects them', () => {
    const keys = ['response', 'the records', "it's"]
    const path = formatJsonPath(keys)
    expect(path).toBe("response['the records']['it\\'s']")
    expect(findValues(path, { response: { 'the records': { "it's": 1 } } })).toEqual([1])
    expect(formatJsonPath([])).toBe('$')
  })
})
