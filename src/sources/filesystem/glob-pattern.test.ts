import { describe, expect, it } from 'vitest'
import { compileGlob } from './glob-pattern.js'

describe('compileGlob', () => {
  const cases: [string, string, boolean][] = [
    ['*', 'a.csv', true],
    ['*', 'dir/a.csv', false],
    ['*.csv', 'a.csv', true],
    ['*.csv', 'a.csv.gz', false],
    ['**/*.csv', 'a.csv', true],
    ['**/*.csv', 'x/y/a.csv', true],
    ['**/*.csv.gz', 'x/a.csv.gz', true],
    ['**', 'x/y/z', true],
    ['orders/**/*.jsonl', 'orders/a.jsonl', true],
    ['orders/**/*.jsonl', 'orders/2024/01/a.jsonl', true],
    ['orders/**/*.jsonl', 'other/a.jsonl', false],
    ['data_?.csv', 'data_1.csv', true],
    ['data_?.csv', 'data_10.csv', false],
    ['data_[0-4].csv', 'data_3.csv', true],
    ['data_[!0-4].csv', 'data_3.csv', false],
    ['data_[!0-4].csv', 'data_7.csv', true],
    ['*.{csv,tsv}', 'a.tsv', true],
    ['*.{csv,tsv}', 'a.json', false],
    ['a+b(1).csv', 'a+b(1).csv', true],
    ['*.CSV', 'a.csv', false],
  ]
  it.each(cases)('%s on %s → %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).matches(path)).toBe(expected)
  })

  it('lists from the folder before the first wildcard', () => {
    expect(compileGlob('orders/2024/*/x.csv').baseFolder).toBe('orders/2024')
    expect(compileGlob('**/*.csv').baseFolder).toBe('')
    expect(compileGlob('a.csv').baseFolder).toBe('')
  })

  it('refuses malformed patterns, naming the option', () => {
    expect(() => compileGlob('data_[0-4.csv')).toThrow(
      /`fileGlob` glob "data_\[0-4.csv" is malformed/,
    )
    expect(() => compileGlob('')).toThrow(/`fileGlob` option must be a non-empty glob/)
  })
})
