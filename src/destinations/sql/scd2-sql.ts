/**
 * @module The `scd2` merge (dlt's `SqlMergeFollowupJob.gen_scd2_sql`). The root table keeps
 * versions of rows, told apart by the row hash in the `x-row-version` column (`_dlt_id`), valid
 * from `x-valid-from` (`_dlt_valid_from`) to `x-valid-to` (`_dlt_valid_to`, NULL while active).
 *
 * 1. Retire: active rows whose hash is not in staging get valid-to = the load's boundary time
 *    (with a merge key: only rows whose key is in staging, dlt's incremental scd2).
 * 2. Insert: staging rows whose hash is not active, valid from the boundary, active.
 * 3. Nested tables are insert-only: staging rows whose row key is not there yet.
 *
 * The boundary is the table's `x-boundary-timestamp` hint or the load's time, taken from the load
 * id (dlt takes the load package's `created_at`, which its load id encodes the same way). The
 * active record may be marked by a timestamp (`x-active-record-timestamp` on the valid-to
 * column, e.g. `9999-12-31`) instead of NULL.
 */
import { timestampToIso } from '../../schema/write-disposition.js'
import type { MergeFollowUpSpec } from '../destination.js'
import { MergeDispositionError } from '../destination-errors.js'
import { columnsWithHint, completeColumns, firstColumnWithHint } from './column-hints.js'
import { type MergeSqlContext, quoteAll, rowKeyColumn } from './merge-chain.js'

/** The `scd2` statements for the spec's chain (root first). */
export function scd2Sql(context: MergeSqlContext, spec: MergeFollowUpSpec): string[] {
  const { dialect, names } = context
  const root = spec.tableChain[0]!
  const q = (name: string) => dialect.quoteIdentifier(name)
  const require = (hint: `x-${string}`, example: string) => {
    const column = firstColumnWithHint(root, hint)
    if (column === undefined) {
      throw new MergeDispositionError(
        root.name,
        'scd2',
        `no column has the "${hint}" hint (${example})`,
      )
    }
    return column
  }
  const fromColumn = require('x-valid-from', '_dlt_valid_from')
  const toColumn = require('x-valid-to', '_dlt_valid_to')
  const hash = q(require('x-row-version', '_dlt_id'))
  const [from, to] = [q(fromColumn), q(toColumn)]

  // dlt: a date is midnight UTC, a date-time without offset is UTC (`ensure_pendulum_datetime_utc`)
  const boundaryHint = root['x-boundary-timestamp']
  const boundary = dialect.timestampLiteral(
    boundaryHint === null || boundaryHint === undefined
      ? loadIdToIsoTimestamp(spec.loadId)
      : hintTimestamp(root.name, 'x-boundary-timestamp', boundaryHint),
  )
  const activeHint = root.columns[toColumn]?.['x-active-record-timestamp']
  const active =
    activeHint === null || activeHint === undefined
      ? 'NULL'
      : dialect.timestampLiteral(hintTimestamp(root.name, 'x-active-record-timestamp', activeHint))
  const isActive = active === 'NULL' ? `${to} IS NULL` : `${to} = ${active}`

  const target = names.table(root.name)
  const staging = names.table(root.name, true)
  let retire =
    `UPDATE ${target} SET ${to} = ${boundary} WHERE ${isActive} ` +
    `AND ${hash} NOT IN (SELECT ${hash} FROM ${staging})`
  const mergeKeys = quoteAll(dialect, columnsWithHint(root, 'merge_key'))
  if (mergeKeys.length > 0) {
    const key = mergeKeys.length === 1 ? mergeKeys[0]! : `CONCAT(${mergeKeys.join(', ')})`
    retire += ` AND ${key} IN (SELECT ${key} FROM ${staging})`
  }

  const columns = quoteAll(
    dialect,
    completeColumns(root)
      .map((column) => column.name)
      .filter((name) => name !== fromColumn && name !== toColumn),
  ).join(', ')
  const sql = [
    retire,
    `INSERT INTO ${target} (${columns}, ${from}, ${to}) ` +
      `SELECT ${columns}, ${boundary} AS ${from}, ${active} AS ${to} FROM ${staging} AS s ` +
      `WHERE ${hash} NOT IN (SELECT ${hash} FROM ${target} WHERE ${isActive})`,
  ]
  for (const table of spec.tableChain.slice(1)) {
    const rowKey = q(rowKeyColumn(table, 'scd2'))
    const nestedColumns = quoteAll(
      dialect,
      completeColumns(table).map((column) => column.name),
    ).join(', ')
    const nested = names.table(table.name)
    sql.push(
      `INSERT INTO ${nested} (${nestedColumns}) SELECT ${nestedColumns} ` +
        `FROM ${names.table(table.name, true)} WHERE ${rowKey} NOT IN (SELECT ${rowKey} FROM ${nested})`,
    )
  }
  return sql
}

/** The instant of a timestamp hint, ISO-8601 UTC; a schema edited by hand may hold anything. */
function hintTimestamp(table: string, hint: string, value: unknown): string {
  const iso = timestampToIso(value)
  if (iso === undefined) {
    throw new MergeDispositionError(
      table,
      'scd2',
      `the "${hint}" hint ${JSON.stringify(value)} is not a date or date-time`,
    )
  }
  return iso
}

/** The instant a load id encodes (`"1732461234.512345"`) as ISO-8601 with microseconds, UTC. */
export function loadIdToIsoTimestamp(loadId: string): string {
  const [seconds = '0', fraction = ''] = loadId.split('.')
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19)
  return `${whole}.${fraction.padEnd(6, '0').slice(0, 6)}+00:00`
}
