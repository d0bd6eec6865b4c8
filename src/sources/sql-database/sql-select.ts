/**
 * @module `SqlSelect`: the query the source runs for a table, as parts a `queryAdapterCallback`
 * can change (add a condition, a join, an order, a limit) before it is rendered to SQL — the role
 * SQLAlchemy's `Select` plays in dlt.
 */

import type { SqlDialectName } from './sql-dialect-name.js'
import { quoteIdentifier } from './sql-literal.js'

/** The parts of the SELECT the source runs for one table. Immutable: return a changed copy. */
export interface SqlSelect {
  /** The columns to read, by name; rendered quoted (and encoded for the driver). */
  readonly columns: readonly string[]
  /** The FROM clause: the quoted, schema-qualified table (joins may be appended). */
  readonly from: string
  /** Conditions joined with AND; each is SQL (the cursor's are built by the source). */
  readonly where: readonly string[]
  /** ORDER BY terms, e.g. `"updated_at" ASC`. */
  readonly orderBy: readonly string[]
  /** LIMIT, if any. */
  readonly limit?: number | undefined
}

/**
 * Renders `select` to SQL. `columnSql` turns a column name into its select-list entry (the
 * PostgreSQL reader casts some columns so that their JSON keeps every digit).
 */
export function renderSelect(
  select: SqlSelect,
  dialect: SqlDialectName,
  columnSql: (name: string) => string = (name) => quoteIdentifier(name, dialect),
): string {
  const columns = select.columns.length === 0 ? '*' : select.columns.map(columnSql).join(', ')
  let sql = `SELECT ${columns} FROM ${select.from}`
  if (select.where.length > 0) sql += ` WHERE ${select.where.map((c) => `(${c})`).join(' AND ')}`
  if (select.orderBy.length > 0) sql += ` ORDER BY ${select.orderBy.join(', ')}`
  if (select.limit !== undefined) {
    if (!Number.isInteger(select.limit) || select.limit < 0) {
      throw new RangeError('`limit` of a SqlSelect must be an integer >= 0')
    }
    sql += ` LIMIT ${select.limit}`
  }
  return sql
}
