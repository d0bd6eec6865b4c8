/**
 * @module `sqlTable()`: one table of a SQL database as a resource — dlt's `sql_table`.
 */

import type { Resource } from '../../extract/resource.js'
import { assertPeersInstalled } from '../../util/optional-peers.js'
import { checkNames, checkReadOptions } from './check-options.js'
import { checkKeyRanges } from './key-ranges.js'
import { withSqlConnection } from './open-sql-connection.js'
import { adaptTable, reflectTables } from './reflect-tables.js'
import { resolveSqlSettings } from './resolve-sql-settings.js'
import type { SqlTableOptions } from './sql-database-options.js'
import { driverPackages } from './sql-dialect-name.js'
import { tableResource } from './table-resource.js'

/**
 * Creates a resource that reads one table (or view). The table is reflected now — its columns
 * become column hints with dlt types, its primary key the resource's `primaryKey` — unless
 * `deferTableReflect` is set; rows are read when a pipeline runs the resource.
 *
 * Throws `MissingPeerDependencyError` at once when the driver is not installed, and rejects with
 * `SqlTableNotFoundError` (listing the schema's tables) when the table does not exist.
 *
 * ```ts
 * const orders = await sqlTable({
 *   credentials: 'postgresql://loader:secret@localhost:5432/shop',
 *   table: 'orders',
 *   incremental: dlt.incremental({ cursorPath: 'updated_at' }),
 *   writeDisposition: 'merge',
 * })
 * await pipeline.run(orders)
 * ```
 */
export function sqlTable(options: SqlTableOptions): Promise<Resource<Record<string, unknown>>> {
  checkReadOptions('sqlTable', options)
  if (typeof options.table !== 'string' || options.table === '') {
    throw new TypeError('sqlTable: `table` must be the name of a table')
  }
  checkNames('sqlTable', 'includedColumns', options.includedColumns)
  checkNames('sqlTable', 'excludedColumns', options.excludedColumns)
  checkKeyRanges('sqlTable', options.partitions)
  const settings = resolveSqlSettings('sqlTable', options, options.table)
  const { chunkSize, reflectionLevel } = settings
  const credentials = { credentials: settings.credentials, dialect: settings.dialect }
  assertPeersInstalled('The sql_database source', driverPackages(credentials.dialect))
  const resolved = { ...options, chunkSize, reflectionLevel }
  if (options.deferTableReflect) {
    return Promise.resolve(
      tableResource({ credentials, schema: settings.schema, table: undefined, options: resolved }),
    )
  }
  return withSqlConnection(credentials, async (connection) => {
    const schema = settings.schema ?? (await connection.defaultSchema())
    const database = credentials.credentials.toString()
    const [table] = await reflectTables(connection, schema, [options.table], database)
    const adapted = adaptTable(table!, options)
    return tableResource({ credentials, schema, table: adapted, options: resolved })
  })
}
