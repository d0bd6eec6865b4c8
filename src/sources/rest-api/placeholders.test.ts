import { describe, expect, it } from 'vitest'
import {
  expandPlaceholders,
  expandTemplate,
  findPlaceholders,
  PlaceholderSyntaxError,
  parseTemplate,
} from './placeholders.js'

const values: Record<string, unknown> = {
  'resources.issues.number': 7,
  'incremental.startValue': new Date('2024-01-02T03:04:05Z'),
  'resources.issues.title': 'a {b}',
}
const lookup = (field: string) => values[field]

describe('placeholders', () => {
  it.each([
    ['issues/{resources.issues.number}/comments', 'issues/7/comments'],
    ['{resources.issues.number}', 7],
    ['since {incremental.startValue}', 'since 2024-01-02T03:04:05.000Z'],
    ['{incremental.startValue}', '2024-01-02T03:04:05.000Z'],
    ['query { repo(n: {resources.issues.number}) {{ id }} }', null],
    ['{{ "literal": true }}', '{ "literal": true }'],
    ['{resources.issues.title}!', 'a {b}!'],
    ['no placeholders', 'no placeholders'],
  ])('expands %j', (template, expected) => {
    if (expected === null) {
      expect(() => expandTemplate(template, lookup)).toThrow(PlaceholderSyntaxError)
    } else {
      expect(expandTemplate(template, lookup)).toEqual(expected)
    }
  })

  it('escapes GraphQL bodies with doubled braces', () => {
    const body = { query: 'query {{ issue(number: {resources.issues.number}) {{ id }} }}' }
    expect(expandPlaceholders(body, lookup)).toEqual({
      query: 'query { issue(number: 7) { id } }',
    })
  })

  it.each([
    ['a } b', /single "}" at position 2.*write \{\{ and \}\} for literal braces/],
    ['a { b', /unmatched or empty "\{" at position 2.*literal braces/],
    ['a {} b', /unmatched or empty/],
  ])('rejects %j and says how to escape', (template, message) => {
    expect(() => parseTemplate(template)).toThrow(message)
  })

  it('finds placeholders in keys and nested values, with their paths', () => {
    expect(findPlaceholders({ a: ['{x}'], '{y}': { 'odd key': '{z}' } }, 'json')).toEqual([
      { field: 'x', path: 'json.a[0]' },
      { field: 'y', path: 'json' },
      { field: 'z', path: 'json["{y}"]["odd key"]' },
    ])
  })
})
