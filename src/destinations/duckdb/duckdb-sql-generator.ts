/**
 * @module DuckDB's SQL dialect: dlt's `DuckDbTypeMapper` (integer width from `precision` bits,
 * timestamp variants from `precision` when `timezone` is false, DECIMAL for decimal and wei), and
 * a de-duplication order that keeps the row loaded last where dlt leaves the choice arbitrary,
 * and the bulk load of a JSON-lines file through DuckDB's JSON reader.
 */
import { TerminalError } from '../../errors/dlt-error.js'
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'
import { completeColumns } from '../sql/column-hints.js'
import { DefaultSqlGenerator, type UnboundTypes } from '../sql/sql-generator.js'
import { DuckDbCapabilities } from './duckdb-capabilities.js'

const DUCKDB_TYPES: UnboundTypes = {
  text: 'VARCHAR',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  // DuckDB does not take a precision on TIMESTAMP WITH TIME ZONE (dlt's comment).
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  bigint: 'BIGINT',
  binary: 'BLOB',
  json: 'JSON',
  date: 'DATE',
  time: 'TIME',
}

const TIMESTAMP_BY_PRECISION: Readonly<Record<number, string>> = {
  0: 'TIMESTAMP_S',
  3: 'TIMESTAMP_MS',
  6: 'TIMESTAMP',
  9: 'TIMESTAMP_NS',
}

/** Options of DuckDB's SQL generator (from the destination's config). */
export interface DuckDbSqlOptions {
  /** See `DuckDbDestinationConfig.compressRowIds`. @default false */
  readonly compressRowIds?: boolean
}

/** DuckDB's SQL generator. */
export class DuckDbSqlGenerator extends DefaultSqlGenerator {
  readonly #compressRowIds: boolean

  constructor(options: DuckDbSqlOptions = {}) {
    super(new DuckDbCapabilities())
    this.#compressRowIds = options.compressRowIds ?? false
  }

  /**
   * Row-id columns (random unique strings) are stored uncompressed unless `compressRowIds`:
   * DuckDB's compression analysis of them costs ~20 % of a load and saves little.
   */
  columnHintsSql(column: ColumnSchema): string {
    const rowId = column.row_key || column.parent_key || column.root_key
    if (this.#compressRowIds || !rowId || column.data_type !== 'text') return ''
    return 'USING COMPRESSION uncompressed'
  }

  protected override get unboundTypes(): UnboundTypes {
    return DUCKDB_TYPES
  }

  /**
   * Staging tables are filled file by file in insertion order, so `rowid DESC` keeps the last
   * row of a key; dlt's `(SELECT NULL)` keeps any of them.
   */
  override get defaultDedupOrderBy(): string {
    return 'rowid DESC'
  }

  /** DuckDB refuses constraints in `ALTER TABLE … ADD COLUMN`. */
  override get supportsAddColumnNotNull(): boolean {
    return false
  }

  /** dlt: precision is the number of bits; up to 128 bits fit HUGEINT. */
  protected override integerType(column: ColumnSchema): string {
    const bits = column.precision
    if (bits === undefined) return 'BIGINT'
    if (bits <= 8) return 'TINYINT'
    if (bits <= 16) return 'SMALLINT'
    if (bits <= 32) return 'INTEGER'
    if (bits <= 64) return 'BIGINT'
    if (bits <= 128) return 'HUGEINT'
    throw new TerminalError(
      `Column "${column.name}": bigint with precision ${bits} (bits) does not fit a DuckDB integer type`,
    )
  }

  /**
   * dlt: with `timezone` (the default) always TIMESTAMP WITH TIME ZONE (a precision is ignored,
   * dlt warns); without it, TIMESTAMP_S / _MS / TIMESTAMP / _NS for precision 0 / 3 / 6 / 9.
   */
  protected override timestampType(column: ColumnSchema, table: TableSchema): string {
    if (column.timezone ?? true) return DUCKDB_TYPES.timestamp
    const type = TIMESTAMP_BY_PRECISION[column.precision ?? 6]
    if (type) return type
    throw new TerminalError(
      `Column "${column.name}" of table "${table.name}": DuckDB has no timestamp with precision ${column.precision}`,
    )
  }

  /**
   * `INSERT INTO target (…) SELECT … FROM read_json([files], columns = {…})`: DuckDB parses the
   * files itself, in one pass over the list, typed by the table's columns, so keys missing from a row (or from the whole file) load
   * as NULL. The encodings of `storage/writers/encode-row.ts` need no help except binary, which
   * is base64 text in the file, and decimals wider than 18 digits (see `wideDecimalCast`).
   */
  jsonlInsertSql(target: string, table: TableSchema, filePaths: readonly string[]): string {
    const columns = completeColumns(table)
    if (columns.length === 0) {
      throw new TypeError(`Table "${table.name}" has no column with a data type to load`)
    }
    const types = columns.map((column) => this.columnType(column, table))
    const readTypes = columns.map((column, index) => {
      const type =
        column.data_type === 'binary' || wideDecimal(types[index]!) ? 'VARCHAR' : types[index]!
      return `${this.escapeLiteral(column.name)}: ${this.escapeLiteral(type)}`
    })
    const selected = columns.map((column, index) => {
      const name = this.quoteIdentifier(column.name)
      if (column.data_type === 'binary') return `from_base64(${name}) AS ${name}`
      const wide = wideDecimal(types[index]!)
      return wide ? `${wideDecimalCast(name, types[index]!, wide.scale)} AS ${name}` : name
    })
    const names = columns.map((column) => this.quoteIdentifier(column.name)).join(', ')
    return (
      `INSERT INTO ${target} (${names}) SELECT ${selected.join(', ')} FROM read_json(` +
      `[${filePaths.map((path) => this.escapeLiteral(path)).join(', ')}], ` +
      `format = 'newline_delimited', ` +
      `columns = {${readTypes.join(', ')}})`
    )
  }
}

/** `DECIMAL(p,s)` with p > 18 (stored as a 128-bit integer) and s <= 18: its scale. */
function wideDecimal(type: string): { scale: number } | undefined {
  const match = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type)
  if (!match) return undefined
  const precision = Number(match[1])
  const scale = Number(match[2])
  return precision > 18 && scale <= 18 ? { scale } : undefined
}

/**
 * The text of a decimal as `type`, a DECIMAL wider than 18 digits. DuckDB (1.5) casts text to such
 * a DECIMAL ~100x slower than to one of at most 18 digits (200k values: 2.8 s against 30 ms; dlt's
 * default `decimal` is DECIMAL(38,9)), so values that fit 18 digits at the column's scale go
 * through DECIMAL(18,scale), exactly; the others (TRY_CAST gives NULL) through the wide cast.
 */
function wideDecimalCast(name: string, type: string, scale: number): string {
  return `coalesce(TRY_CAST(${name} AS DECIMAL(18,${scale})), CAST(${name} AS ${type}))`
}
