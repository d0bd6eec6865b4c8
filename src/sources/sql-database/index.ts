/**
 * @module dlt-ts/sql-database: tables of PostgreSQL, MySQL/MariaDB and SQLite databases as dlt
 * resources — dlt's `sql_database` and `sql_table`. Tables are reflected into column hints with
 * dlt types, rows stream in pages with flat memory, incremental cursors go into the query's WHERE.
 *
 * ```ts
 * import { sqlDatabase } from 'dlt-ts/sql-database'
 *
 * const shop = await sqlDatabase({ credentials: 'postgresql://…', tableNames: ['orders', 'customers'] })
 * await pipeline.run(shop)
 * ```
 */
export {
  REFLECTION_LEVELS,
  type ReflectionLevel,
  type TypeAdapterCallback,
} from './column-hints.js'
export type { KeyRange, SqlKeyRanges } from './key-ranges.js'
export { sqlDatabase } from './sql-database.js'
export {
  SqlConnectError,
  SqlConnectionLostError,
  SqlCursorColumnError,
  SqlPermissionError,
  type SqlSourceErrorContext,
  SqlSourceQueryError,
  SqlTableNotFoundError,
  UnsupportedSqlDatabaseError,
} from './sql-database-errors.js'
export {
  DEFAULT_CHUNK_SIZE,
  type QueryAdapterCallback,
  type SqlDatabaseOptions,
  type SqlReadOptions,
  type SqlTableOptions,
  type TableAdapterCallback,
} from './sql-database-options.js'
export type { SqlDialectName } from './sql-dialect-name.js'
export { renderSelect, type SqlSelect } from './sql-select.js'
export { sqlTable } from './sql-table.js'
export type { SqlColumn, SqlTableSchema } from './sql-table-schema.js'
export { type SqlTypeKind, sqlTypeKind } from './sql-type-kind.js'
