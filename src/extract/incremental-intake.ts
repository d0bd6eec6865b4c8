/**
 * @module Applies an incremental cursor to what a resource yields, before the resource's steps:
 * items outside the cursor's range are dropped, and reading stops when the row order says
 * nothing later can be in range.
 */
import type { Chunk } from './chunks.js'
import type { IncrementalRun } from './incremental/index.js'
import { unmark } from './mark.js'

/** The intake filter of one resource's incremental run. */
export function incrementalIntake(run: IncrementalRun) {
  return async function* filtered(raw: AsyncIterable<Chunk>): AsyncGenerator<Chunk> {
    for await (const chunk of raw) {
      const items: unknown[] = []
      let stop = false
      for (const item of chunk.items) {
        const decision = run.filter(unmark(item))
        if (decision === 'keep') items.push(item)
        else if (decision === 'stop') {
          stop = true
          break
        }
      }
      if (items.length) yield { items, isPage: chunk.isPage }
      // returning closes the resource's generator: no more requests for out-of-range data
      if (stop) return
    }
  }
}
