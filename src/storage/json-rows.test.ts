import { describe, expect, it } from 'vitest'
import { jsonRowsHeader, jsonRowsItem, objectBuilder, parseJsonRowsHeader } from './json-rows.js'

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

describe('objectBuilder', () => {
  const columns = ['1', 'b', 'say "hi"\n', 'constructor', 'toString', 'Zoë ✓', '0']
  const values = [1, 2, 3, 4, 5, 6, 7]
  it.each([
    ['compiled', true],
    ['set in a loop', false],
  ])('%s: the object JSON.parse makes of the same row, key order included', (_, compile) => {
    const row = objectBuilder(columns, compile)(values) as Record<string, unknown>
    const line = `{${columns.map((name, i) => `${JSON.stringify(name)}:${values[i]}`).join(',')}}`
    expect(JSON.stringify(row)).toBe(JSON.stringify(JSON.parse(line)))
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(Object.hasOwn(row, 'constructor')).toBe(true)
  })
})
