/**
 * @module Bounded fan-out for child resources: one task per parent record, at most `max` running at
 * once across every page of the parent (dlt runs them one by one, dlt#1883, #2844). Results come
 * out as tasks finish; the first failure aborts the others, and so does closing the generator.
 */

/** Lets at most `max` holders run at once; the others wait in order. */
export class Limiter {
  readonly max: number
  #active = 0
  readonly #waiting: (() => void)[] = []

  constructor(max: number) {
    this.max = max
  }

  /** Waits for a slot; call the returned function to give it back. */
  async acquire(): Promise<() => void> {
    if (this.#active >= this.max) await new Promise<void>((resolve) => this.#waiting.push(resolve))
    else this.#active++
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.#waiting.shift()
      if (next) next()
      else this.#active--
    }
  }
}

type Settled<R> =
  | { index: number; ok: true; value: R }
  | { index: number; ok: false; error: unknown }

/** Runs `fn` for every item within `limiter`, yielding results as they come. */
export async function* runPooled<T, R>(
  items: readonly T[],
  limiter: Limiter,
  fn: (item: T, signal: AbortSignal) => Promise<R>,
): AsyncGenerator<R> {
  const controller = new AbortController()
  const run = async (item: T, index: number): Promise<Settled<R>> => {
    const release = await limiter.acquire()
    try {
      controller.signal.throwIfAborted()
      return { index, ok: true, value: await fn(item, controller.signal) }
    } catch (error) {
      return { index, ok: false, error }
    } finally {
      release()
    }
  }
  const pending = new Map(items.map((item, index) => [index, run(item, index)]))
  try {
    while (pending.size > 0) {
      const settled = await Promise.race(pending.values())
      pending.delete(settled.index)
      if (!settled.ok) throw settled.error
      yield settled.value
    }
  } finally {
    // Stops the tasks still running (their results are dropped; they never reject unhandled).
    if (pending.size > 0) controller.abort(new Error('child requests cancelled'))
  }
}
