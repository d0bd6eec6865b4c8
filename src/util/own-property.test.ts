import { describe, expect, it } from 'vitest'
import { childObject } from './child-object.js'
import { createNameMap, ownValue, setOwnValue } from './own-property.js'
import { sortedJson } from './sorted-json.js'

/** A key that plain assignment would turn into the prototype. */
const PROTO = '__proto__'

const MEMBER_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']

describe('maps keyed by names from data', () => {
  it.each(MEMBER_NAMES)('ownValue finds only own properties (%j)', (name) => {
    expect(ownValue({}, name)).toBeUndefined()
    expect(ownValue(JSON.parse(`{${JSON.stringify(name)}: 1}`), name)).toBe(1)
  })

  it.each(MEMBER_NAMES)('setOwnValue makes an ordinary own key (%j)', (name) => {
    const record: Record<string, unknown> = {}
    setOwnValue(record, name, { a: 1 })
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
    expect(Object.keys(record)).toEqual([name])
    expect(JSON.parse(JSON.stringify(record))).toEqual(
      JSON.parse(`{${JSON.stringify(name)}:{"a":1}}`),
    )
  })

  it('createNameMap has no inherited keys', () => {
    const counts = createNameMap<number>()
    expect(counts['constructor']).toBeUndefined()
    counts[PROTO] = 1
    expect(Object.keys(counts)).toEqual(['__proto__'])
  })

  it.each(MEMBER_NAMES)(
    'childObject creates and finds the child %j without touching the prototype',
    (name) => {
      const parent: Record<string, unknown> = {}
      const child = childObject(parent, name)
      child['incremental'] = 1
      expect(childObject(parent, name)).toBe(child)
      expect(Object.keys(parent)).toEqual([name])
      expect(Object.keys(Object.prototype)).toEqual([])
      expect(({} as Record<string, unknown>)['incremental']).toBeUndefined()
    },
  )

  it('sortedJson keeps a `__proto__` key', () => {
    expect(sortedJson(JSON.parse('{"b": 1, "__proto__": {"y": 2, "x": 1}}'))).toBe(
      '{"__proto__":{"x":1,"y":2},"b":1}',
    )
  })
})
