import { describe, expect, it } from 'vitest'
import { autoCast, parseValue } from './parse-value.js'

describe('autoCast (dlt auto_cast)', () => {
  const cases: readonly [string, unknown][] = [
    ['true', true],
    ['False', false],
    ['10', 10],
    ['-3', -3],
    ['0x1f', 31],
    ['1.5', 1.5],
    ['[1, "a"]', [1, 'a']],
    ['{"a": 1}', { a: 1 }],
    ['"quoted"', '"quoted"'],
    ['null', 'null'],
    ['yes', 'yes'],
    ['', ''],
  ]
  for (const [raw, want] of cases) {
    it(JSON.stringify(raw), () => expect(autoCast(raw)).toEqual(want))
  }
})

describe('parseValue', () => {
  it('coerces scalars to strings and refuses tables', () => {
    expect(parseValue('string', 5)).toEqual({ ok: true, value: '5' })
    expect(parseValue('string', new Date('2024-01-01T00:00:00Z'))).toEqual({
      ok: true,
      value: '2024-01-01T00:00:00.000Z',
    })
    expect(parseValue('string', { a: 1 }).ok).toBe(false)
  })

  it('reads numbers as booleans as dlt does', () => {
    expect(parseValue('boolean', 0)).toEqual({ ok: true, value: false })
    expect(parseValue('boolean', 2)).toEqual({ ok: true, value: true })
  })

  it('refuses unsafe integers', () => {
    expect(parseValue('integer', '9007199254740993').ok).toBe(false)
    expect(parseValue('number', 'Infinity').ok).toBe(false)
  })
})
