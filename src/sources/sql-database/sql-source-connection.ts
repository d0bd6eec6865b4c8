/**
 * @module The contract between the SQL database source and a database driver: find the default
 * schema, list and reflect tables, stream a SELECT in chunks, close — and, where the database can,
 * share one snapshot between connections that read a table together (`split-read.ts`). One implementation per
 * driver (`pg-source-connection.ts`, `mysql-source-connection.ts`), loaded with `import()` so that
 * `pg` and `mysql2` stay optional peers.
 */
import type { CopyTextPage } from '../../extract/copy-text-page.js'
import type { JsonLines } from '../../extract/json-lines.js'
import type { SqlDialectName } from './sql-dialect-name.js'
import type { SqlSelect } from './sql-select.js'
import type { SqlTableSchema } from './sql-table-schema.js'

/** A chunk of rows: copy text or JSON lines (PostgreSQL's COPY) or row objects (MySQL, SQLite). */
export type RowChunk = CopyTextPage | JsonLines | Record<string, unknown>[]

/** The rows of `chunk` as objects (a page is parsed). */
export function chunkRows(chunk: RowChunk): Record<string, unknown>[] {
  return Array.isArray(chunk) ? chunk : (chunk.parse() as Record<string, unknown>[])
}

/** One open connection to the source database. */
export interface SqlSourceConnection {
  readonly dialect: SqlDialectName
  /** The schema unqualified names resolve to: `current_schema()` / `DATABASE()`. */
  defaultSchema(): Promise<string>
  /** The tables (and, with `includeViews`, views) of `schema`, sorted by name. */
  listTables(schema: string, includeViews: boolean): Promise<string[]>
  /** The tables of `schema` named in `names` that exist, with their columns and primary keys. */
  reflect(schema: string, names: readonly string[]): Promise<SqlTableSchema[]>
  /**
   * Runs `select` (or the SQL a query adapter returned) for `table` and yields its rows in chunks
   * of about `chunkSize` rows, reading the next rows only when the consumer asks for them.
   */
  readRows(
    query: SqlSelect | string,
    table: SqlTableSchema,
    chunkSize: number,
  ): AsyncIterable<RowChunk>
  /**
   * Begins a read-only transaction and exports its snapshot, so that other connections read
   * exactly the data this one reads (`importSnapshot`). Undefined when the database refuses (a
   * standby that cannot export one); only PostgreSQL has it.
   */
  exportSnapshot?(): Promise<string | undefined>
  /** Begins a read-only transaction on a snapshot another connection exported. */
  importSnapshot?(snapshot: string): Promise<void>
  /** Closes the connection; never throws. */
  close(): Promise<void>
}
