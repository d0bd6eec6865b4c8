/**
 * @module One large table read in key ranges (`sqlTable({ partitions: { column, count } })`): the
 * `partitions` of its resource, so a distributed run reads each range in a task of its own. The
 * ranges are cut between the column's MIN and MAX, read when the run is planned; the first range
 * is open below (and takes the rows whose key is NULL), the last open above, so every row is in
 * exactly one range whatever the table holds by the time the tasks read it.
 */
import type { SqlDialectName } from './sql-dialect-name.js'
import { quoteIdentifier, sqlLiteral } from './sql-literal.js'
import { chunkRows, type SqlSourceConnection } from './sql-source-connection.js'
import type { SqlTableSchema } from './sql-table-schema.js'

/** How to split a table: `count` ranges of the numeric `column` (best an indexed integer key). */
export interface SqlKeyRanges {
  readonly column: string
  readonly count: number
}

/** One range: `from` (inclusive) to `to` (exclusive); a missing bound is open. */
export interface KeyRange {
  readonly from?: number
  readonly to?: number
}

/** A range of one column: what a partition or one of several reading connections reads. */
export interface ColumnRange {
  readonly range: KeyRange
  readonly column: string
}

/** Checks the `partitions` option of `sqlTable`. */
export function checkKeyRanges(where: string, ranges: SqlKeyRanges | undefined): void {
  if (ranges === undefined) return
  if (typeof ranges?.column !== 'string' || ranges.column === '') {
    throw new TypeError(`${where}: \`partitions.column\` must name a numeric column of the table`)
  }
  if (!Number.isInteger(ranges.count) || ranges.count < 1) {
    throw new RangeError(`${where}: \`partitions.count\` must be an integer >= 1`)
  }
}

/** The ranges of `table`, cut between the column's MIN and MAX; none when it holds no key. */
export async function listKeyRanges(
  connection: SqlSourceConnection,
  table: SqlTableSchema,
  ranges: SqlKeyRanges,
): Promise<KeyRange[]> {
  if (!table.columns.some((column) => column.name === ranges.column)) {
    throw new TypeError(
      `sqlTable "${table.name}": \`partitions.column\` "${ranges.column}" is not a column of the table; it has ${table.columns.map((c) => c.name).join(', ')}`,
    )
  }
  const { dialect } = connection
  const column = quoteIdentifier(ranges.column, dialect)
  const from = `${quoteIdentifier(table.schema, dialect)}.${quoteIdentifier(table.name, dialect)}`
  const sql = `SELECT MIN(${column}) AS lo, MAX(${column}) AS hi FROM ${from}`
  for await (const chunk of connection.readRows(sql, table, 1)) {
    const [row] = chunkRows(chunk)
    const lo = Number(row?.['lo'] ?? Number.NaN)
    const hi = Number(row?.['hi'] ?? Number.NaN)
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return []
    return cutRanges(lo, hi, ranges.count)
  }
  return []
}

/** `count` ranges between `lo` and `hi` (fewer when the keys are fewer). */
export function cutRanges(lo: number, hi: number, count: number): KeyRange[] {
  const bounds = new Set<number>()
  for (let i = 1; i < count; i++) {
    const bound = lo + Math.ceil((i * (hi - lo + 1)) / count)
    if (bound > lo && bound <= hi) bounds.add(bound)
  }
  const sorted = [...bounds].sort((a, b) => a - b)
  if (!sorted.length) return [{}]
  return [undefined, ...sorted].map((start, index) => {
    const end = sorted[index]
    return {
      ...(start === undefined ? {} : { from: start }),
      ...(end === undefined ? {} : { to: end }),
    }
  })
}

/** The WHERE condition of `range` on `column`; none for a range open at both ends. */
export function keyRangeCondition(
  range: KeyRange,
  column: string,
  dialect: SqlDialectName,
): string | undefined {
  const quoted = quoteIdentifier(column, dialect)
  const conditions: string[] = []
  if (range.from !== undefined) conditions.push(`${quoted} >= ${sqlLiteral(range.from, dialect)}`)
  if (range.to !== undefined) conditions.push(`${quoted} < ${sqlLiteral(range.to, dialect)}`)
  if (!conditions.length) return undefined
  const condition = conditions.join(' AND ')
  // the first range takes the rows without a key
  return range.from === undefined ? `${condition} OR ${quoted} IS NULL` : condition
}
