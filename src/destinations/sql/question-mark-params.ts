/**
 * @module The shared SQL layer writes positional parameters as `$1, $2 …` (DuckDB's and
 * PostgreSQL's form); drivers that take only `?` (mysql2, better-sqlite3) get the statement with
 * `?` in their place and the values in the order they appear. Placeholders inside quoted strings
 * and identifiers are left alone; a `?` of the caller's own takes the next value.
 */

/** Options of `toQuestionMarks`. */
export interface QuestionMarkOptions {
  /** A backslash escapes the next character inside quotes (MySQL). @default false */
  readonly backslashEscapes?: boolean
}

/** `sql` with `$n` placeholders (outside quotes) as `?`, and the values in their order. */
export function toQuestionMarks(
  sql: string,
  params: readonly unknown[],
  options: QuestionMarkOptions = {},
): { sql: string; values: unknown[] } {
  const values: unknown[] = []
  let out = ''
  let quote: string | undefined
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i]!
    if (quote) {
      if (options.backslashEscapes && char === '\\' && quote !== '`') {
        out += char + (sql[++i] ?? '')
        continue
      }
      if (char === quote) quote = undefined
    } else if (char === "'" || char === '"' || char === '`') {
      quote = char
    } else if (char === '$' && /\d/.test(sql[i + 1] ?? '')) {
      let digits = ''
      while (/\d/.test(sql[i + 1] ?? '')) digits += sql[++i]
      values.push(params[Number(digits) - 1])
      out += '?'
      continue
    } else if (char === '?') {
      values.push(params[values.length])
    }
    out += char
  }
  return { sql: out, values }
}
