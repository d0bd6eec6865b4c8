import { describe, expect, it } from 'vitest'
import { TableHintsError, validateColumnHints } from './column-hint-rules.js'
import type { TableSchema } from './schema-types.js'

const tableWith = (columns: TableSchema['columns']): TableSchema => ({ name: 'items', columns })

describe('validateColumnHints', () => {
  it('accepts a table with at most one dedup_sort and one hard_delete column', () => {
    expect(() =>
      validateColumnHints(
        tableWith({
          a: { name: 'a', dedup_sort: 'asc' },
          b: { name: 'b', hard_delete: true },
          c: { name: 'c', hard_delete: false },
        }),
      ),
    ).not.toThrow()
  })

  it('refuses two dedup_sort columns, listing them in column order', () => {
    const table = tableWith({
      a: { name: 'a', dedup_sort: 'asc' },
      x: { name: 'x' },
      b: { name: 'b', dedup_sort: 'desc' },
    })
    expect(() => validateColumnHints(table)).toThrow(TableHintsError)
    expect(() => validateColumnHints(table)).toThrow(
      'Table "items": more than one column has the dedupSort hint ("a", "b")',
    )
  })

  it('adds the caller’s explanation of where the hints came from', () => {
    const table = tableWith({
      a: { name: 'a', hard_delete: true },
      b: { name: 'b', hard_delete: true },
    })
    expect(() =>
      validateColumnHints(table, 'the stored schema keeps "a" from an earlier run'),
    ).toThrow(/hardDelete hint \("a", "b"\).*the stored schema keeps "a" from an earlier run/)
  })
})
