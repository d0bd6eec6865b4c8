/**
 * @module Rewrites the conformance suite's portable text queries (written for DuckDB and
 * PostgreSQL) for databases that spell them differently, MySQL/MariaDB and SQLite:
 * - `CAST(x AS VARCHAR)` → `CAST(x AS CHAR)` (MySQL) / `CAST(x AS TEXT)` (SQLite), and for a
 *   condition (`a IS NULL`, `a = b`) DuckDB's `'true'`/`'false'` (NULL stays NULL), since both
 *   databases have no boolean text;
 * - `CAST('<ISO instant>' AS TIMESTAMP WITH TIME ZONE)` → the UTC text both store,
 *   `'YYYY-MM-DD HH:MM:SS.ffffff'`;
 * - `CURRENT_TIMESTAMP - INTERVAL '1 hour'` → each database's form.
 */
import { utcDateTimeText } from '../../src/destinations/sql/utc-datetime-text.js'

/** The database a query is rewritten for. */
export type PortableSqlTarget = 'mysql' | 'sqlite'

const TEXT_TYPE: Record<PortableSqlTarget, string> = { mysql: 'CHAR', sqlite: 'TEXT' }
const HOUR_AGO: Record<PortableSqlTarget, string> = {
  mysql: 'CURRENT_TIMESTAMP - INTERVAL 1 HOUR',
  sqlite: "datetime('now', '-1 hour')",
}

/** `sql` rewritten for `target`. */
export function portableSql(sql: string, target: PortableSqlTarget): string {
  const hourAgo = sql.replaceAll("CURRENT_TIMESTAMP - INTERVAL '1 hour'", HOUR_AGO[target])
  return rewriteCasts(hourAgo, target)
}

function rewriteCasts(sql: string, target: PortableSqlTarget): string {
  let out = ''
  let index = 0
  for (;;) {
    const start = sql.toUpperCase().indexOf('CAST(', index)
    if (start === -1) return out + sql.slice(index)
    const end = closingParen(sql, start + 4)
    const inner = sql.slice(start + 5, end)
    const as = inner.toUpperCase().lastIndexOf(' AS ')
    const expr = rewriteCasts(inner.slice(0, as), target)
    const type = inner
      .slice(as + 4)
      .trim()
      .toUpperCase()
    out += sql.slice(index, start) + castSql(expr, type, target)
    index = end + 1
  }
}

function castSql(expr: string, type: string, target: PortableSqlTarget): string {
  if (type === 'TIMESTAMP WITH TIME ZONE') {
    const text = utcDateTimeText(expr.trim().replace(/^'|'$/g, ''))
    if (text !== undefined) return `'${text}'`
  }
  if (type !== 'VARCHAR') return `CAST(${expr} AS ${type})`
  if (/ IS NULL| = | > | < /i.test(expr)) {
    return `CASE WHEN ${expr} THEN 'true' WHEN NOT (${expr}) THEN 'false' END`
  }
  return `CAST(${expr} AS ${TEXT_TYPE[target]})`
}

/** The index of the `)` closing the `(` at `open`. */
function closingParen(sql: string, open: number): number {
  let depth = 0
  let quoted = false
  for (let i = open; i < sql.length; i++) {
    const char = sql[i]
    if (char === "'") quoted = !quoted
    else if (quoted) continue
    else if (char === '(') depth++
    else if (char === ')' && --depth === 0) return i
  }
  throw new Error(`Unbalanced parentheses in: ${sql}`)
}
