/**
 * @module A counting semaphore: at most `size` tasks at once, the others wait in order.
 */

/** Limits how many async tasks run at once. */
export class Semaphore {
  readonly #size: number
  #running = 0
  readonly #waiting: (() => void)[] = []

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('A semaphore needs a size >= 1')
    this.#size = size
  }

  /** Resolves when a slot is free; the caller must `release()` it. */
  acquire(): Promise<void> {
    if (this.#running < this.#size) {
      this.#running++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  /** Frees a slot, handing it to the next waiter. */
  release(): void {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#running--
  }

  /** Runs `task` in a slot. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await task()
    } finally {
      this.release()
    }
  }
}
