import { describe, expect, it } from 'vitest'
import type { IncrementalConfig, IncrementalContext } from '../../extract/incremental/index.js'
import { incrementalSelect } from './incremental-select.js'
import { renderSelect, type SqlSelect } from './sql-select.js'

const base: SqlSelect = { columns: ['id', 'at'], from: '"s"."t"', where: [], orderBy: [] }

function cursor(lastValue: unknown, endValue?: unknown): IncrementalContext {
  return { cursorPath: 'at', initialValue: undefined, startValue: lastValue, lastValue, endValue }
}

function sql(config: Omit<IncrementalConfig, 'cursorPath'>, context: IncrementalContext) {
  const select = incrementalSelect(
    base,
    'at',
    { cursorPath: 'at', ...config },
    context,
    'postgresql',
  )
  return renderSelect(select, 'postgresql')
}

describe('incrementalSelect', () => {
  it('reads everything on a first run without initial value', () => {
    expect(sql({}, cursor(undefined))).toBe('SELECT "id", "at" FROM "s"."t"')
  })

  it('pushes >= last value and < end value (dlt: max, closed start, open end)', () => {
    expect(sql({}, cursor(5, 9))).toBe(
      'SELECT "id", "at" FROM "s"."t" WHERE ("at" >= 5 AND "at" < 9)',
    )
  })

  it('flips the bounds for open/closed ranges and for min', () => {
    expect(sql({ rangeStart: 'open', rangeEnd: 'closed' }, cursor(5, 9))).toContain(
      '"at" > 5 AND "at" <= 9',
    )
    expect(sql({ lastValueFunc: 'min' }, cursor(9, 5))).toContain('"at" <= 9 AND "at" > 5')
  })

  it('keeps or drops NULL cursors as onCursorValueMissing says', () => {
    expect(sql({ onCursorValueMissing: 'include' }, cursor(5))).toContain(
      'WHERE ("at" >= 5 OR "at" IS NULL)',
    )
    expect(sql({ onCursorValueMissing: 'exclude' }, cursor(5))).toContain(
      'WHERE ("at" >= 5) AND ("at" IS NOT NULL)',
    )
    expect(sql({ onCursorValueMissing: 'exclude' }, cursor(undefined))).toContain(
      'WHERE ("at" IS NOT NULL)',
    )
  })

  it('orders by the cursor only when rowOrder is declared', () => {
    expect(sql({ rowOrder: 'asc' }, cursor(5))).toMatch(/ORDER BY "at" ASC$/)
    expect(sql({ rowOrder: 'desc' }, cursor(5))).toMatch(/ORDER BY "at" DESC$/)
    expect(sql({ rowOrder: 'asc', lastValueFunc: 'min' }, cursor(5))).toMatch(/ORDER BY "at" DESC$/)
    expect(sql({}, cursor(5))).not.toContain('ORDER BY')
  })

  it('leaves the query alone with a custom lastValueFunc (filtered in JS)', () => {
    expect(sql({ lastValueFunc: (values) => values[0] }, cursor(5))).toBe(
      'SELECT "id", "at" FROM "s"."t"',
    )
  })

  it('writes string cursors as escaped literals', () => {
    expect(sql({}, cursor("2024-01-01' OR 1=1 --"))).toContain(`"at" >= '2024-01-01'' OR 1=1 --'`)
  })
})
