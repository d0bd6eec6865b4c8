import { describe, expect, it } from 'vitest'
import {
  type CounterView,
  etaMs,
  formatCounter,
  formatDuration,
  ProgressCounters,
} from './progress-counters.js'

const view = (fields: Partial<CounterView>): CounterView => ({
  name: 'issues',
  count: 0,
  unit: 'items',
  bytes: 0,
  elapsedMs: 0,
  ...fields,
})

describe('formatCounter', () => {
  it.each([
    {
      view: view({ count: 12_345, bytes: 3_210_000, elapsedMs: 5000 }),
      line: 'issues: 12,345 items | 2,469 items/s | 3.2 MB | 5 s',
    },
    {
      view: view({
        name: 'files',
        unit: 'files',
        count: 3,
        total: 10,
        bytes: 12e6,
        elapsedMs: 3000,
      }),
      line: 'files: 3/10 files (30%) | 1 files/s | 12.0 MB | 3 s | ETA 7 s',
    },
    {
      view: view({ name: 'packages', unit: 'packages', count: 2, total: 2, elapsedMs: 4000 }),
      line: 'packages: 2/2 packages (100%) | 0.5 packages/s | 4 s',
    },
    { view: view({ count: 0, total: 0 }), line: 'issues: 0/0 items (100%) | 0 items/s | 0 s' },
    {
      view: view({ count: 1, elapsedMs: 3_723_000 }),
      line: 'issues: 1 items | 0 items/s | 1 h 2 min',
    },
  ])('$line', ({ view, line }) => {
    expect(formatCounter(view)).toBe(line)
  })
})

describe('formatDuration and etaMs', () => {
  it.each([
    [400, '0 s'],
    [59_400, '59 s'],
    [65_000, '1 min 5 s'],
    [7_260_000, '2 h 1 min'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it.each([
    { count: 0, total: 10, elapsedMs: 1000, eta: undefined },
    { count: 5, total: 10, elapsedMs: 1000, eta: 1000 },
    { count: 10, total: 10, elapsedMs: 1000, eta: undefined },
    { count: 5, total: undefined, elapsedMs: 1000, eta: undefined },
  ])('count $count of $total after $elapsedMs ms: ETA $eta', ({ count, total, elapsedMs, eta }) => {
    expect(etaMs(view({ count, elapsedMs, ...(total === undefined ? {} : { total }) }))).toBe(eta)
  })
})

describe('ProgressCounters', () => {
  it('counts per name from the start of the step, and starts over with the next step', () => {
    let now = 1000
    const counters = new ProgressCounters(() => now)
    counters.start('extract')
    counters.add('issues', 10, 'items', 100)
    counters.add('users', 1, 'items')
    now += 2000
    counters.add('issues', 5, 'items', 50)
    expect(counters.views()).toEqual([
      { name: 'issues', count: 15, unit: 'items', bytes: 150, elapsedMs: 2000 },
      { name: 'users', count: 1, unit: 'items', bytes: 0, elapsedMs: 2000 },
    ])
    counters.start('load')
    counters.addTotal('files', 4, 'files')
    counters.addTotal('files', 2, 'files')
    counters.add('files', 0, 'files', 99)
    expect(counters.step).toBe('load')
    expect(counters.views()).toEqual([
      { name: 'files', count: 0, unit: 'files', total: 6, bytes: 99, elapsedMs: 0 },
    ])
  })
})
