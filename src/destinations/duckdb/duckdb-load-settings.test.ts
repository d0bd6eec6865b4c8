import { describe, expect, it } from 'vitest'
import { DuckDbLoadSettings, type DuckDbLoadSettingsConfig } from './duckdb-load-settings.js'

/** Settings whose statements are recorded; DuckDB's own limit is 10 GB with `ownThreads`. */
function recorded(config: DuckDbLoadSettingsConfig, ownThreads = 4) {
  const statements: string[] = []
  const settings = new DuckDbLoadSettings(config, async (sql) => {
    statements.push(sql)
    return sql.startsWith('SELECT')
      ? [{ memory_limit: '9.3 GiB', threads: String(ownThreads) }]
      : []
  })
  /** The `SET` statements of one insert of `columns` columns. */
  const applyInsert = async (columns = 10) => {
    statements.length = 0
    const cap = await settings.apply(columns, false)
    await settings.reset()
    return { cap, sets: statements.filter((sql) => sql.startsWith('SET')) }
  }
  return { settings, applyInsert }
}

describe('DuckDbLoadSettings.relax after an insert ran out of memory', () => {
  it.each([
    {
      name: 'a fixed cap is lifted first, then the threads go down to 1',
      config: { loadMemoryLimit: '1MB', loadThreads: 2 },
      ownThreads: 4,
      steps: [
        {
          change: /memory_limit of 1MB \(`loadMemoryLimit` 1MB\): loaded again with DuckDB's own/,
          sets: ['SET threads = 2'],
        },
        {
          change: /own memory_limit \(9\.3 GiB\) with 2 threads: loaded again with 1 thread/,
          sets: ['SET threads = 1'],
        },
        { change: undefined, sets: ['SET threads = 1'] },
      ],
    },
    {
      name: "'auto' is lifted; DuckDB's own thread count is lowered when threads are not set",
      config: { loadMemoryLimit: 'auto', loadThreads: false as const },
      ownThreads: 3,
      steps: [
        { change: /memory_limit of 128MB \(`loadMemoryLimit` auto\)/, sets: [] },
        { change: /with 3 threads: loaded again with 1 thread/, sets: ['SET threads = 1'] },
        { change: undefined, sets: ['SET threads = 1'] },
      ],
    },
    {
      name: 'nothing is left to ease with one thread and no cap',
      config: { loadMemoryLimit: false as const, loadThreads: 1 },
      ownThreads: 1,
      steps: [{ change: undefined, sets: ['SET threads = 1'] }],
    },
  ])('$name', async ({ config, ownThreads, steps }) => {
    const { settings, applyInsert } = recorded(config, ownThreads)
    let { cap } = await applyInsert()
    for (const step of steps) {
      // the insert under `cap` ran out of memory
      const change = cap ? settings.relax(cap) : undefined
      if (step.change === undefined) expect(change).toBeUndefined()
      else expect(change).toMatch(step.change)
      const next = await applyInsert()
      expect(next.sets).toEqual(step.sets)
      cap = next.cap
    }
  })
})

describe('DuckDbLoadSettings.apply', () => {
  it.each([
    [false, ['SET threads = 2', 'SET preserve_insertion_order = false']],
    [true, ['SET threads = 2']],
    [undefined, ['SET threads = 2']],
  ] as const)('preserveInsertionOrder %s sets %j for the insert', async (preserve, expected) => {
    const { applyInsert } = recorded({
      loadMemoryLimit: false,
      loadThreads: 2,
      ...(preserve === undefined ? {} : { preserveInsertionOrder: preserve }),
    })
    expect((await applyInsert()).sets).toEqual(expected)
  })

  it('resets every setting it changed', async () => {
    const statements: string[] = []
    const settings = new DuckDbLoadSettings(
      { loadMemoryLimit: false, loadThreads: false, preserveInsertionOrder: false },
      async (sql) => {
        statements.push(sql)
        return []
      },
    )
    await settings.apply(3, false)
    await settings.reset()
    expect(statements).toEqual([
      'SET preserve_insertion_order = false',
      'RESET memory_limit',
      'RESET threads',
      'RESET preserve_insertion_order',
    ])
  })
})
