/**
 * @module Sources and run input keyed by resource name, with names that are also members of
 * `Object.prototype`.
 */
import { describe, expect, it } from 'vitest'
import { resource } from './resource.js'
import { planRunInput } from './run-input.js'
import { source } from './source.js'

/** A key that plain assignment would turn into the prototype. */
const PROTO = '__proto__'

const MEMBER_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']

const named = (name: string) => resource(() => [{ id: 1 }], { name })

describe('resource names that are Object.prototype members', () => {
  it.each(MEMBER_NAMES)('run() plans a list of resources with one named %j', (name) => {
    const plan = planRunInput([named(name), named('other')], {}, 'pipeline')
    expect(Object.keys(plan.group.available)).toEqual([name, 'other'])
    expect(plan.group.available[name]?.name).toBe(name)
    expect(plan.group.selected.map((r) => r.name)).toEqual([name, 'other'])
  })

  it('run() still refuses two resources of the same name', () => {
    expect(() => planRunInput([named('toString'), named('toString')], {}, 'p')).toThrow(
      /two resources are named "toString"/,
    )
  })

  it('a source keeps every resource under its own name', () => {
    const src = source(() => MEMBER_NAMES.map(named), { name: 'members' })
    expect(Object.keys(src.resources)).toEqual(MEMBER_NAMES)
    for (const name of MEMBER_NAMES) expect(src.resources[name]?.name).toBe(name)
    expect(src.selectedResources.map((r) => r.name)).toEqual(MEMBER_NAMES)
  })

  it('a source finds no resource that it does not have', () => {
    const src = source(() => [named('a')], { name: 's' })
    expect(src.resources['constructor']).toBeUndefined()
    expect(() => src.withResources('toString')).toThrow(/has no resource "toString"/)
    expect(() => src.updateResource('constructor', (r) => r)).toThrow(/has no resource/)
  })

  it('withResources and updateResource work with member names', () => {
    const src = source(() => MEMBER_NAMES.map(named), { name: 'members' })
    const picked = src.withResources('__proto__', 'constructor')
    expect(picked.selectedResources.map((r) => r.name)).toEqual(['constructor', '__proto__'])
    const renamed = src.updateResource('__proto__', (r) => r.withName('valueOf2'))
    expect(Object.keys(renamed.resources)).toEqual([
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'valueOf2',
    ])
    const back = renamed.updateResource('valueOf2', (r) => r.withName('__proto__'))
    expect(back.resources[PROTO]?.name).toBe(PROTO)
  })
})
