import { describe, expect, it } from 'vitest'
import type { Chunk } from './chunks.js'
import { chunksOf, toChunk } from './chunks.js'
import { isMarked, mark, unmark } from './mark.js'

async function collect(produced: unknown): Promise<Chunk[]> {
  const out: Chunk[] = []
  for await (const chunk of chunksOf(produced, 'test')) out.push(chunk)
  return out
}

describe('toChunk', () => {
  it('makes a yielded array a page of its elements', () => {
    expect(toChunk([{ a: 1 }, { a: 2 }])).toEqual({ items: [{ a: 1 }, { a: 2 }], isPage: true })
    expect(toChunk({ a: 1 })).toEqual({ items: [{ a: 1 }], isPage: false })
  })

  it('makes the arrays inside a page pages too: their elements are items, never rows of lists', () => {
    const chunk = toChunk([[{ a: 1 }, { a: 2 }], { a: 3 }, [[{ a: 4 }]], []])
    expect(chunk).toEqual({ items: [{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }], isPage: true })
  })

  it('marks every item of a marked list with the same table and hints (dlt: a marked page)', () => {
    const hints = { primaryKey: 'id' }
    const chunk = toChunk(
      mark.withHints(mark.withTableName([{ id: 1 }, { id: 2 }], 'other'), hints),
    )
    expect(chunk.isPage).toBe(true)
    expect(chunk.items).toHaveLength(2)
    for (const item of chunk.items) {
      expect(isMarked(item)).toBe(true)
      if (!isMarked(item)) continue
      expect(item.tableName).toBe('other')
      // one hints object for the whole page: the extractor applies it once per table
      expect(item.hints).toBe(chunk.items.map((i) => (isMarked(i) ? i.hints : undefined))[0])
      expect(item.hints).toEqual(hints)
    }
    expect(chunk.items.map(unmark)).toEqual([{ id: 1 }, { id: 2 }])
  })

  it('expands a marked list inside a page; an item’s own mark wins over the list’s', () => {
    const chunk = toChunk([
      mark.withTableName([{ id: 1 }, mark.withTableName({ id: 2 }, 'special')], 'other'),
      { id: 3 },
    ])
    expect(chunk.items.map((i) => (isMarked(i) ? i.tableName : undefined))).toEqual([
      'other',
      'special',
      undefined,
    ])
    expect(chunk.items.map(unmark)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
  })

  it('leaves a marked single item one item', () => {
    const chunk = toChunk(mark.withTableName({ id: 1 }, 'other'))
    expect(chunk.isPage).toBe(false)
    expect(chunk.items.map(unmark)).toEqual([{ id: 1 }])
  })
})

describe('chunksOf', () => {
  it('returns a list of lists as one page of all their items', async () => {
    const chunks = await collect([[{ a: 1 }], [{ a: 2 }, { a: 3 }]])
    expect(chunks).toEqual([{ items: [{ a: 1 }, { a: 2 }, { a: 3 }], isPage: true }])
  })

  it('yields a page per yielded list of lists', async () => {
    const chunks = await collect(
      (function* () {
        yield [[{ a: 1 }], [{ a: 2 }]]
        yield { a: 3 }
      })(),
    )
    expect(chunks).toEqual([
      { items: [{ a: 1 }, { a: 2 }], isPage: true },
      { items: [{ a: 3 }], isPage: false },
    ])
  })

  it('makes a returned marked list a marked page', async () => {
    const [chunk] = await collect(mark.withTableName([{ a: 1 }, { a: 2 }], 'other'))
    expect(chunk?.isPage).toBe(true)
    expect(chunk?.items.every((i) => isMarked(i) && i.tableName === 'other')).toBe(true)
  })
})

describe('chunksOf over generators', () => {
  it('gives one chunk per yielded item, from sync and async generators', async () => {
    const expected = [
      { items: [{ a: 1 }], isPage: false },
      { items: [{ a: 2 }, { a: 3 }], isPage: true },
    ]
    expect(
      await collect(
        (function* () {
          yield { a: 1 }
          yield [{ a: 2 }, { a: 3 }]
        })(),
      ),
    ).toEqual(expected)
    expect(
      await collect(
        (async function* () {
          yield { a: 1 }
          yield [{ a: 2 }, { a: 3 }]
        })(),
      ),
    ).toEqual(expected)
    expect(await collect(Promise.resolve(new Set([{ a: 1 }])))).toEqual([expected[0]])
  })

  it('closes the generator when the consumer stops early', async () => {
    const closed: string[] = []
    const sync = function* () {
      try {
        for (let i = 0; ; i++) yield { i }
      } finally {
        closed.push('sync')
      }
    }
    const async = async function* () {
      try {
        for (let i = 0; ; i++) yield { i }
      } finally {
        closed.push('async')
      }
    }
    for (const produced of [sync(), async()]) {
      let seen = 0
      for await (const _chunk of chunksOf(produced, 'test')) if (++seen === 3) break
      expect(seen).toBe(3)
    }
    expect(closed).toEqual(['sync', 'async'])
  })

  it('passes on what the generator throws', async () => {
    const failing = function* () {
      yield { a: 1 }
      throw new Error('source failed')
    }
    await expect(collect(failing())).rejects.toThrow('source failed')
    const failingAsync = async function* () {
      yield { a: 1 }
      throw new Error('async source failed')
    }
    await expect(collect(failingAsync())).rejects.toThrow('async source failed')
  })

  it('lets the event loop run during a long synchronous generator', async () => {
    let ranBetween = false
    let produced = 0
    setImmediate(() => {
      ranBetween = produced > 0 && produced < 10_000
    })
    const chunks = await collect(
      (function* () {
        for (; produced < 10_000; produced++) yield { i: produced }
      })(),
    )
    expect(chunks).toHaveLength(10_000)
    expect(ranBetween).toBe(true)
  })
})
