/**
 * @module `SqlalchemySqlGenerator`: dlt's `SqlalchemyTypeMapper` rules shared by the databases dlt
 * reaches through its `sqlalchemy` destination (MySQL/MariaDB, SQLite): `text` as the database's
 * text type, or `VARCHAR(n)` with a precision and `VARCHAR(128)` for a unique column (keys need a
 * length); `bigint` narrowed by its precision in bits (`SMALLINT` ≤ 16, `INTEGER` ≤ 32); `binary`
 * with a precision as `BLOB(n)`; decimals as `NUMERIC(p,s)`; NUMERIC(38,9) decimals and
 * NUMERIC(38,0) wei by default; `upsert` and `insert-only` without `MERGE`, which these databases
 * lack. A database's generator supplies its unbound type names.
 */
import { TerminalError } from '../../errors/dlt-error.js'
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'
import type { DestinationCapabilities } from '../capabilities.js'
import { DefaultSqlGenerator } from './sql-generator.js'

/** The column type rules of dlt's sqlalchemy destination. */
export abstract class SqlalchemySqlGenerator extends DefaultSqlGenerator {
  /** The database's name in errors, e.g. `MySQL`. */
  protected abstract readonly databaseName: string

  constructor(capabilities: Pick<DestinationCapabilities, 'decimalPrecision' | 'weiPrecision'>) {
    super(capabilities)
  }

  override columnType(column: ColumnSchema, table: TableSchema): string {
    if (column.data_type === 'text') {
      // dlt: a unique column without a length gets 128 characters
      const length = column.precision ?? (column.unique === true ? 128 : undefined)
      return length === undefined ? this.unboundTypes.text : `VARCHAR(${length})`
    }
    if (column.data_type === 'binary' && column.precision !== undefined) {
      return `${this.unboundTypes.binary}(${column.precision})`
    }
    return super.columnType(column, table)
  }

  /** dlt: precision is the number of bits; the widest integer has 64. */
  protected override integerType(column: ColumnSchema): string {
    const bits = column.precision
    if (bits === undefined) return this.unboundTypes.bigint
    if (bits <= 16) return 'SMALLINT'
    if (bits <= 32) return 'INTEGER'
    if (bits <= 64) return this.unboundTypes.bigint
    throw new TerminalError(
      `Column "${column.name}": bigint with precision ${bits} (bits) does not fit a ${this.databaseName} integer type`,
    )
  }

  /** Neither MySQL nor SQLite has `MERGE`: `upsert` and `insert-only` use UPDATE + INSERT. */
  readonly supportsMerge = false

  protected override decimalType(precision: number, scale: number): string {
    return `NUMERIC(${precision},${scale})`
  }
}
