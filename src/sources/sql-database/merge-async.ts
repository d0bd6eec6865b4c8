/**
 * @module Several async iterables read at once as one: each source has one `next()` in flight, and
 * its values are yielded as they arrive, so a slow source never holds back a fast one and each
 * source still reads only as far as its one pending value (backpressure stays per source).
 */

type Settled<T> = { readonly index: number; readonly result: IteratorResult<T> }

/**
 * Yields the values of every source in the order they arrive. The first source that throws ends
 * the merge with its error; then, as when the consumer stops early, the other sources are asked
 * to return without waiting for their pending values (the caller closes what feeds them).
 */
export async function* mergeAsync<T>(sources: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]())
  const pending = new Map<number, Promise<Settled<T>>>()
  const pull = (index: number): void => {
    const next = iterators[index]!.next().then((result) => ({ index, result }))
    // settled later by the race or abandoned in `finally`: never an unhandled rejection
    next.catch(() => undefined)
    pending.set(index, next)
  }
  for (let index = 0; index < iterators.length; index++) pull(index)
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values())
      if (result.done) {
        pending.delete(index)
        continue
      }
      pull(index)
      yield result.value
    }
  } finally {
    for (const index of pending.keys()) {
      iterators[index]!.return?.()?.catch(() => undefined)
    }
  }
}
