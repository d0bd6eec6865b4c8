/**
 * Type-level tests: item types flow from a resource function through its steps and transformers.
 * `npm run typecheck` checks these assertions; vitest runs them as no-ops.
 */
import { describe, expectTypeOf, it } from 'vitest'
import type { Resource } from './resource.js'
import { resource, transformer } from './resource.js'

interface Issue {
  id: number
  title: string
}

describe('resource item types', () => {
  it('infers the item type from generators, arrays and async functions', () => {
    const fromGenerator = resource(function* issues() {
      yield { id: 1, title: 'a' } as Issue
    })
    expectTypeOf(fromGenerator).toEqualTypeOf<Resource<Issue>>()
    const fromAsync = resource(async () => [{ id: 1 }], { name: 'ids' })
    expectTypeOf(fromAsync).toEqualTypeOf<Resource<{ id: number }>>()
  })

  it('passes the item type through steps', () => {
    const issues = resource(() => [] as Issue[], { name: 'issues' })
    const titles = issues.addFilter((issue) => issue.id > 0).addMap((issue) => issue.title)
    expectTypeOf(titles).toEqualTypeOf<Resource<string>>()
    const words = titles.addYieldMap((title) => title.split(' '))
    expectTypeOf(words).toEqualTypeOf<Resource<string>>()
    const limited = issues.addLimit(5).withName('few')
    expectTypeOf(limited).toEqualTypeOf<Resource<Issue>>()
  })

  it('gives a transformer its parent’s item type', () => {
    const issues = resource(() => [] as Issue[], { name: 'issues' })
    const details = transformer(
      async (issue: Issue) => ({ id: issue.id, body: `${issue.title}!` }),
      { dataFrom: issues, name: 'details' },
    )
    expectTypeOf(details).toEqualTypeOf<Resource<{ id: number; body: string }>>()
    // @ts-expect-error a transformer of numbers cannot read from a resource of issues
    transformer((n: number) => ({ n }), { dataFrom: issues, name: 'wrong' })
  })
})
