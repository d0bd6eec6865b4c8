/**
 * @module Errors of the SQL database source: a table that does not exist, a table the user may not
 * read (or a refused login), a database that cannot be reached and a connection lost while reading
 * (both transient: run again, nothing was loaded), an unsupported database and a cursor column the
 * table lacks. Messages name the table and the database with its
 * password masked, never the password itself.
 */
import { TerminalError, TransientError } from '../../errors/dlt-error.js'

/** Where an error happened: the database (credentials displayed with `***`) and the table. */
export interface SqlSourceErrorContext {
  /** The credentials as they may be shown: `postgresql://loader:***@localhost:5432/shop`. */
  readonly database: string
  /** `schema.table`, when the error concerns one table. */
  readonly table?: string | undefined
}

/** A table named in `tableNames` or `table` is not in the schema. */
export class SqlTableNotFoundError extends TerminalError {
  override name = 'SqlTableNotFoundError'
  /** The tables that do not exist. */
  readonly missing: readonly string[]
  /** The tables (and views) the schema has. */
  readonly available: readonly string[]
  readonly database: string

  constructor(
    schema: string,
    missing: readonly string[],
    available: readonly string[],
    database: string,
  ) {
    const names = missing.map((name) => `"${name}"`).join(', ')
    const what =
      missing.length === 1 ? `Table ${names} does not exist` : `Tables ${names} do not exist`
    const listed = available.length === 0 ? 'none' : available.join(', ')
    super(
      `${what} in schema "${schema}" of ${database}; the schema has: ${listed}. ` +
        'Check `tableNames` / `table` and `schema` (names are case-sensitive)',
    )
    this.missing = Object.freeze([...missing])
    this.available = Object.freeze([...available])
    this.database = database
  }
}

/** The database refused to read a table or to log in: a grant or a credential is missing. */
export class SqlPermissionError extends TerminalError {
  override name = 'SqlPermissionError'
  readonly database: string
  readonly table: string | undefined

  constructor(
    context: SqlSourceErrorContext,
    detail: string,
    options: ErrorOptions & { readonly login?: boolean },
  ) {
    const where = context.table === undefined ? '' : ` table "${context.table}" of`
    super(
      options.login
        ? `Login refused by ${context.database}: ${detail}. Check the username and password of ` +
            '`credentials` (or sources.sql_database.credentials)'
        : `Permission denied reading${where} ${context.database}: ${detail}. ` +
            'Grant the user SELECT on the table (and USAGE on its schema), or leave the table out',
      options,
    )
    this.database = context.database
    this.table = context.table
  }
}

/**
 * The connection was lost while reading (the server ended it, the network dropped it). Nothing of
 * the run was loaded and no cursor moved: run the pipeline again.
 */
export class SqlConnectionLostError extends TransientError {
  override name = 'SqlConnectionLostError'
  readonly database: string
  readonly table: string | undefined
  /** The driver's code: a SQLSTATE (`57P01`), `PROTOCOL_CONNECTION_LOST`, `ECONNRESET`. */
  readonly code: string | undefined

  constructor(context: SqlSourceErrorContext, code: string | undefined, options: ErrorOptions) {
    const where = context.table === undefined ? '' : ` table "${context.table}" of`
    const detail = (options.cause as Error | undefined)?.message ?? 'connection lost'
    super(
      `Connection lost while reading${where} ${context.database} (${detail}): nothing of this ` +
        'run was loaded; run the pipeline again',
      options,
    )
    this.database = context.database
    this.table = context.table
    this.code = code
  }
}

/**
 * The database could not be reached (refused, timed out, not resolvable): nothing was read. A
 * retry may help once the server is up.
 */
export class SqlConnectError extends TransientError {
  override name = 'SqlConnectError'
  readonly database: string
  /** The driver's code: `ECONNREFUSED`, `ETIMEDOUT`, `ENOTFOUND`, a SQLSTATE. */
  readonly code: string | undefined

  constructor(database: string, code: string | undefined, options: ErrorOptions) {
    const detail = (options.cause as Error | undefined)?.message ?? 'failed'
    super(
      `Could not connect to ${database} (${detail}): check the host and port of \`credentials\` ` +
        'and that the server is running and accepts connections',
      options,
    )
    this.database = database
    this.code = code
  }
}

/** A query of the source failed for another reason: the SQL is kept as a property. */
export class SqlSourceQueryError extends TerminalError {
  override name = 'SqlSourceQueryError'
  readonly database: string
  readonly table: string | undefined
  /** The statement that failed (may hold cursor values; never credentials). */
  readonly sql: string

  constructor(context: SqlSourceErrorContext, sql: string, options: ErrorOptions) {
    const where = context.table === undefined ? '' : ` table "${context.table}" of`
    const detail = (options.cause as Error | undefined)?.message ?? 'failed'
    super(`Reading${where} ${context.database} failed: ${detail}`, options)
    this.database = context.database
    this.table = context.table
    this.sql = sql
  }
}

/** The connection string names a database the source cannot read. */
export class UnsupportedSqlDatabaseError extends TerminalError {
  override name = 'UnsupportedSqlDatabaseError'
  readonly drivername: string

  constructor(drivername: string, database: string) {
    super(
      `The sql_database source cannot read "${drivername}" databases (${database}): use a ` +
        'postgresql://, postgres://, mysql://, mariadb:// or sqlite:/// connection string',
    )
    this.drivername = drivername
  }
}

/** The incremental cursor names a column the table (after adapters) does not have. */
export class SqlCursorColumnError extends TerminalError {
  override name = 'SqlCursorColumnError'

  constructor(table: string, cursorPath: string, columns: readonly string[]) {
    super(
      `Cursor column "${cursorPath}" does not exist in table "${table}"; its columns are ` +
        `${columns.join(', ') || 'none'}. Give \`cursorPath\` a column name of the table`,
    )
  }
}
