/**
 * @module One table as a resource (dlt's `sql_table` resource with its `table_rows`): reflected
 * hints as the resource's hints, and a function that opens its own connection when the resource
 * runs, builds the SELECT (the incremental cursor pushed into it), lets the query adapter change
 * it and yields the rows page by page. Pages are read only as extract consumes them, so memory
 * stays flat whatever the table's size; each table has its own connection (a large PostgreSQL
 * table several, `split-read.ts`), so the source's tables are read concurrently (up to
 * `extract.workers`).
 */
import type { IncrementalContext, IncrementalSpec } from '../../extract/incremental/index.js'
import { mark } from '../../extract/mark.js'
import { type Resource, type ResourceOptions, resource } from '../../extract/resource.js'
import type { TableHints } from '../../schema/hints.js'
import { columnHints } from './column-hints.js'
import { incrementalSelect } from './incremental-select.js'
import {
  type ColumnRange,
  type KeyRange,
  keyRangeCondition,
  listKeyRanges,
  type SqlKeyRanges,
} from './key-ranges.js'
import { openSqlConnection } from './open-sql-connection.js'
import { adaptTable, reflectTables } from './reflect-tables.js'
import type { SqlCredentials } from './resolve-sql-settings.js'
import { readTable } from './split-read.js'
import { SqlCursorColumnError } from './sql-database-errors.js'
import { DEFAULT_CHUNK_SIZE, type SqlTableOptions } from './sql-database-options.js'
import { quoteIdentifier } from './sql-literal.js'
import type { SqlSelect } from './sql-select.js'
import { chunkRows, type SqlSourceConnection } from './sql-source-connection.js'
import type { SqlTableSchema } from './sql-table-schema.js'

/** What the resource of one table needs. */
export interface TableResourcePlan {
  readonly credentials: SqlCredentials
  /** The schema; `undefined` (deferred reflection) means the connection's default. */
  readonly schema: string | undefined
  /** The reflected and adapted table, or `undefined` to reflect when the resource runs. */
  readonly table: SqlTableSchema | undefined
  readonly options: SqlTableOptions
}

/** The hints reflection gives a table. */
export function reflectedHints(
  table: SqlTableSchema,
  dialect: SqlCredentials['dialect'],
  options: SqlTableOptions,
): TableHints {
  const columns = columnHints(
    table,
    dialect,
    options.reflectionLevel ?? 'full',
    options.typeAdapterCallback,
  )
  return {
    columns,
    ...(table.primaryKey.length > 0 ? { primaryKey: [...table.primaryKey] } : {}),
  }
}

/** The resource reading one table. */
export function tableResource(plan: TableResourcePlan): Resource<Record<string, unknown>> {
  const { options, credentials } = plan
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  const reflected = plan.table ? reflectedHints(plan.table, credentials.dialect, options) : {}
  const hints: ResourceOptions<Record<string, unknown>> = {
    ...reflected,
    name: options.name ?? options.table,
    writeDisposition: options.writeDisposition ?? 'append',
    ...(options.primaryKey === undefined ? {} : { primaryKey: options.primaryKey }),
    ...(options.mergeKey === undefined ? {} : { mergeKey: options.mergeKey }),
    ...(options.incremental === undefined ? {} : { incremental: options.incremental }),
    ...(options.partitions === undefined
      ? {}
      : {
          partitions: {
            list: () => listRanges(options.partitions!),
            extract: (range: KeyRange, context) => tableRows(context, range),
          },
        }),
  }

  async function reflect(connection: SqlSourceConnection): Promise<SqlTableSchema> {
    const schema = plan.schema ?? (await connection.defaultSchema())
    const database = credentials.credentials.toString()
    const [found] = await reflectTables(connection, schema, [options.table], database)
    return adaptTable(found!, options)
  }

  async function listRanges(ranges: SqlKeyRanges): Promise<KeyRange[]> {
    const connection = await openSqlConnection(credentials)
    try {
      return await listKeyRanges(connection, plan.table ?? (await reflect(connection)), ranges)
    } finally {
      await connection.close()
    }
  }

  async function* tableRows(
    { incremental }: { incremental: IncrementalContext | undefined },
    range?: KeyRange,
  ) {
    const connection = await openSqlConnection(credentials)
    try {
      let table = plan.table
      let deferredHints: TableHints | undefined
      if (table === undefined) {
        table = await reflect(connection)
        deferredHints = reflectedHints(table, credentials.dialect, options)
      }
      const read = table
      const query = (inRange: ColumnRange | undefined) =>
        buildQuery(read, credentials.dialect, options, incremental, inRange)
      const chunks =
        range && options.partitions
          ? // a task of a distributed run reads its own range
            connection.readRows(
              query({ range, column: options.partitions.column }),
              table,
              chunkSize,
            )
          : readTable(connection, {
              table,
              chunkSize,
              options,
              query,
              open: () => openSqlConnection(credentials),
            })
      for await (const chunk of chunks) {
        if (deferredHints) {
          // dlt: deferred reflection sends its hints with the first data
          yield mark.withHints(chunkRows(chunk), deferredHints)
          deferredHints = undefined
        } else {
          yield chunk as Record<string, unknown>[]
        }
      }
    } finally {
      await connection.close()
    }
  }
  return resource(tableRows, hints)
}

/**
 * The query of one run: all columns, the key range (of a partition, or of one of the connections
 * reading the table together), the cursor's range and order, then the adapter.
 */
function buildQuery(
  table: SqlTableSchema,
  dialect: SqlCredentials['dialect'],
  options: SqlTableOptions,
  incremental: IncrementalContext | undefined,
  range: ColumnRange | undefined,
): SqlSelect | string {
  const inRange = range ? keyRangeCondition(range.range, range.column, dialect) : undefined
  let select: SqlSelect = {
    columns: table.columns.map((column) => column.name),
    from: `${quoteIdentifier(table.schema, dialect)}.${quoteIdentifier(table.name, dialect)}`,
    where: inRange ? [inRange] : [],
    orderBy: [],
  }
  const spec: IncrementalSpec | undefined = options.incremental
  if (spec && incremental) {
    const cursor = spec.config.cursorPath.replace(/^\$\./, '')
    if (!table.columns.some((column) => column.name === cursor)) {
      throw new SqlCursorColumnError(
        table.name,
        spec.config.cursorPath,
        table.columns.map((column) => column.name),
      )
    }
    select = incrementalSelect(select, cursor, spec.config, incremental, dialect)
  }
  return options.queryAdapterCallback
    ? options.queryAdapterCallback(select, table, incremental)
    : select
}
