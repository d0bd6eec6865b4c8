/**
 * @module The state of a resource extracted in partitions, one task each: every task starts from
 * the same state, so their incremental cursors are combined — the furthest last value wins (as
 * the resource's `lastValueFunc` orders them), with the boundary hashes of every task that reached
 * it — and the other keys are taken from the later task.
 */
import { isDeepStrictEqual } from 'node:util'
import { cursorValuesEqual, resolveLastValueFunc } from '../extract/incremental/cursor-compare.js'
import type { AnyResource } from '../extract/resource.js'
import type { Source } from '../extract/source.js'
import { ownValue } from '../util/own-property.js'

/** Picks the last value of a list of cursor values (a resource's `lastValueFunc`). */
export type LastValuePick = (values: readonly unknown[]) => unknown

/** The `lastValueFunc` of every incremental resource of `source` (roots of transformers too). */
export function lastValuePicks(source: Source): ReadonlyMap<string, LastValuePick> {
  const picks = new Map<string, LastValuePick>()
  for (const selected of source.selectedResources) {
    for (let resource: AnyResource | undefined = selected; resource; resource = resource.parent) {
      const config = resource.incremental?.config
      if (config) picks.set(resource.name, resolveLastValueFunc(config.lastValueFunc ?? 'max'))
    }
  }
  return picks
}

type State = Record<string, unknown>

/**
 * The state of a resource two tasks changed from `base`: `earlier`'s and `later`'s combined.
 * @param pick the resource's `lastValueFunc`; without one, `later` wins
 */
export function combinePartitionStates(
  earlier: State,
  later: State,
  base: State | undefined,
  pick: LastValuePick | undefined,
): State {
  const cursorsOf = (state: State | undefined) =>
    (ownValue(state ?? {}, 'incremental') ?? {}) as Record<string, State>
  const combined: State = { ...earlier, ...later }
  if (!pick) return combined
  const cursors: Record<string, State> = { ...cursorsOf(earlier), ...cursorsOf(later) }
  for (const [path, cursor] of Object.entries(cursorsOf(later))) {
    const other = ownValue(cursorsOf(earlier), path)
    if (other) cursors[path] = combineCursor(other, cursor, ownValue(cursorsOf(base), path), pick)
  }
  if (Object.keys(cursors).length) combined['incremental'] = cursors
  return combined
}

/** dlt's cursor state `{ initial_value, last_value, unique_hashes, start_value }` of two tasks. */
function combineCursor(a: State, b: State, base: State | undefined, pick: LastValuePick): State {
  const lastA = a['last_value']
  const lastB = b['last_value']
  const hashes = (cursor: State) => (cursor['unique_hashes'] ?? []) as string[]
  let winner: State
  let uniqueHashes: string[]
  if (lastA === null || lastA === undefined) [winner, uniqueHashes] = [b, hashes(b)]
  else if (lastB === null || lastB === undefined) [winner, uniqueHashes] = [a, hashes(a)]
  else if (cursorValuesEqual(lastA, lastB)) {
    ;[winner, uniqueHashes] = [a, [...new Set([...hashes(a), ...hashes(b)])]]
  } else {
    winner = cursorValuesEqual(pick([lastA, lastB]), lastB) ? b : a
    uniqueHashes = hashes(winner)
  }
  // a task that loaded something moved `start_value` to where every task started
  const moved = [a, b].find(
    (cursor) => !isDeepStrictEqual(cursor['start_value'], base?.['start_value']),
  )
  return {
    ...winner,
    unique_hashes: uniqueHashes,
    start_value: (moved ?? winner)['start_value'] ?? null,
  }
}
