/**
 * @module `SqlDialect`: the few facts about a SQL database that the shared SQL layer
 * (`destinations/sql/`) needs to write DDL and merge statements: identifier quoting, literal
 * escaping and the mapping of dlt's data types to column types. `DefaultSqlGenerator` implements
 * it; a destination's generator overrides what differs.
 */
import type { ColumnSchema, TableSchema } from '../../schema/schema-types.js'

/** Quoting, escaping and type mapping of one SQL database. */
export interface SqlDialect {
  /** `name` as a quoted identifier, e.g. `"my ""table"""`. */
  quoteIdentifier(name: string): string
  /** `value` as a SQL literal: strings quoted, booleans and numbers as keywords/digits, `NULL`. */
  escapeLiteral(value: unknown): string
  /** The column type for `column` of `table`, e.g. `TIMESTAMP WITH TIME ZONE`. */
  columnType(column: ColumnSchema, table: TableSchema): string
  /** A timestamp literal for an ISO-8601 instant (used for scd2 validity boundaries). */
  timestampLiteral(iso: string): string
  /**
   * `ORDER BY` expression of the staging de-duplication when no `dedup_sort` column is set.
   * dlt uses `(SELECT NULL)`, which keeps an arbitrary row per key.
   */
  readonly defaultDedupOrderBy: string
  /** True if `ALTER TABLE … ADD COLUMN … NOT NULL` is accepted. */
  readonly supportsAddColumnNotNull: boolean
  /**
   * Constraints written after the column type from the column's hints (dlt's `active_hints`, e.g.
   * `UNIQUE` for `unique` on PostgreSQL with `create_indexes`). Absent or `''`: none.
   */
  columnHintsSql?(column: ColumnSchema): string
  /**
   * `DELETE FROM table AS alias`, the head of a `DELETE` whose `WHERE` refers to `alias`. Absent:
   * that standard form; MariaDB takes an alias only in its multi-table form (`DELETE d FROM …`).
   */
  deleteFromAliasedSql?(qualifiedTable: string, alias: string): string
  /**
   * Drops a temporary table of a merge. Absent: `DROP TABLE IF EXISTS`; MySQL needs
   * `DROP TEMPORARY TABLE`, since a plain `DROP TABLE` commits the load's transaction.
   */
  dropTemporaryTableSql?(quotedName: string): string
  /**
   * Column definitions added to every staging table after the schema's columns (e.g. a sequence
   * that `defaultDedupOrderBy` orders by, where the database has no row id). Absent: none.
   */
  readonly stagingColumnsSql?: readonly string[]
  /**
   * False for a database without `MERGE` (MySQL, SQLite): `upsert` and `insert-only` are then
   * written as delete, update and insert statements (`upsert-without-merge-sql.ts`). Absent: true.
   */
  readonly supportsMerge?: boolean
  /**
   * `UPDATE target AS d … FROM source AS s WHERE on` setting `columns` (quoted) from `s`, where
   * the database spells it otherwise (MySQL: `UPDATE target AS d JOIN source AS s ON … SET …`).
   * Absent: the standard `UPDATE … SET c = s.c FROM … WHERE …`.
   */
  updateFromSql?(target: string, source: string, on: string, columns: readonly string[]): string
}
