/**
 * @module `TransientQueryError`: the retryable twin of `DestinationQueryError`, raised by
 * `SqlClientBase` when the destination's client classes a driver error as transient (a dropped
 * connection, a deadlock). It lives next to the one place that raises it.
 */
import { TransientError } from '../../errors/dlt-error.js'
import type { QueryErrorContext } from '../destination-errors.js'

/**
 * A statement failed for a reason a retry may fix: the connection was lost (reset, terminated by
 * the server), the server refused connections for now, or the transaction lost a serialization
 * conflict or a deadlock. It carries what `DestinationQueryError` carries; `sql` and `params` are
 * properties, never part of the message.
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
    const where = context.table ? ` for table "${context.table}"` : ''
    const dataset = context.dataset ? ` in dataset "${context.dataset}"` : ''
    super(
      `Query failed${where}${dataset} at destination ${context.destination}: ${options.cause.message}`,
      options,
    )
    this.sql = sql
    this.params = params
    this.destination = context.destination
    this.dataset = context.dataset
    this.table = context.table
    const { code } = options.cause as { code?: unknown }
    this.code = typeof code === 'string' ? code : undefined
  }
}
