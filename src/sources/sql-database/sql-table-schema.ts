/**
 * @module The shape of a reflected table as the SQL database source sees it: its columns with
 * their database type, nullability, length, precision and scale, and its primary key. This is
 * what `tableAdapterCallback`, `typeAdapterCallback` and `queryAdapterCallback` receive (dlt hands
 * them SQLAlchemy's `Table` and `TypeEngine`).
 */

/** One column of a source table, as the database describes it. */
export interface SqlColumn {
  /** The column's name, as written in the database. */
  name: string
  /**
   * The database's type name, lower case: `numeric`, `timestamp with time zone`, `jsonb`,
   * `character varying`, `ARRAY` → `array` (PostgreSQL), `tinyint`, `datetime`, `longtext` (MySQL).
   */
  dbType: string
  /** The full declaration where the database gives one: `tinyint(1)`, `int(10) unsigned`, `_int4`. */
  columnType: string
  /** `false` for `NOT NULL` columns. */
  nullable: boolean
  /** Characters or bytes of `varchar(n)`, `char(n)`, `varbinary(n)`; undefined when unlimited. */
  length?: number | undefined
  /** Digits of `numeric(p, s)` (undefined for an unconstrained `numeric`). */
  precision?: number | undefined
  /** Fraction digits of `numeric(p, s)`. */
  scale?: number | undefined
  /** True when the database stores valid JSON in a text column (MariaDB's `JSON` alias). */
  isJson?: boolean | undefined
}

/** A reflected table: `tableAdapterCallback` may change its columns (drop, reorder, retype). */
export interface SqlTableSchema {
  /** The schema (PostgreSQL) or database (MySQL) the table is in. */
  schema: string
  /** The table's name, as written in the database. */
  name: string
  /** The columns to read, in order. */
  columns: SqlColumn[]
  /** The primary key's columns, in key order; empty when the table has none. */
  primaryKey: string[]
}

/** A deep copy of `table`, which callbacks may change freely. */
export function copyTableSchema(table: SqlTableSchema): SqlTableSchema {
  return {
    schema: table.schema,
    name: table.name,
    columns: table.columns.map((column) => ({ ...column })),
    primaryKey: [...table.primaryKey],
  }
}
