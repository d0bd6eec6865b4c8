/**
 * Type-level tests: `dataset().rows()` / `query()` return rows of the type asked for.
 * `npm run typecheck` checks these assertions; vitest runs them as no-ops.
 */
import { describe, expectTypeOf, it } from 'vitest'
import type { Dataset, DatasetQueryOptions, DatasetRow, DatasetRowsOptions } from './dataset.js'

interface Issue {
  id: number
  title: string
}

describe('dataset row types', () => {
  it('types rows with a type argument, DatasetRow by default', () => {
    const dataset = {} as Dataset
    expectTypeOf(() => dataset.rows('issues')).returns.toEqualTypeOf<Promise<DatasetRow[]>>()
    expectTypeOf(() => dataset.rows<Issue>('issues')).returns.toEqualTypeOf<Promise<Issue[]>>()
    expectTypeOf(() => dataset.query('select 1')).returns.toEqualTypeOf<
      Promise<Record<string, unknown>[]>
    >()
    expectTypeOf(() =>
      dataset.query<{ n: number }>('select count(*) as n from issues'),
    ).returns.toEqualTypeOf<Promise<{ n: number }[]>>()
  })

  it('takes `bigint` on both, and `limit` on rows only', () => {
    const dataset = {} as Dataset
    expectTypeOf(() =>
      dataset.query<{ n: bigint }>('select 1', [], { bigint: true }),
    ).returns.toEqualTypeOf<Promise<{ n: bigint }[]>>()
    expectTypeOf(dataset.rows).parameter(1).toEqualTypeOf<DatasetRowsOptions | undefined>()
    expectTypeOf(dataset.query).parameter(2).toEqualTypeOf<DatasetQueryOptions | undefined>()
    expectTypeOf<DatasetRowsOptions>().toHaveProperty('limit')
    expectTypeOf<DatasetQueryOptions>().not.toHaveProperty('limit')
    const _numbers = () =>
      // @ts-expect-error: rows are objects
      dataset.rows<number>('issues')
  })
})
