import { describe, expect, it } from 'vitest'
import {
  AUTO_LOAD_MEMORY_FLOOR,
  autoLoadMemoryLimit,
  formatMemorySize,
  parseMemorySize,
} from './duckdb-load-memory.js'

const MIB = 2 ** 20
const GIB = 2 ** 30

describe('autoLoadMemoryLimit', () => {
  it('keeps 128MB for narrow tables (the 1M-record benchmark: ~20 columns, one thread)', () => {
    expect(autoLoadMemoryLimit({ columns: 20, threads: 1, earlierColumns: 30 }, 16 * GIB)).toBe(
      AUTO_LOAD_MEMORY_FLOOR,
    )
  })

  it('grows with the columns and threads of the insert', () => {
    const one = autoLoadMemoryLimit({ columns: 1000, threads: 1, earlierColumns: 0 }, 16 * GIB)
    const two = autoLoadMemoryLimit({ columns: 1000, threads: 2, earlierColumns: 0 }, 16 * GIB)
    // measured: 1,000 text columns need up to 726 MB with one thread, 961 MB with two
    expect(one).toBe(64 * MIB + 1000 * MIB)
    expect(two).toBe(64 * MIB + 2000 * MIB)
  })

  it('adds the columns of the tables inserted earlier in the transaction', () => {
    const demand = { columns: 200, threads: 1, earlierColumns: 10_000 }
    expect(autoLoadMemoryLimit(demand, 16 * GIB)).toBe(64 * MIB + 200 * MIB + 10_000 * 48 * 1024)
  })

  it("keeps DuckDB's own limit when the estimate reaches it, or any limit it cannot read", () => {
    const demand = { columns: 1000, threads: 4, earlierColumns: 0 }
    expect(autoLoadMemoryLimit(demand, 2 * GIB)).toBeUndefined()
    expect(autoLoadMemoryLimit(demand, undefined)).toBe(64 * MIB + 4000 * MIB)
    expect(autoLoadMemoryLimit({ ...demand, threads: 0 }, 16 * GIB)).toBe(64 * MIB + 1000 * MIB)
  })
})

describe('parseMemorySize / formatMemorySize', () => {
  it.each([
    ['18.8 GiB', 18.8 * GIB],
    ['122.0 MiB', 122 * MIB],
    ['128MB', 128e6],
    ['1kb', 1000],
    ['0 bytes', 0],
  ] as const)('reads %s', (text, bytes) => {
    expect(parseMemorySize(text)).toBe(bytes)
  })

  it('refuses what is not a size', () => {
    expect(parseMemorySize('lots')).toBeUndefined()
    expect(parseMemorySize('12 parsecs')).toBeUndefined()
  })

  it('writes whole MB, or else whole MiB rounded up', () => {
    expect(formatMemorySize(AUTO_LOAD_MEMORY_FLOOR)).toBe('128MB')
    expect(formatMemorySize(64 * MIB + 1)).toBe('65MiB')
    expect(parseMemorySize(formatMemorySize(1000 * MIB))).toBe(1000 * MIB)
  })
})
