/**
 * @module The incremental cursor pushed into the SELECT, as dlt's `BaseTableLoader._make_query`:
 * `cursor >= last value` (`>` with `rangeStart: 'open'`), `cursor < end value` (`<=` with
 * `rangeEnd: 'closed'`), reversed for `lastValueFunc: 'min'`, `IS NULL` rows kept or dropped per
 * `onCursorValueMissing`, and ORDER BY the cursor when `rowOrder` is given. A custom
 * `lastValueFunc` reads everything and leaves the filtering to the incremental.
 */
import type { IncrementalConfig, IncrementalContext } from '../../extract/incremental/index.js'
import type { SqlDialectName } from './sql-dialect-name.js'
import { quoteIdentifier, sqlLiteral } from './sql-literal.js'
import type { SqlSelect } from './sql-select.js'

/** `select` with the cursor's conditions and order added. */
export function incrementalSelect(
  select: SqlSelect,
  cursorColumn: string,
  config: IncrementalConfig,
  cursor: IncrementalContext,
  dialect: SqlDialectName,
): SqlSelect {
  const func = config.lastValueFunc ?? 'max'
  if (typeof func === 'function') return select
  const column = quoteIdentifier(cursorColumn, dialect)
  const ascending = func === 'max'
  const start = ascending
    ? config.rangeStart === 'open'
      ? '>'
      : '>='
    : config.rangeStart === 'open'
      ? '<'
      : '<='
  const end = ascending
    ? config.rangeEnd === 'closed'
      ? '<='
      : '<'
    : config.rangeEnd === 'closed'
      ? '>='
      : '>'
  const where: string[] = []
  const last = cursor.lastValue
  if (last !== undefined && last !== null) {
    let condition = `${column} ${start} ${sqlLiteral(last, dialect)}`
    const endValue = cursor.endValue
    if (endValue !== undefined && endValue !== null) {
      condition += ` AND ${column} ${end} ${sqlLiteral(endValue, dialect)}`
    }
    if (config.onCursorValueMissing === 'include') condition = `${condition} OR ${column} IS NULL`
    where.push(condition)
  }
  if (config.onCursorValueMissing === 'exclude') where.push(`${column} IS NOT NULL`)
  const order =
    config.rowOrder === undefined
      ? undefined
      : (config.rowOrder === 'asc') === ascending
        ? 'ASC'
        : 'DESC'
  return {
    ...select,
    where: [...select.where, ...where],
    orderBy: order === undefined ? select.orderBy : [...select.orderBy, `${column} ${order}`],
  }
}
