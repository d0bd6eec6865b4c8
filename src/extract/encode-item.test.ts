import { describe, expect, it } from 'vitest'
import { encodeTypedJson } from '../storage/typed-json.js'
import { encodeItem } from './encode-item.js'
import { InvalidItemError, validateItem } from './validate-item.js'

/** The encoding before `encodeItem`: the check, then the replacer or plain JSON. */
function reference(item: unknown): string {
  return validateItem(item, 'events') ? encodeTypedJson(item) : JSON.stringify(item)
}

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { level: value }
  return value
}

const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 })
// on a null prototype `__proto__` is an ordinary key
Object.defineProperty(nullPrototype, '__proto__', { value: 'an own key here', enumerable: true })
const shared = { x: [1, 'two'] }

const values: [string, unknown][] = [
  ['empty object', {}],
  ['empty array', []],
  [
    'integers and floats',
    [0, -0, 1, -17, 2 ** 53, 1.5, -0.1, 1e21, 1e-7, 5e-324, 1.7976931348623157e308],
  ],
  ['booleans and null', [true, false, null]],
  ['ASCII text', 'plain words'],
  ['empty string', ''],
  ['accents and CJK', 'héllo 日本語'],
  ['an emoji (surrogate pair)', 'ok 👍'],
  ['a lone high surrogate', 'a\ud800b'],
  ['a lone low surrogate', '\udc00 at start'],
  ['quotes, backslashes and control characters', 'say "hi"\\ \u0000\u0001\b\f\n\r\t\u001f end'],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
  ['DEL and C1 controls', 'x\u007f\u0085y'],
  ['nested objects and arrays', { a: { b: [1, { c: [[], {}] }] }, d: [[1, 2], ['x']] }],
  ['undefined: left out of objects, null in arrays', { a: undefined, b: [undefined, 1], c: 2 }],
  ['an array with holes', new Array(3).fill(1, 0, 1)],
  ['keys in JSON order (integers first)', { b: 1, 2: 'two', a: 3, 1: 'one' }],
  [
    'keys needing escapes',
    { 'quote"key': 1, 'back\\slash': 2, 'new\nline': 3, 'lone\ud800': 4, '': 5 },
  ],
  ['unicode keys', { clé: 1, 名前: 2, '👍': 3 }],
  ['an own __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')],
  ['constructor and toString keys', { constructor: 'c', toString: 't', hasOwnProperty: 1 }],
  ['a null-prototype object (with an own __proto__ key)', nullPrototype],
  ['shared (not circular) references', { a: shared, b: shared, c: [shared] }],
  ['a Date', new Date('2024-05-01T10:00:00.123Z')],
  ['Dates before 1970 and after 9999', [new Date(-1), new Date(Date.UTC(12000, 0, 1))]],
  ['bigints', [0n, -5n, 12345678901234567890123n]],
  ['bytes', new Uint8Array([0, 1, 2, 250, 255])],
  ['empty bytes', new Uint8Array(0)],
  ['a Buffer', Buffer.from('hi there')],
  ['a view into a larger buffer', new Uint8Array([9, 8, 7, 6, 5]).subarray(1, 3)],
  [
    'strings starting with each prefix character',
    Array.from({ length: 10 }, (_, i) => `${String.fromCharCode(0xf026 + i)}x`),
  ],
  ['a prefix character later in the string', 'x\uF027y'],
  ['a prefixed string needing escapes', '\uF027"quoted"\n'],
  ['a key starting with a prefix character (keys are not escaped)', { '\uF027key': 1 }],
  ['nesting deeper than the quick walk', nested(100, 'leaf')],
  ['a Date deeper than the quick walk', nested(100, new Date(0))],
]

describe('encodeItem writes what validateItem + encodeTypedJson / JSON.stringify wrote', () => {
  it.each(values)('%s', (_name, value) => {
    for (const item of [value, { value }, [value, { value }]]) {
      expect(encodeItem(item, 'events')).toBe(reference(item))
    }
  })

  it.each(values)('%s, beside a Date (the typed walk)', (_name, value) => {
    for (const item of [
      { at: new Date(0), value },
      { value, deep: { at: [7n] } },
      [new Uint8Array([1]), value],
    ]) {
      expect(encodeItem(item, 'events')).toBe(reference(item))
    }
  })
})

class Money {
  amount = 1
}
const circular: Record<string, unknown> = { a: 1 }
circular['self'] = { back: circular }

describe('encodeItem refuses what validateItem refused, with its error', () => {
  it.each([
    ['a function', { a: { b: () => 1 } }],
    ['a symbol', { list: [1, Symbol('s')] }],
    ['a class instance', { price: new Money() }],
    ['a Map', { lookup: new Map() }],
    ['a Float64Array (bytes are Uint8Array only)', { values: new Float64Array(2) }],
    ['an invalid Date', { at: new Date('nope') }],
    ['a circular reference', circular],
    ['a circular reference beside a Date', { at: new Date(0), loop: circular }],
    [
      'an array holding itself',
      (() => {
        const list: unknown[] = [1]
        list.push(list)
        return { list }
      })(),
    ],
    ['NaN', { x: Number.NaN }],
    ['Infinity in an array', { x: [1, Number.POSITIVE_INFINITY] }],
    ['a function after a Date', { at: new Date(0), later: { f: () => 1 } }],
    ['a function as the item', () => 1],
    ['a toJSON method', { toJSON: () => 'x' }],
  ])('%s', (_name, item) => {
    let expected: unknown
    try {
      validateItem(item, 'events')
    } catch (error) {
      expected = error
    }
    expect(expected).toBeInstanceOf(InvalidItemError)
    expect(() => encodeItem(item, 'events')).toThrow(expected as Error)
    try {
      encodeItem(item, 'events')
    } catch (error) {
      expect((error as InvalidItemError).path).toBe((expected as InvalidItemError).path)
    }
  })

  it('refuses an undefined item, naming the table', () => {
    expect(() => encodeItem(undefined, 'events')).toThrow(InvalidItemError)
    expect(() => encodeItem(undefined, 'events')).toThrow(/table "events" at `<item>`.*undefined/)
  })
})
