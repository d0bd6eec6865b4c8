/**
 * Type-level tests: item types flow from a resource function through its steps and transformers.
 * `npm run typecheck` checks these assertions; vitest runs them as no-ops.
 */
import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { incremental } from './incremental/index.js'
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

describe('item types from a Standard Schema as `columns`', () => {
  it('takes the item type from the schema’s output (zod, valibot, arktype)', () => {
    const fromZod = resource(() => [] as unknown[], {
      name: 'users',
      columns: z.object({ id: z.number(), name: z.string().optional() }),
    })
    expectTypeOf(fromZod).toEqualTypeOf<Resource<{ id: number; name?: string | undefined }>>()
    const fromValibot = resource(() => [], {
      name: 'users',
      columns: v.object({ id: v.number(), tags: v.array(v.string()) }),
    })
    expectTypeOf(fromValibot).toEqualTypeOf<Resource<{ id: number; tags: string[] }>>()
    const arktypeUser = type({ id: 'number' })
    const fromArktype = resource(() => [], { name: 'users', columns: arktypeUser })
    expectTypeOf(fromArktype).toEqualTypeOf<Resource<{ id: number }>>()
    // the type flows on through the steps
    expectTypeOf(fromZod.addMap((user) => user.id)).toEqualTypeOf<Resource<number>>()
  })
})

describe('incremental cursor types', () => {
  it("types lastValue as the initialValue's type", () => {
    resource(
      ({ incremental: cursor }) => {
        expectTypeOf(cursor?.lastValue).toEqualTypeOf<string | undefined>()
        return [] as Issue[]
      },
      {
        name: 'issues',
        incremental: incremental({ cursorPath: 'updated_at', initialValue: '2024-01-01' }),
      },
    )
    resource(
      ({ incremental: cursor }) => {
        expectTypeOf(cursor?.lastValue).toEqualTypeOf<number | undefined>()
        return [] as Issue[]
      },
      { name: 'ids', incremental: incremental({ cursorPath: 'id', initialValue: 0 }) },
    )
    // without an initial value the cursor's type is not known
    resource(
      ({ incremental: cursor }) => {
        expectTypeOf(cursor?.lastValue).toEqualTypeOf<unknown>()
        return [] as Issue[]
      },
      { name: 'any', incremental: incremental({ cursorPath: 'id' }) },
    )
  })
})

describe('incremental cursor types given explicitly', () => {
  it('takes the cursor type from the type arguments', () => {
    resource(
      ({ incremental: cursor }) => {
        expectTypeOf(cursor?.lastValue).toEqualTypeOf<string | undefined>()
        return [] as Issue[]
      },
      { name: 'typed', incremental: incremental<Issue, string>({ cursorPath: 'title' }) },
    )
  })
})

describe('incremental cursor types from a schema as `columns`', () => {
  it("types lastValue as the schema's field at the cursor path", () => {
    const Ticket = z.object({ id: z.number(), updated_at: z.string() })
    resource(
      ({ incremental: cursor }) => {
        expectTypeOf(cursor?.lastValue).toEqualTypeOf<string | undefined>()
        return []
      },
      { name: 'tickets', columns: Ticket, incremental: incremental({ cursorPath: 'updated_at' }) },
    )
    resource(
      ({ incremental: cursor }) => {
        expectTypeOf(cursor?.lastValue).toEqualTypeOf<number | undefined>()
        return []
      },
      { name: 'ids', columns: Ticket, incremental: incremental({ cursorPath: 'id' }) },
    )
  })
})

describe('resource partitions', () => {
  it('types a partition from what `list` gives', () => {
    resource(() => [] as Issue[], {
      name: 'issues',
      partitions: {
        list: async () => [{ day: '2024-01-01' }, { day: '2024-01-02' }],
        extract: (partition) => {
          expectTypeOf(partition).toEqualTypeOf<{ day: string }>()
          return [] as Issue[]
        },
      },
    })
    resource(() => [] as Issue[], {
      name: 'ranges',
      partitions: {
        list: () => [0, 100, 200],
        // @ts-expect-error a partition is a number here
        extract: (start: string) => [{ id: Number(start), title: '' }],
      },
    })
  })
})
