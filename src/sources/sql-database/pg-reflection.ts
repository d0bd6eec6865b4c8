/**
 * @module PostgreSQL's catalog queries of the source: tables of a schema, their columns and
 * primary keys. They read `pg_catalog`, not `information_schema`, so a table the user may not
 * read is still found (reading it then fails with "permission denied", which says more than "not
 * found").
 */
import type { SqlColumn } from './sql-table-schema.js'

/** Tables (`$2`: the `relkind`s) of schema `$1`, by name. */
export const PG_TABLES_SQL = `SELECT c.relname AS name FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relkind::text = ANY($2) ORDER BY c.relname`

/** The `relkind`s of tables (plain, partitioned, foreign) and of views (plain, materialized). */
export const PG_TABLE_KINDS = ['r', 'p', 'f'] as const
export const PG_VIEW_KINDS = ['v', 'm'] as const

/** Columns of the tables `$2` of schema `$1`, in table and column order. */
export const PG_COLUMNS_SQL = `SELECT c.relname AS table_name, a.attname AS column_name,
    format_type(a.atttypid, NULL) AS db_type, format_type(a.atttypid, a.atttypmod) AS column_type,
    t.typcategory AS category, a.atttypmod AS typmod, NOT a.attnotnull AS nullable
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  WHERE n.nspname = $1 AND c.relname = ANY($2) AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY c.relname, a.attnum`

/** Primary key columns of the tables `$2` of schema `$1`, in key order. */
export const PG_KEYS_SQL = `SELECT c.relname AS table_name, a.attname AS column_name
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
  WHERE i.indisprimary AND n.nspname = $1 AND c.relname = ANY($2)
  ORDER BY c.relname, k.ord`

/** A row of `PG_COLUMNS_SQL` as a column: arrays as `array`, numeric precision and scale, lengths. */
export function pgColumn(row: Record<string, unknown>): SqlColumn {
  const isArray = row['category'] === 'A'
  const dbType = isArray ? 'array' : String(row['db_type'])
  const typmod = Number(row['typmod'])
  const column: SqlColumn = {
    name: String(row['column_name']),
    dbType,
    columnType: String(row['column_type']),
    nullable: row['nullable'] === true,
  }
  // the type modifier packs numeric(p, s) as ((p << 16) | s) + 4 and varchar(n) as n + 4
  if (dbType === 'numeric' && typmod >= 4) {
    column.precision = ((typmod - 4) >> 16) & 0xffff
    column.scale = (typmod - 4) & 0xffff
  }
  if ((dbType === 'character varying' || dbType === 'character') && typmod >= 4) {
    column.length = typmod - 4
  }
  return column
}
