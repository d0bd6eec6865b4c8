import { describe, expect, it } from 'vitest'
import { objectBuilder } from './object-builder.js'

describe('objectBuilder', () => {
  const columns = ['1', 'b', 'say "hi"\n', 'constructor', '__proto__', 'toString', 'Zoë ✓', '0']
  const values = [1, 2, 3, 4, 5, 6, 7, 8]
  it.each([
    ['compiled', true],
    ['set in a loop', false],
  ])('%s: the object JSON.parse makes of the same row, key order included', (_, compile) => {
    const row = objectBuilder(columns, compile)(values) as Record<string, unknown>
    const line = `{${columns.map((name, i) => `${JSON.stringify(name)}:${values[i]}`).join(',')}}`
    expect(JSON.stringify(row)).toBe(JSON.stringify(JSON.parse(line)))
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(Object.hasOwn(row, 'constructor')).toBe(true)
    expect(Object.hasOwn(row, '__proto__')).toBe(true)
  })
})
