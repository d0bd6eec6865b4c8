/**
 * @module PostgreSQL's SQL dialect: dlt's `PostgresTypeMapper` (lower-case type names, `jsonb`,
 * `bytea`, integer width from `precision` bits, timestamp and time precision, `varchar(n)` for
 * text with a precision), `UNIQUE` for `unique` columns when indexes are on (dlt's
 * `create_indexes`), a transactional `TRUNCATE`, and the `COPY … FROM STDIN` of the bulk load.
 */
import { TerminalError } from '../../errors/dlt-error.js'
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'
import { DefaultSqlGenerator, type UnboundTypes } from '../sql/sql-generator.js'
import { PostgresCapabilities } from './postgres-capabilities.js'

const POSTGRES_TYPES: UnboundTypes = {
  text: 'varchar',
  double: 'double precision',
  bool: 'boolean',
  timestamp: 'timestamp with time zone',
  bigint: 'bigint',
  binary: 'bytea',
  json: 'jsonb',
  date: 'date',
  time: 'time without time zone',
}

/** Options of `PostgresSqlGenerator`. */
export interface PostgresSqlGeneratorOptions {
  /** Write `UNIQUE` after columns with the `unique` hint. @default true (dlt's `create_indexes`) */
  readonly createIndexes?: boolean
}

/** PostgreSQL's SQL generator. */
export class PostgresSqlGenerator extends DefaultSqlGenerator {
  readonly #createIndexes: boolean

  constructor(options: PostgresSqlGeneratorOptions = {}) {
    super(new PostgresCapabilities())
    this.#createIndexes = options.createIndexes ?? true
  }

  protected override get unboundTypes(): UnboundTypes {
    return POSTGRES_TYPES
  }

  /**
   * Staging tables are truncated (a new, empty heap) and then filled by `COPY` in file order, so
   * `ctid DESC` keeps the row loaded last, as DuckDB's `rowid DESC` does; dlt's `(SELECT NULL)`
   * keeps any of them.
   */
  override get defaultDedupOrderBy(): string {
    return 'ctid DESC'
  }

  /**
   * dlt writes `NOT NULL` in `ADD COLUMN`, which PostgreSQL refuses on a table with rows; dlt-ts
   * leaves it out there (the column is nullable), as on DuckDB.
   */
  override get supportsAddColumnNotNull(): boolean {
    return false
  }

  columnHintsSql(column: ColumnSchema): string {
    return this.#createIndexes && column.unique === true ? 'UNIQUE' : ''
  }

  /** dlt: PostgreSQL `supports_truncate_command`; TRUNCATE is transactional here. */
  override truncateTableSql(qualifiedTable: string): string {
    return `TRUNCATE TABLE ${qualifiedTable}`
  }

  override columnType(column: ColumnSchema, table: TableSchema): string {
    if (column.data_type === 'text' && column.precision !== undefined) {
      return `varchar(${column.precision})`
    }
    return super.columnType(column, table)
  }

  /** dlt: precision is the number of bits; PostgreSQL's widest integer has 64. */
  protected override integerType(column: ColumnSchema): string {
    const bits = column.precision
    if (bits === undefined) return 'bigint'
    if (bits <= 16) return 'smallint'
    if (bits <= 32) return 'integer'
    if (bits <= 64) return 'bigint'
    throw new TerminalError(
      `Column "${column.name}": bigint with precision ${bits} (bits) does not fit a PostgreSQL integer type`,
    )
  }

  /** dlt: `timestamp [(precision)] with|without time zone`; precision 0–6. */
  protected override timestampType(column: ColumnSchema, table: TableSchema): string {
    const { precision, timezone } = column
    if (precision === undefined && timezone === undefined) return POSTGRES_TYPES.timestamp
    if (precision !== undefined && !(precision >= 0 && precision <= 6)) {
      throw new TerminalError(
        `Column "${column.name}" of table "${table.name}": PostgreSQL has no timestamp with precision ${precision}`,
      )
    }
    const zone = (timezone ?? true) ? 'with time zone' : 'without time zone'
    return `timestamp${precision === undefined ? '' : ` (${precision})`} ${zone}`
  }

  protected override timeType(column: ColumnSchema): string {
    return column.precision === undefined
      ? POSTGRES_TYPES.time
      : `time (${column.precision}) without time zone`
  }

  protected override decimalType(precision: number, scale: number): string {
    return `numeric(${precision},${scale})`
  }

  /** `COPY target (columns) FROM STDIN` in CSV format (empty unquoted fields are NULL). */
  copyFromStdinSql(target: string, columns: readonly ColumnSchema[]): string {
    const names = columns.map((column) => this.quoteIdentifier(column.name)).join(', ')
    return `COPY ${target} (${names}) FROM STDIN WITH (FORMAT csv)`
  }
}
