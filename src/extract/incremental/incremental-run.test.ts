import { describe, expect, it } from 'vitest'
import { isTerminalError } from '../../errors/dlt-error.js'
import type { IncrementalConfig } from './incremental-config.js'
import { incremental } from './incremental-config.js'
import {
  IncrementalCursorInvalidCoercion,
  IncrementalCursorPathHasValueNone,
  IncrementalCursorPathMissing,
  IncrementalPrimaryKeyMissing,
} from './incremental-errors.js'
import { IncrementalRun, MAX_BOUNDARY_HASHES } from './incremental-run.js'
import { rowHash } from './row-hash.js'

type Row = Record<string, unknown>
type State = Record<string, unknown> | undefined

/** One extract: filters `items` and returns the decisions, the kept items and the next state. */
function extract(
  config: IncrementalConfig,
  items: readonly unknown[],
  stored?: State,
  resourcePrimaryKey?: readonly string[],
) {
  const run = new IncrementalRun(incremental(config), stored, 'issues', resourcePrimaryKey)
  const decisions = items.map((item) => run.filter(item))
  const kept = items.filter((_, i) => decisions[i] === 'keep')
  return { run, decisions, kept, state: run.nextState() }
}

const rows = (...values: unknown[]): Row[] => values.map((ts, id) => ({ id, ts }))
const cursors = (items: readonly unknown[]) => items.map((item) => (item as Row)['ts'])

describe('IncrementalRun: range', () => {
  it.each<[string, Partial<IncrementalConfig>, unknown[]]>([
    ['closed start, open end (default)', {}, [2, 3]],
    ['open start', { rangeStart: 'open' }, [3]],
    ['closed end', { rangeEnd: 'closed' }, [2, 3, 4]],
    ['open start, closed end', { rangeStart: 'open', rangeEnd: 'closed' }, [3, 4]],
  ])('max, [2, 4): %s', (_, options, expected) => {
    const { kept } = extract(
      { cursorPath: 'ts', initialValue: 2, endValue: 4, ...options },
      rows(5, 1, 2, 3, 4),
    )
    expect(cursors(kept)).toEqual(expected)
  })

  it.each<[string, Partial<IncrementalConfig>, unknown[]]>([
    ['closed start, open end (default)', {}, [4, 3]],
    ['open start', { rangeStart: 'open' }, [3]],
    ['closed end', { rangeEnd: 'closed' }, [4, 3, 2]],
  ])('min flips the direction, from 4 down to 2: %s', (_, options, expected) => {
    const { kept } = extract(
      { cursorPath: 'ts', lastValueFunc: 'min', initialValue: 4, endValue: 2, ...options },
      rows(5, 4, 3, 2, 1),
    )
    expect(cursors(kept)).toEqual(expected)
  })

  it('without initialValue, the first run keeps everything and stores the max', () => {
    const { kept, state, run } = extract({ cursorPath: 'ts' }, rows(3, 1, 7, 2))
    expect(cursors(kept)).toEqual([3, 1, 7, 2])
    expect(run.startValue).toBeUndefined()
    expect(run.lastValue).toBe(7)
    // dlt writes None (JSON null) where there is no value, so the state is the same on every run
    expect(state).toMatchObject({ initial_value: null, last_value: 7, start_value: null })
  })

  it('min stores the smallest value', () => {
    const { state } = extract(
      { cursorPath: 'ts', lastValueFunc: 'min', initialValue: 10 },
      rows(9, 4, 12, 6),
    )
    expect(state?.['last_value']).toBe(4)
  })

  it('a custom lastValueFunc decides the order', () => {
    // Longest string wins.
    const longest = (values: readonly unknown[]) =>
      values.reduce((a, b) => ((b as string).length > (a as string).length ? b : a))
    const { kept, state } = extract(
      { cursorPath: 'ts', lastValueFunc: longest, initialValue: 'bb' },
      rows('a', 'bb', 'ccc', 'dddd', 'e'),
    )
    expect(cursors(kept)).toEqual(['bb', 'ccc', 'dddd'])
    expect(state?.['last_value']).toBe('dddd')
  })

  it('exposes the context: startValue stays, lastValue moves', () => {
    const run = new IncrementalRun(
      incremental({ cursorPath: 'ts', initialValue: 5 }),
      undefined,
      'r',
    )
    expect([run.cursorPath, run.initialValue, run.startValue, run.lastValue, run.endValue]).toEqual(
      ['ts', 5, 5, 5, undefined],
    )
    run.filter({ ts: 9 })
    expect([run.startValue, run.lastValue]).toEqual([5, 9])
  })
})

describe('IncrementalRun: boundary de-duplication across runs', () => {
  const config: IncrementalConfig = { cursorPath: 'ts', initialValue: 0, primaryKey: 'id' }

  it('skips rows at the start value that the previous run loaded, by primary key', () => {
    const first = extract(config, [
      { id: 1, ts: 1 },
      { id: 2, ts: 2 },
      { id: 3, ts: 2 },
    ])
    expect(first.state).toEqual({
      initial_value: 0,
      last_value: 2,
      unique_hashes: [rowHash({ id: 2 }, ['id']), rowHash({ id: 3 }, ['id'])],
      start_value: 0,
    })
    const second = extract(
      config,
      [
        { id: 2, ts: 2, changed: true },
        { id: 3, ts: 2 },
        { id: 4, ts: 2 },
        { id: 5, ts: 3 },
        { id: 0, ts: 1 },
      ],
      first.state,
    )
    expect(second.decisions).toEqual(['skip', 'skip', 'keep', 'keep', 'skip'])
    expect(second.state).toEqual({
      initial_value: 0,
      last_value: 3,
      unique_hashes: [rowHash({ id: 5 }, ['id'])],
      start_value: 2,
    })
  })

  it('adds to the stored hashes while the last value does not move', () => {
    const first = extract(config, [{ id: 1, ts: 2 }])
    const second = extract(config, [{ id: 2, ts: 2 }], first.state)
    expect(second.state?.['unique_hashes']).toEqual([
      rowHash({ id: 1 }, ['id']),
      rowHash({ id: 2 }, ['id']),
    ])
    // Nothing new: the state stays as it was.
    const third = extract(config, [{ id: 1, ts: 2 }], second.state)
    expect(third.kept).toEqual([])
    expect(third.state).toEqual(second.state)
  })

  it('hashes the whole row without a key: a changed row at the boundary is loaded again', () => {
    const noKey: IncrementalConfig = { cursorPath: 'ts', initialValue: 0 }
    const first = extract(noKey, [{ id: 1, ts: 5, v: 'a' }])
    const second = extract(
      noKey,
      [
        { v: 'a', ts: 5, id: 1 },
        { id: 1, ts: 5, v: 'b' },
      ],
      first.state,
    )
    expect(second.decisions).toEqual(['skip', 'keep'])
  })

  it.each<[string, IncrementalConfig, readonly string[] | undefined, string[]]>([
    ['the resource primary key by default', { cursorPath: 'ts' }, ['id'], ['skip', 'keep']],
    [
      'the incremental primaryKey over the resource one',
      { cursorPath: 'ts', primaryKey: 'v' },
      ['id'],
      ['skip', 'skip'],
    ],
    ['compound keys', { cursorPath: 'ts', primaryKey: ['id', 'v'] }, undefined, ['skip', 'keep']],
    ['an empty resource key: whole rows', { cursorPath: 'ts' }, [], ['skip', 'keep']],
    [
      'primaryKey: [] turns de-duplication off',
      { cursorPath: 'ts', primaryKey: [] },
      ['id'],
      ['keep', 'keep'],
    ],
  ])('uses %s', (_, cfg, resourceKey, expected) => {
    const first = extract(cfg, [{ id: 1, ts: 5, v: 'a' }], undefined, resourceKey)
    const second = extract(
      cfg,
      [
        { id: 1, ts: 5, v: 'a' },
        { id: 2, ts: 5, v: 'a' },
      ],
      first.state,
      resourceKey,
    )
    expect(second.decisions).toEqual(expected)
  })

  it('stores no hashes with primaryKey: []', () => {
    const { state } = extract({ cursorPath: 'ts', primaryKey: [] }, rows(1, 2))
    expect(state?.['unique_hashes']).toEqual([])
  })

  it('keeps rows equal to the start value without stored hashes (closed start)', () => {
    const { kept } = extract(config, rows(0, 0, 1))
    expect(kept).toHaveLength(3)
  })

  it(`caps the hashes at ${MAX_BOUNDARY_HASHES}`, () => {
    const many = Array.from({ length: MAX_BOUNDARY_HASHES + 500 }, (_, id) => ({ id, ts: 1 }))
    const { state, kept } = extract(config, many)
    expect(kept).toHaveLength(many.length)
    expect(state?.['unique_hashes']).toHaveLength(MAX_BOUNDARY_HASHES)
  })

  it('throws IncrementalPrimaryKeyMissing when a key column is absent', () => {
    const run = new IncrementalRun(incremental(config), undefined, 'issues')
    expect(() => run.filter({ ts: 1 })).toThrow(IncrementalPrimaryKeyMissing)
    expect(() => run.filter({ ts: 1 })).toThrow(/"issues".*column "id"/)
  })
})

describe('IncrementalRun: rowOrder', () => {
  it.each<[string, Partial<IncrementalConfig>, unknown[], string[]]>([
    [
      'asc stops at the first item past the end',
      { rowOrder: 'asc' },
      [2, 3, 4, 5],
      ['keep', 'keep', 'stop', 'stop'],
    ],
    ['asc stops at the end value of an open end', { rowOrder: 'asc' }, [3, 4], ['keep', 'stop']],
    ['asc skips, never stops, below the start', { rowOrder: 'asc' }, [1, 2], ['skip', 'keep']],
    [
      'desc stops at the first item before the start',
      { rowOrder: 'desc' },
      [5, 3, 2, 1],
      ['skip', 'keep', 'keep', 'stop'],
    ],
    [
      'desc stops at the start value of an open start',
      { rowOrder: 'desc', rangeStart: 'open' },
      [3, 2],
      ['keep', 'stop'],
    ],
    ['no order only skips', {}, [5, 1, 3], ['skip', 'skip', 'keep']],
  ])('%s', (_, options, values, expected) => {
    const { decisions } = extract(
      { cursorPath: 'ts', initialValue: 2, endValue: 4, ...options },
      rows(...values),
    )
    expect(decisions).toEqual(expected)
  })

  it('desc skips (does not stop at) an already loaded row at the start value', () => {
    const config: IncrementalConfig = { cursorPath: 'ts', primaryKey: 'id', rowOrder: 'desc' }
    const first = extract(config, [{ id: 1, ts: 2 }])
    const second = extract(
      config,
      [
        { id: 3, ts: 3 },
        { id: 1, ts: 2 },
        { id: 2, ts: 2 },
        { id: 0, ts: 1 },
      ],
      first.state,
    )
    expect(second.decisions).toEqual(['keep', 'skip', 'keep', 'stop'])
  })
})

describe('IncrementalRun: lag', () => {
  it('re-reads a window of numbers, keeps the stored last value, turns off de-duplication', () => {
    const stored = { initial_value: 0, last_value: 10, unique_hashes: ['x'], start_value: 0 }
    const { run, kept, state } = extract(
      { cursorPath: 'ts', initialValue: 0, lag: 3 },
      rows(6, 7, 10, 8),
      stored,
    )
    expect(run.startValue).toBe(7)
    expect(cursors(kept)).toEqual([7, 10, 8])
    // Forward only: the lagged window never moves the stored last value back.
    expect(run.lastValue).toBe(10)
    expect(state).toMatchObject({ last_value: 10, unique_hashes: [] })
  })

  it('moves the last value on past the stored one', () => {
    const stored = { initial_value: 0, last_value: 10, unique_hashes: [] }
    const { state } = extract({ cursorPath: 'ts', lag: 3 }, rows(9, 12), stored)
    expect(state?.['last_value']).toBe(12)
  })

  it.each<[string, number, unknown, unknown, unknown]>([
    [
      'ISO date-times by seconds',
      3600,
      '2024-01-01T00:00:00Z',
      '2024-05-01T10:00:00Z',
      '2024-05-01T09:00:00Z',
    ],
    [
      'Dates by seconds',
      60,
      new Date('2024-01-01T00:00:00Z'),
      '2024-05-01T10:00:00.000Z',
      new Date('2024-05-01T09:59:00Z'),
    ],
    ['dates by days', 2, '2024-01-01', '2024-05-10', '2024-05-08'],
    [
      'never past initialValue',
      86_400 * 365,
      '2024-01-01T00:00:00Z',
      '2024-05-01T00:00:00Z',
      '2024-01-01T00:00:00Z',
    ],
  ])('lags %s', (_, lag, initialValue, lastValue, expectedStart) => {
    const run = new IncrementalRun(
      incremental({ cursorPath: 'ts', initialValue, lag }),
      { initial_value: initialValue, last_value: lastValue, unique_hashes: [] },
      'r',
    )
    expect(run.startValue).toEqual(expectedStart)
  })

  it('does not lag the first run, nor a backfill with endValue', () => {
    expect(extract({ cursorPath: 'ts', initialValue: 10, lag: 3 }, []).run.startValue).toBe(10)
    const backfill = extract({ cursorPath: 'ts', initialValue: 10, endValue: 20, lag: 3 }, [])
    expect(backfill.run.startValue).toBe(10)
  })
})

describe('IncrementalRun: missing cursor values', () => {
  const items = [{ id: 1 }, { id: 2, ts: null }, { id: 3, ts: 5 }]

  it.each<['include' | 'exclude', string[]]>([
    ['include', ['keep', 'keep', 'keep']],
    ['exclude', ['skip', 'skip', 'keep']],
  ])('%s', (mode, expected) => {
    const { decisions, state } = extract({ cursorPath: 'ts', onCursorValueMissing: mode }, items)
    expect(decisions).toEqual(expected)
    expect(state?.['last_value']).toBe(5)
  })

  it('raises IncrementalCursorPathMissing, a TerminalError naming resource, path and the fix', () => {
    const run = new IncrementalRun(incremental({ cursorPath: 'meta.ts' }), undefined, 'issues')
    let error: unknown
    try {
      run.filter({ id: 1 })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(IncrementalCursorPathMissing)
    expect(error).not.toBeInstanceOf(IncrementalCursorPathHasValueNone)
    expect(isTerminalError(error)).toBe(true)
    expect(error).toMatchObject({ resourceName: 'issues', cursorPath: 'meta.ts', item: { id: 1 } })
    expect((error as Error).message).toMatch(/"issues".*`meta\.ts`.*onCursorValueMissing/)
  })

  it('raises IncrementalCursorPathHasValueNone (an IncrementalCursorPathMissing) for null', () => {
    const run = new IncrementalRun(incremental({ cursorPath: 'meta.ts' }), undefined, 'issues')
    const call = () => run.filter({ meta: { ts: null } })
    expect(call).toThrow(IncrementalCursorPathHasValueNone)
    expect(call).toThrow(IncrementalCursorPathMissing)
    expect(call).toThrow(/onCursorValueMissing/)
  })
})

describe('IncrementalRun: Dates and strings', () => {
  const day = (d: number) => new Date(Date.UTC(2024, 0, d))

  it('stores a Date cursor as an ISO string and de-duplicates Date items against it', () => {
    const config: IncrementalConfig = { cursorPath: 'ts', primaryKey: 'id', initialValue: day(1) }
    const first = extract(config, [
      { id: 1, ts: day(2) },
      { id: 2, ts: day(3) },
    ])
    expect(first.state).toMatchObject({
      initial_value: '2024-01-01T00:00:00.000Z',
      last_value: '2024-01-03T00:00:00.000Z',
    })
    const second = extract(
      config,
      [
        { id: 2, ts: day(3) },
        { id: 1, ts: day(2) },
        { id: 3, ts: day(4) },
      ],
      JSON.parse(JSON.stringify(first.state)),
    )
    // The stored string comes back as a Date, like initialValue.
    expect(second.run.startValue).toEqual(day(3))
    expect(second.decisions).toEqual(['skip', 'skip', 'keep'])
  })

  it('compares a string state against Date items and Date items against string bounds', () => {
    const stored = { last_value: '2024-01-03T00:00:00+00:00', unique_hashes: [] }
    const { decisions } = extract(
      { cursorPath: 'ts', initialValue: '2024-01-01T00:00:00Z', primaryKey: [] },
      [{ ts: day(2) }, { ts: day(3) }, { ts: '2024-01-03T01:00:00+02:00' }, { ts: day(4) }],
      stored,
    )
    expect(decisions).toEqual(['skip', 'keep', 'skip', 'keep'])
  })

  it('compares ISO strings with offsets by instant', () => {
    const { kept } = extract({ cursorPath: 'ts', initialValue: '2024-01-01T10:00:00Z' }, [
      { ts: '2024-01-01T11:00:00+02:00' },
      { ts: '2024-01-01T11:00:00Z' },
    ])
    expect(cursors(kept)).toEqual(['2024-01-01T11:00:00Z'])
  })

  it('raises IncrementalCursorInvalidCoercion for values that do not compare', () => {
    const run = new IncrementalRun(
      incremental({ cursorPath: 'ts', initialValue: 1 }),
      undefined,
      'r',
    )
    expect(() => run.filter({ ts: 'x' })).toThrow(IncrementalCursorInvalidCoercion)
    const ended = new IncrementalRun(
      incremental({ cursorPath: 'ts', initialValue: 1, endValue: 5 }),
      undefined,
      'r',
    )
    expect(() => ended.filter({ ts: 'x' })).toThrow(/endValue/)
  })
})

describe('IncrementalRun: nested cursor paths', () => {
  it.each<[string, Row[]]>([
    ['meta.updated_at', [{ meta: { updated_at: 1 } }, { meta: { updated_at: 3 } }]],
    ['$.meta.updated_at', [{ meta: { updated_at: 1 } }, { meta: { updated_at: 3 } }]],
    ['a[0].b', [{ a: [{ b: 1 }] }, { a: [{ b: 3 }, { b: 0 }] }]],
    ['a[*].b', [{ a: [{}, { b: 1 }] }, { a: [{ b: 3 }] }]],
  ])('%s', (cursorPath, items) => {
    const { kept, state } = extract({ cursorPath, initialValue: 2 }, items)
    expect(kept).toEqual([items[1]])
    expect(state?.['last_value']).toBe(3)
  })
})

describe('IncrementalRun: endValue (stateless backfill)', () => {
  it('ignores the stored state and returns no next state', () => {
    const stored = {
      initial_value: 0,
      last_value: 100,
      unique_hashes: [rowHash({ id: 5, ts: 5 }, undefined)],
    }
    const { run, kept, state } = extract(
      { cursorPath: 'ts', initialValue: 5, endValue: 8 },
      [
        { id: 5, ts: 5 },
        { id: 7, ts: 7 },
        { id: 9, ts: 9 },
      ],
      stored,
    )
    expect(run.startValue).toBe(5)
    expect(run.endValue).toBe(8)
    expect(kept).toHaveLength(2)
    expect(state).toBeUndefined()
  })
})
