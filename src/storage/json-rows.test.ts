import { describe, expect, it } from 'vitest'
import { jsonRowsHeader, jsonRowsItem, parseJsonRowsHeader } from './json-rows.js'

describe('JSON rows header', () => {
  it('names the columns, and reads back what it wrote', () => {
    const header = jsonRowsHeader(['id', 'name "quoted"', '1'])
    expect(parseJsonRowsHeader(header, 'f')).toEqual(['id', 'name "quoted"', '1'])
  })

  it.each([
    ['not JSON', '{"rows":'],
    ['no columns', '{"columns":[["a","text"]]}'],
    ['a column that is not a name', '{"rows":["a",1]}'],
    ['a repeated column', '{"rows":["a","a"]}'],
    ['__proto__ (it would set the prototype)', '{"rows":["__proto__"]}'],
  ])('refuses a header with %s, naming the file and what to do', (_, line) => {
    expect(() => parseJsonRowsHeader(line, 'orders.x.0.json-rows')).toThrow(
      /orders\.x\.0\.json-rows: the first line of a json-rows file must name its columns; .*drop-pending-packages/,
    )
  })
})

describe('jsonRowsItem', () => {
  const item = jsonRowsItem(['b', 'a', 'c'], 'Table "t", f')

  it('makes an array the object of the columns, keys in column order', () => {
    const row = item([1, null, { x: [1] }])
    expect(row).toEqual({ b: 1, a: null, c: { x: [1] } })
    expect(Object.keys(row as object)).toEqual(['b', 'a', 'c'])
  })

  it('keeps anything else as it is (object lines leave keys out)', () => {
    const object = { b: 2 }
    expect(item(object)).toBe(object)
    expect(item('text')).toBe('text')
  })

  it('refuses an array of another length, naming where', () => {
    expect(() => item([1, 2])).toThrow(
      /Table "t", f: a row has 2 values where its header names 3 columns; .*drop-pending-packages/,
    )
  })
})
