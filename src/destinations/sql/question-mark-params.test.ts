import { describe, expect, it } from 'vitest'
import { toQuestionMarks } from './question-mark-params.js'

describe('toQuestionMarks', () => {
  it.each([
    ['SELECT a FROM t WHERE x = $1', [1], 'SELECT a FROM t WHERE x = ?', [1]],
    ['VALUES ($2, $1, $2)', ['a', 'b'], 'VALUES (?, ?, ?)', ['b', 'a', 'b']],
    ['SELECT \'$1\', "$2", `$3` WHERE y = $1', [7], 'SELECT \'$1\', "$2", `$3` WHERE y = ?', [7]],
    ['SELECT ? AS a, ? AS b', [1, 2], 'SELECT ? AS a, ? AS b', [1, 2]],
    ['SELECT $10', Array.from({ length: 10 }, (_, i) => i), 'SELECT ?', [9]],
  ])('%s', (sql, params, expected, values) => {
    expect(toQuestionMarks(sql, params)).toEqual({ sql: expected, values })
  })

  it('skips backslash-escaped quotes with backslashEscapes (MySQL)', () => {
    expect(
      toQuestionMarks("SELECT 'it\\'s $1' WHERE a = $1", [5], { backslashEscapes: true }),
    ).toEqual({
      sql: "SELECT 'it\\'s $1' WHERE a = ?",
      values: [5],
    })
  })
})
