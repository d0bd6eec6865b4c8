/**
 * @module The options of `sqlDatabase()` and `sqlTable()`, named as dlt's `sql_database` /
 * `sql_table` arguments in camelCase, with their callbacks' types.
 */
import type {
  ConfigProvider,
  ConnectionStringCredentials,
  ConnectionStringCredentialsInit,
} from '../../config/index.js'
import type { IncrementalContext, IncrementalSpec } from '../../extract/incremental/index.js'
import type { SourceOptions } from '../../extract/source.js'
import type { WriteDispositionHint } from '../../schema/hints.js'
import type { ReflectionLevel, TypeAdapterCallback } from './column-hints.js'
import type { SqlKeyRanges } from './key-ranges.js'
import type { SqlSelect } from './sql-select.js'
import type { SqlTableSchema } from './sql-table-schema.js'

/**
 * Changes a reflected table before its hints and query are made (dlt's `table_adapter_callback`):
 * drop or reorder `columns`, change a column's `dbType`, or the `primaryKey`. Change the table
 * it gets (a copy) or return a new one.
 */
export type TableAdapterCallback = (table: SqlTableSchema) => SqlTableSchema | undefined

/**
 * Changes the SELECT of a table (dlt's `query_adapter_callback`): return a changed `SqlSelect`
 * (`{ ...select, where: [...select.where, "deleted_at IS NULL"] }`), or SQL text to run instead.
 * `incremental` is the table's cursor during this run, when it has one.
 */
export type QueryAdapterCallback = (
  select: SqlSelect,
  table: Readonly<SqlTableSchema>,
  incremental: IncrementalContext | undefined,
) => SqlSelect | string

/** What `sqlDatabase()` and `sqlTable()` share. */
export interface SqlReadOptions {
  /**
   * The database: `postgresql://loader:secret@localhost:5432/shop`, `mysql://root@127.0.0.1:3306/shop`
   * (also `postgres://`, `mariadb://` and dlt's `postgresql+psycopg2://`, `mysql+pymysql://`), its
   * parts (`{ drivername, host, port, username, password, database }`) or credentials from
   * `createConnectionStringCredentials`.
   * @default `sources.sql_database.credentials` from configuration
   * (`SOURCES__SQL_DATABASE__CREDENTIALS`, `.dlt/secrets.toml`)
   */
  readonly credentials?: string | ConnectionStringCredentialsInit | ConnectionStringCredentials
  /**
   * The schema (PostgreSQL) or database (MySQL) the tables are in.
   * @default the connection's: `current_schema()` (usually `public`) / the database of the URL
   */
  readonly schema?: string
  /** Rows per page a table yields; each page is read only when extract asks for it. @default 50000 */
  readonly chunkSize?: number
  /** How much of each table's schema becomes hints. @default 'full' */
  readonly reflectionLevel?: ReflectionLevel
  /**
   * Reflect each table when it is read, not when the source is created (no connection at
   * creation). `sqlDatabase` then needs `tableNames`. The reflected hints then reach the schema
   * with the first page. @default false
   */
  readonly deferTableReflect?: boolean
  /** Changes each reflected table (columns to read, their types, the key). @default none */
  readonly tableAdapterCallback?: TableAdapterCallback
  /** Changes how a column's type maps to a dlt type. @default none */
  readonly typeAdapterCallback?: TypeAdapterCallback
  /** Changes the SELECT of each table. @default none */
  readonly queryAdapterCallback?: QueryAdapterCallback
  /**
   * Connections that read one table at once, each a range of its key — `partitions.column`, else
   * a primary key of one integer column — in one shared snapshot, so the rows are those one
   * connection reads, in no particular order. PostgreSQL only (one backend writes a table's rows
   * on one core; more backends use more of the server's cores, worth it when the server, not this
   * process, is what a read waits for). A table without such a key, an incremental cursor with
   * `rowOrder` and a `queryAdapterCallback` that returns SQL text read with one; a query adapter
   * is called once per range (its `LIMIT` applies to each).
   * @default 1, as dlt
   */
  readonly connections?: number
  /**
   * Where credentials come from when `credentials` is not given.
   * @default createProviders(): environment, `.dlt/secrets.toml`, `.dlt/config.toml`
   */
  readonly providers?: readonly ConfigProvider[]
}

/** Options of `sqlTable()`. */
export interface SqlTableOptions extends SqlReadOptions {
  /** The table (or view) to read, as named in the database. */
  readonly table: string
  /** The resource's name and default table name. @default `table` */
  readonly name?: string
  /**
   * Incremental loading on a column: `dlt.incremental({ cursorPath: 'updated_at' })`. The range
   * goes into the query's WHERE (and ORDER BY, with `rowOrder`).
   */
  readonly incremental?: IncrementalSpec<any>
  /** Read only these columns. @default all */
  readonly includedColumns?: readonly string[]
  /** Leave these columns out. @default none */
  readonly excludedColumns?: readonly string[]
  /** @default 'append' */
  readonly writeDisposition?: WriteDispositionHint
  /** The key (overrides the reflected primary key). @default the table's primary key */
  readonly primaryKey?: string | readonly string[]
  /** @default none */
  readonly mergeKey?: string | readonly string[]
  /**
   * Reads the table in `count` ranges of the numeric `column` (best an indexed integer key), cut
   * between its MIN and MAX when a distributed run is planned: a task per range
   * (docs/scale-out.md). A single-process run reads the table whole.
   * @default none
   */
  readonly partitions?: SqlKeyRanges
}

/** Options of `sqlDatabase()`. */
export interface SqlDatabaseOptions extends SqlReadOptions, Omit<SourceOptions, 'name'> {
  /** The tables (or views) to read. @default every table of `schema` */
  readonly tableNames?: readonly string[]
  /** Also read the schema's views when `tableNames` is not given. @default false */
  readonly includeViews?: boolean
  /** The source's name: its schema's name and its state key. @default 'sql_database' */
  readonly name?: string
}

/** dlt's default `chunk_size`. */
export const DEFAULT_CHUNK_SIZE = 50_000
