import { describe, expect, it } from 'vitest'
import { incremental } from '../extract/incremental/index.js'
import { resource } from '../extract/resource.js'
import { source } from '../extract/source.js'
import { combinePartitionStates, lastValuePicks } from './combine-partition-states.js'

const cursor = (last: unknown, hashes: string[], start: unknown = null) => ({
  incremental: {
    updated_at: {
      initial_value: null,
      last_value: last,
      unique_hashes: hashes,
      start_value: start,
    },
  },
})

describe('combinePartitionStates', () => {
  const max = lastValuePicks(
    source(
      () => [
        resource(() => [], {
          name: 'events',
          incremental: incremental({ cursorPath: 'updated_at' }),
        }),
      ],
      { name: 'feed' },
    ),
  ).get('events')

  it('keeps the furthest last value, whichever task reached it', () => {
    const early = cursor('2025-01-02T00:00:00Z', ['b'], '2025-01-01T00:00:00Z')
    const late = cursor('2025-01-01T12:00:00Z', ['a'], '2025-01-01T00:00:00Z')
    const base = cursor('2025-01-01T00:00:00Z', ['x'])
    expect(combinePartitionStates(early, late, base, max)).toEqual(early)
    expect(combinePartitionStates(late, early, base, max)).toEqual(early)
  })

  it('unites the boundary hashes of tasks at the same last value (as instants)', () => {
    const a = cursor('2025-01-02T00:00:00Z', ['a'])
    const b = cursor('2025-01-02T00:00:00.000Z', ['b', 'a'])
    const combined = combinePartitionStates(a, b, undefined, max) as ReturnType<typeof cursor>
    expect(combined.incremental.updated_at.unique_hashes.sort()).toEqual(['a', 'b'])
  })

  it('keeps the start value a task that loaded something moved', () => {
    const base = cursor(5, [], 1)
    const loaded = cursor(9, [], 5)
    const idle = cursor(5, [], 1)
    const combined = combinePartitionStates(idle, loaded, base, max) as ReturnType<typeof cursor>
    expect(combined.incremental.updated_at).toMatchObject({ last_value: 9, start_value: 5 })
  })

  it('follows lastValueFunc min, and takes the later task without a cursor', () => {
    const min = lastValuePicks(
      source(
        () => [
          resource(() => [], {
            name: 'events',
            incremental: incremental({ cursorPath: 'updated_at', lastValueFunc: 'min' }),
          }),
        ],
        { name: 'feed' },
      ),
    ).get('events')
    const low = cursor(3, ['l'])
    const high = cursor(8, ['h'])
    expect(combinePartitionStates(high, low, undefined, min)).toEqual(low)
    expect(combinePartitionStates({ seen: 1 }, { seen: 2 }, undefined, undefined)).toEqual({
      seen: 2,
    })
  })
})
