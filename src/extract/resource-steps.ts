/**
 * @module The steps of a resource's pipe (`addMap`, `addFilter`, `addYieldMap`, `addLimit`), applied
 * in the order they were added to the stream of chunks the resource yields. Steps see bare items;
 * marks (`dlt.mark`) stay on the results.
 */
import type { Chunk } from './chunks.js'
import { chunksOf, isThenable } from './chunks.js'
import { isMarked, mapMarked, unmark } from './mark.js'

/** One step of a pipe. */
export type ResourceStep =
  | { readonly kind: 'map'; readonly fn: (item: never) => unknown }
  | { readonly kind: 'filter'; readonly fn: (item: never) => unknown }
  | { readonly kind: 'yieldMap'; readonly fn: (item: never) => unknown }
  | { readonly kind: 'limit'; readonly max: number }

/** Applies `steps` to `chunks`, in order. */
export function applySteps(
  chunks: AsyncIterable<Chunk>,
  steps: readonly ResourceStep[],
): AsyncIterable<Chunk> {
  let stream = chunks
  for (const step of steps) stream = applyStep(stream, step)
  return stream
}

function applyStep(chunks: AsyncIterable<Chunk>, step: ResourceStep): AsyncIterable<Chunk> {
  switch (step.kind) {
    case 'limit':
      return limitChunks(chunks, step.max)
    case 'map':
      return mapChunks(chunks, step.fn as (item: unknown) => unknown)
    case 'filter':
      return filterChunks(chunks, step.fn as (item: unknown) => unknown)
    case 'yieldMap':
      return yieldMapChunks(chunks, step.fn as (item: unknown) => unknown)
  }
}

async function* limitChunks(chunks: AsyncIterable<Chunk>, max: number): AsyncGenerator<Chunk> {
  if (max <= 0) return
  let count = 0
  // returning early closes the upstream iterator: the resource stops producing
  for await (const chunk of chunks) {
    yield chunk
    if (++count >= max) return
  }
}

async function* mapChunks(
  chunks: AsyncIterable<Chunk>,
  fn: (item: unknown) => unknown,
): AsyncGenerator<Chunk> {
  for await (const chunk of chunks) {
    const items: unknown[] = []
    for (const item of chunk.items) {
      const mapped = mapMarked(item, fn)
      const inner = isMarked(mapped) ? mapped.item : mapped
      if (isThenable(inner)) {
        const value = await inner
        items.push(isMarked(mapped) ? { ...mapped, item: value } : value)
      } else {
        items.push(mapped)
      }
    }
    yield { items, isPage: chunk.isPage }
  }
}

async function* filterChunks(
  chunks: AsyncIterable<Chunk>,
  fn: (item: unknown) => unknown,
): AsyncGenerator<Chunk> {
  for await (const chunk of chunks) {
    const items: unknown[] = []
    for (const item of chunk.items) {
      let keep = fn(unmark(item))
      if (isThenable(keep)) keep = await keep
      if (keep) items.push(item)
    }
    if (items.length) yield { items, isPage: chunk.isPage }
  }
}

async function* yieldMapChunks(
  chunks: AsyncIterable<Chunk>,
  fn: (item: unknown) => unknown,
): AsyncGenerator<Chunk> {
  for await (const chunk of chunks) {
    for (const item of chunk.items) yield* chunksOf(fn(unmark(item)), 'An addYieldMap step')
  }
}
