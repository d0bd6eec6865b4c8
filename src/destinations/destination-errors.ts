/**
 * @module Errors a destination raises: a failed query (SQL kept as a property, never in the
 * message), a connection that could not be opened, and a merge the table's hints cannot express.
 */
import { TerminalError, TransientError } from '../errors/dlt-error.js'

/** Where a query ran; every field is optional because not every statement belongs to a table. */
export interface QueryErrorContext {
  readonly destination: string
  readonly dataset?: string
  readonly table?: string
  /** What to do about it, appended to the message. */
  readonly hint?: string
}

/**
 * A statement failed at the destination (bad data, a type mismatch, a missing relation).
 * `sql` and `params` are properties rather than part of the message: they can be long and can
 * hold data values.
 */
export class DestinationQueryError extends TerminalError {
  override name = 'DestinationQueryError'
  readonly sql: string
  readonly params: readonly unknown[]
  readonly destination: string
  readonly dataset: string | undefined
  readonly table: string | undefined

  constructor(
    sql: string,
    params: readonly unknown[],
    context: QueryErrorContext,
    options: ErrorOptions & { cause: Error },
  ) {
    super(queryErrorMessage(context, options.cause), options)
    this.sql = sql
    this.params = params
    this.destination = context.destination
    this.dataset = context.dataset
    this.table = context.table
  }
}

/**
 * A statement failed for a reason a retry may fix: the connection was lost (reset, terminated by
 * the server), the server refused connections for now, or the transaction lost a serialization
 * conflict or a deadlock. It carries what `DestinationQueryError` carries, plus the driver's code;
 * `SqlClientBase` raises it when the destination's client classes a driver error as transient.
 */
export class TransientQueryError extends TransientError {
  override name = 'TransientQueryError'
  readonly sql: string
  readonly params: readonly unknown[]
  readonly destination: string
  readonly dataset: string | undefined
  readonly table: string | undefined
  /** The driver's code: a SQLSTATE (`57P01`) or a Node socket code (`ECONNRESET`), if any. */
  readonly code: string | undefined

  constructor(
    sql: string,
    params: readonly unknown[],
    context: QueryErrorContext,
    options: ErrorOptions & { cause: Error },
  ) {
    super(queryErrorMessage(context, options.cause), options)
    this.sql = sql
    this.params = params
    this.destination = context.destination
    this.dataset = context.dataset
    this.table = context.table
    const { code } = options.cause as { code?: unknown }
    this.code = typeof code === 'string' ? code : undefined
  }
}

/** `Query failed for table "t" in dataset "d" at destination x: <cause>` (and the hint). */
function queryErrorMessage(context: QueryErrorContext, cause: Error): string {
  const where = context.table ? ` for table "${context.table}"` : ''
  const dataset = context.dataset ? ` in dataset "${context.dataset}"` : ''
  const hint = context.hint ? `\n${context.hint}` : ''
  return `Query failed${where}${dataset} at destination ${context.destination}: ${cause.message}${hint}`
}

/** The destination could not be opened (e.g. a DuckDB file locked by another process). */
export class DestinationConnectionError extends TransientError {
  override name = 'DestinationConnectionError'
  readonly destination: string
  /** Credentials-free description of what was opened, e.g. the DuckDB file path. */
  readonly location: string

  /**
   * @param hint what to do, ending the message
   * @default 'If another process holds the database, close it and run again.'
   */
  constructor(
    destination: string,
    location: string,
    options: ErrorOptions & { cause: Error; hint?: string },
  ) {
    const hint = options.hint ?? 'If another process holds the database, close it and run again.'
    super(
      `Could not open destination ${destination} at ${location}: ${options.cause.message}. ${hint}`,
      { cause: options.cause },
    )
    this.destination = destination
    this.location = location
  }
}

/**
 * A merge follow-up cannot be generated from the table chain's hints (dlt's
 * `MergeDispositionException`), e.g. a nested table without a root key.
 */
export class MergeDispositionError extends TerminalError {
  override name = 'MergeDispositionError'
  readonly table: string
  readonly strategy: string

  constructor(table: string, strategy: string, reason: string) {
    super(`Merge strategy "${strategy}" cannot be applied to table "${table}": ${reason}`)
    this.table = table
    this.strategy = strategy
  }
}
