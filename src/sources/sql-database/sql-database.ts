/**
 * @module `sqlDatabase()`: the tables of a SQL database schema as a source, one resource per
 * table — dlt's `sql_database`.
 */

import type { AnyResource } from '../../extract/resource.js'
import { type Source, source } from '../../extract/source.js'
import { assertPeersInstalled } from '../../util/optional-peers.js'
import { checkNames, checkReadOptions } from './check-options.js'
import { withSqlConnection } from './open-sql-connection.js'
import { adaptTable, reflectTables } from './reflect-tables.js'
import { resolveSqlSettings } from './resolve-sql-settings.js'
import type { SqlDatabaseOptions, SqlTableOptions } from './sql-database-options.js'
import { driverPackages } from './sql-dialect-name.js'
import { tableResource } from './table-resource.js'

/**
 * Creates a source with a resource per table of `schema` (or per name in `tableNames`). Tables
 * are reflected now, in one connection, unless `deferTableReflect` is set; each resource reads
 * its table on its own connection when a pipeline runs it, so tables are read concurrently.
 *
 * Throws `MissingPeerDependencyError` at once when the driver is not installed, and rejects with
 * `SqlTableNotFoundError` (naming the missing tables and listing the schema's) when a name in
 * `tableNames` does not exist.
 *
 * ```ts
 * const shop = await sqlDatabase({
 *   credentials: 'postgresql://loader:secret@localhost:5432/shop',
 *   tableNames: ['orders', 'customers'],
 * })
 * await pipeline.run(shop)
 * ```
 */
export function sqlDatabase(options: SqlDatabaseOptions = {}): Promise<Source> {
  checkReadOptions('sqlDatabase', options)
  checkNames('sqlDatabase', 'tableNames', options.tableNames)
  const {
    name = 'sql_database',
    schemaContract,
    maxTableNesting,
    rootKey,
    tableNames: _tableNames,
    includeViews = false,
    ...read
  } = options
  const sourceOptions = {
    name,
    ...(schemaContract === undefined ? {} : { schemaContract }),
    ...(maxTableNesting === undefined ? {} : { maxTableNesting }),
    ...(rootKey === undefined ? {} : { rootKey }),
  }
  const settings = resolveSqlSettings('sqlDatabase', options, 'sql_database')
  const { chunkSize, reflectionLevel, tableNames } = settings
  const credentials = { credentials: settings.credentials, dialect: settings.dialect }
  assertPeersInstalled('The sql_database source', driverPackages(credentials.dialect))
  const tableOptions = (table: string): SqlTableOptions => ({
    ...read,
    chunkSize,
    reflectionLevel,
    table,
  })
  const toSource = (resources: AnyResource[]) => source(() => resources, sourceOptions)
  if (read.deferTableReflect) {
    if (!tableNames || tableNames.length === 0) {
      throw new TypeError('sqlDatabase: `deferTableReflect` needs `tableNames`')
    }
    const resources = tableNames.map((table) =>
      tableResource({
        credentials,
        schema: settings.schema,
        table: undefined,
        options: tableOptions(table),
      }),
    )
    return Promise.resolve(toSource(resources))
  }
  return withSqlConnection(credentials, async (connection) => {
    const schema = settings.schema ?? (await connection.defaultSchema())
    const names = tableNames ?? (await connection.listTables(schema, includeViews))
    const database = credentials.credentials.toString()
    const tables = await reflectTables(connection, schema, names, database)
    return toSource(
      tables.map((table) => {
        const options = tableOptions(table.name)
        return tableResource({ credentials, schema, table: adaptTable(table, options), options })
      }),
    )
  })
}
