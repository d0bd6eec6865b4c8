import { describe, expect, it } from 'vitest'
import { mergeAsync } from './merge-async.js'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function* slow<T>(values: readonly T[], ms: number, log?: string[]): AsyncGenerator<T> {
  try {
    for (const value of values) {
      await tick(ms)
      yield value
    }
  } finally {
    log?.push('closed')
  }
}

describe('mergeAsync', () => {
  it('yields every value of every source, as they arrive', async () => {
    const merged: string[] = []
    for await (const value of mergeAsync([slow(['a1', 'a2', 'a3'], 15), slow(['b1', 'b2'], 1)])) {
      merged.push(value)
    }
    expect([...merged].sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2'])
    // the fast source is not held back by the slow one
    expect(merged.slice(0, 2)).toEqual(['b1', 'b2'])
  })

  it('ends with the first error and asks the other sources to return', async () => {
    const log: string[] = []
    async function* failing(): AsyncGenerator<string> {
      await tick(5)
      if (log.length >= 0) throw new Error('lost')
      yield 'never'
    }
    const seen: string[] = []
    await expect(async () => {
      for await (const value of mergeAsync([slow(['a', 'b', 'c'], 20, log), failing()])) {
        seen.push(value)
      }
    }).rejects.toThrow('lost')
    expect(seen).toEqual([])
    await tick(50)
    expect(log).toEqual(['closed'])
  })

  it('closes the sources when the consumer stops early', async () => {
    const log: string[] = []
    for await (const value of mergeAsync([slow([1, 2, 3], 2, log), slow([4, 5, 6], 2, log)])) {
      expect(value).toBeTypeOf('number')
      break
    }
    await tick(30)
    expect(log).toEqual(['closed', 'closed'])
  })

  it('ends at once without sources', async () => {
    const merged: unknown[] = []
    for await (const value of mergeAsync([])) merged.push(value)
    expect(merged).toEqual([])
  })
})
