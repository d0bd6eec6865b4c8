/**
 * @module `DefaultSqlGenerator`: the standard `SqlDialect` (ANSI quoting and literals, a generic
 * type mapping after dlt's `TypeMapperImpl`) plus the SQL every SQL destination shares: DDL and
 * the merge follow-up statements. A destination's generator (e.g. `DuckDbSqlGenerator`) extends it
 * and overrides the type mapping and whatever else its database spells differently.
 */
import type { DataType } from '../../schema/data-types.js'
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'
import type { DestinationCapabilities } from '../capabilities.js'
import type { MergeFollowUpSpec } from '../destination.js'
import {
  addColumnSql,
  createDatasetSql,
  createTableSql,
  storageColumnsSql,
  type TableDdlOptions,
} from './ddl-sql.js'
import { type MergeSqlOptions, mergeSql } from './merge-sql.js'
import type { QualifiedNames } from './qualified-names.js'
import type { SqlDialect } from './sql-dialect.js'
import { listTablesQuery, type SqlStatement, tableExistsQuery } from './system-tables-sql.js'

/** Column types for dlt's data types that take no precision or scale. */
export type UnboundTypes = Readonly<Record<Exclude<DataType, 'decimal' | 'wei'>, string>>

const STANDARD_TYPES: UnboundTypes = {
  text: 'VARCHAR',
  double: 'DOUBLE PRECISION',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  bigint: 'BIGINT',
  binary: 'BLOB',
  json: 'JSON',
  date: 'DATE',
  time: 'TIME',
}

/** The standard SQL dialect and the shared DDL and merge SQL. */
export class DefaultSqlGenerator implements SqlDialect {
  readonly #capabilities: Pick<DestinationCapabilities, 'decimalPrecision' | 'weiPrecision'>

  constructor(capabilities: Pick<DestinationCapabilities, 'decimalPrecision' | 'weiPrecision'>) {
    this.#capabilities = capabilities
  }

  /** Column types without precision; override to change the mapping. */
  protected get unboundTypes(): UnboundTypes {
    return STANDARD_TYPES
  }

  get defaultDedupOrderBy(): string {
    return '(SELECT NULL)'
  }

  get supportsAddColumnNotNull(): boolean {
    return true
  }

  quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`
  }

  escapeLiteral(value: unknown): string {
    if (value === null || value === undefined) return 'NULL'
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
    if (typeof value === 'bigint') return value.toString()
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} as a SQL literal`)
      return String(value)
    }
    if (value instanceof Date) return this.timestampLiteral(value.toISOString())
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    return `'${text.replaceAll("'", "''")}'`
  }

  timestampLiteral(iso: string): string {
    return `'${iso.replaceAll("'", "''")}'`
  }

  columnType(column: ColumnSchema, table: TableSchema): string {
    const dataType = column.data_type
    switch (dataType) {
      case undefined:
        throw new TypeError(`Column "${column.name}" of table "${table.name}" has no data type`)
      case 'bigint':
        return this.integerType(column)
      case 'timestamp':
        return this.timestampType(column, table)
      case 'time':
        return this.timeType(column, table)
      case 'decimal': {
        const [precision, scale] = this.#capabilities.decimalPrecision
        return this.decimalType(column.precision ?? precision, column.scale ?? scale)
      }
      case 'wei': {
        const [precision, scale] = this.#capabilities.weiPrecision
        return this.decimalType(column.precision ?? precision, column.scale ?? scale)
      }
      default:
        return this.unboundTypes[dataType]
    }
  }

  /** The type of a `bigint` column; `precision` (bits) may pick a smaller integer. */
  protected integerType(_column: ColumnSchema): string {
    return this.unboundTypes.bigint
  }

  /** The type of a `timestamp` column; `precision` and `timezone` may pick a variant. */
  protected timestampType(_column: ColumnSchema, _table: TableSchema): string {
    return this.unboundTypes.timestamp
  }

  /** The type of a `time` column. */
  protected timeType(_column: ColumnSchema, _table: TableSchema): string {
    return this.unboundTypes.time
  }

  /** The type of a `decimal` or `wei` column. */
  protected decimalType(precision: number, scale: number): string {
    return `DECIMAL(${precision},${scale})`
  }

  /**
   * Empties a table inside the load's transaction. `DELETE` works everywhere (dlt's DuckDB has
   * `supports_truncate_command = False`); a database with a transactional `TRUNCATE` overrides.
   */
  truncateTableSql(qualifiedTable: string): string {
    return `DELETE FROM ${qualifiedTable}`
  }

  /** Drops a table if it exists (`refresh`). */
  dropTableSql(qualifiedTable: string): string {
    return `DROP TABLE IF EXISTS ${qualifiedTable}`
  }

  /** The statement that starts a transaction. */
  get beginTransactionSql(): string {
    return 'BEGIN TRANSACTION'
  }

  /**
   * True when the database commits the open transaction before running `sql` (MySQL's DDL); the
   * client then starts a new transaction right after it, so the rest of the load stays atomic.
   */
  commitsTransaction(_sql: string): boolean {
    return false
  }

  /**
   * A lock serializing changes to the dataset's tables between sessions: `acquire` (one row whose
   * `locked` is 1 when taken) and `release`, for a session-scoped lock that the client holds from
   * the load's first DDL to the end of its transaction. Undefined: no lock.
   */
  datasetLockSql(_dataset: string): { acquire: SqlStatement; release: SqlStatement } | undefined {
    return undefined
  }

  /**
   * `CREATE SCHEMA IF NOT EXISTS` for the dataset or its staging dataset; `''` when the client
   * makes datasets otherwise (SQLite attaches a database file per dataset when it connects).
   */
  createDatasetSql(names: QualifiedNames, staging = false): string {
    return createDatasetSql(names, staging)
  }

  /**
   * The columns of every table in the dataset, in column order: rows of `table_name, column_name`
   * (`information_schema.columns`; a database without it overrides).
   */
  storageColumnsQuery(names: QualifiedNames, staging = false): SqlStatement {
    return storageColumnsSql(names, staging)
  }

  /** A query with a row when `tableName` exists in the dataset. */
  tableExistsQuery(names: QualifiedNames, tableName: string): SqlStatement {
    return tableExistsQuery(names, tableName)
  }

  /** The names of the dataset's tables (`table_name`), sorted. */
  listTablesQuery(names: QualifiedNames): SqlStatement {
    return listTablesQuery(names)
  }

  /** `CREATE TABLE` with `columns` (default: all complete columns) in schema order. */
  createTableSql(names: QualifiedNames, table: TableSchema, options: TableDdlOptions = {}): string {
    return createTableSql(this, names, table, options)
  }

  /** One `ALTER TABLE … ADD COLUMN` per new column. */
  addColumnSql(
    names: QualifiedNames,
    table: TableSchema,
    columns: readonly ColumnSchema[],
    staging = false,
  ): string[] {
    return addColumnSql(this, names, table, columns, staging)
  }

  /** The statements of a merge follow-up, in execution order. */
  mergeSql(
    names: QualifiedNames,
    spec: MergeFollowUpSpec,
    options: MergeSqlOptions = {},
  ): string[] {
    return mergeSql({ dialect: this, names, ...options }, spec)
  }
}
