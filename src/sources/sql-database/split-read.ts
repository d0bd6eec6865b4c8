/**
 * @module One table read over several connections at once (`connections` of `sqlTable` /
 * `sqlDatabase`, PostgreSQL): the first connection begins a read-only transaction and exports its
 * snapshot, the others import it, so together they read exactly the rows one connection would;
 * each reads one range of an integer key (cut between its MIN and MAX, as `partitions` are) and
 * their pages are merged as they arrive. It puts more of the database server's cores to work on
 * the `COPY` (on PostgreSQL one backend writes the rows on one core). Rows come in no
 * particular order, so a cursor with `rowOrder` keeps one connection; so does a server that
 * cannot export a snapshot or refuses another connection.
 */
import type { IncrementalSpec } from '../../extract/incremental/index.js'
import { type ColumnRange, listKeyRanges } from './key-ranges.js'
import { mergeAsync } from './merge-async.js'
import type { SqlTableOptions } from './sql-database-options.js'
import type { SqlSelect } from './sql-select.js'
import type { RowChunk, SqlSourceConnection } from './sql-source-connection.js'
import type { SqlTableSchema } from './sql-table-schema.js'

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint'])

/** How one table is read: the query of a key range (`undefined`: the whole table). */
export interface SplitReadPlan {
  readonly table: SqlTableSchema
  readonly chunkSize: number
  readonly options: SqlTableOptions
  /** The query of `range` on `column`, or of the whole table; a string when an adapter made SQL. */
  readonly query: (range: ColumnRange | undefined) => SqlSelect | string
  /** Opens another connection to the same database. */
  readonly open: () => Promise<SqlSourceConnection>
}

/**
 * The column to cut `table` into ranges on: `partitions.column` when given, else a primary key
 * of one integer column. Undefined when there is none, or when the rows must come in order.
 */
function splitColumn(table: SqlTableSchema, options: SqlTableOptions): string | undefined {
  const spec: IncrementalSpec | undefined = options.incremental
  if (spec?.config.rowOrder !== undefined) return undefined
  if (options.partitions) return options.partitions.column
  const [key, ...more] = table.primaryKey
  if (key === undefined || more.length > 0) return undefined
  const column = table.columns.find((c) => c.name === key)
  return column && INTEGER_TYPES.has(column.dbType) ? key : undefined
}

/**
 * The pages of `plan.table`, read on `connection` and, when it pays and the database can share a
 * snapshot, on more connections at once (opened here and closed when the read ends).
 */
export async function* readTable(
  connection: SqlSourceConnection,
  plan: SplitReadPlan,
): AsyncGenerator<RowChunk> {
  const alone = () => connection.readRows(plan.query(undefined), plan.table, plan.chunkSize)
  // one unless asked for: with the server's text format, one backend keeps up with extract
  const count = plan.options.connections ?? 1
  const column = count > 1 ? splitColumn(plan.table, plan.options) : undefined
  const snapshot = column === undefined ? undefined : await connection.exportSnapshot?.()
  if (column === undefined || snapshot === undefined) return yield* alone()
  const ranges = await listKeyRanges(connection, plan.table, { column, count })
  const queries = ranges.map((range) => plan.query({ range, column }))
  // one range, or an adapter that wrote its own SQL (without the range): one connection
  if (queries.length < 2 || queries.some((query) => typeof query === 'string')) {
    return yield* alone()
  }
  const others = await openWithSnapshot(plan, queries.length - 1, snapshot)
  if (others === undefined) return yield* alone()
  try {
    const readers = [connection, ...others]
    yield* mergeAsync(
      queries.map((query, i) => readers[i]!.readRows(query, plan.table, plan.chunkSize)),
    )
  } finally {
    await Promise.all(others.map((other) => other.close()))
  }
}

/**
 * `count` more connections reading in `snapshot`; undefined (none left open) when one cannot be
 * opened or cannot import it — the server is out of connections, or a pooler sent it to
 * another server — so the first connection reads alone.
 */
async function openWithSnapshot(
  plan: SplitReadPlan,
  count: number,
  snapshot: string,
): Promise<SqlSourceConnection[] | undefined> {
  const opened: SqlSourceConnection[] = []
  try {
    for (let i = 0; i < count; i++) {
      const other = await plan.open()
      opened.push(other)
      await other.importSnapshot!(snapshot)
    }
    return opened
  } catch {
    await Promise.all(opened.map((other) => other.close()))
    return undefined
  }
}
