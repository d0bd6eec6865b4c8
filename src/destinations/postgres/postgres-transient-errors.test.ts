import { describe, expect, it } from 'vitest'
import { isTransientPostgresError } from './postgres-transient-errors.js'

/** An error as `pg` or Node raise it: a message and, for most, a `code`. */
const driverError = (message: string, code?: string, cause?: unknown): Error =>
  Object.assign(new Error(message, cause === undefined ? {} : { cause }), code ? { code } : {})

describe('isTransientPostgresError', () => {
  it.each([
    ['08000 connection_exception', driverError('connection exception', '08000')],
    ['08006 connection_failure', driverError('connection failure', '08006')],
    ['08001 unable to establish', driverError('could not connect', '08001')],
    [
      '57P01 admin_shutdown',
      driverError('terminating connection due to administrator command', '57P01'),
    ],
    ['57P02 crash_shutdown', driverError('terminating connection because of crash', '57P02')],
    ['57P03 cannot_connect_now', driverError('the database system is starting up', '57P03')],
    ['53300 too_many_connections', driverError('sorry, too many clients already', '53300')],
    ['40001 serialization_failure', driverError('could not serialize access', '40001')],
    ['40P01 deadlock_detected', driverError('deadlock detected', '40P01')],
    ['55P03 lock_not_available', driverError('canceling statement due to lock timeout', '55P03')],
    ['ECONNRESET', driverError('read ECONNRESET', 'ECONNRESET')],
    ['ECONNREFUSED', driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['EPIPE', driverError('write EPIPE', 'EPIPE')],
    ['ETIMEDOUT', driverError('connect ETIMEDOUT', 'ETIMEDOUT')],
    ['pg: connection ended', driverError('Connection terminated unexpectedly')],
    [
      'pg: broken client',
      driverError('Client has encountered a connection error and is not queryable'),
    ],
    [
      'pg-pool: connect timeout, socket error as cause',
      driverError('Connection terminated due to connection timeout', undefined, driverError('x')),
    ],
    ['a wrapped reset', driverError('query failed', undefined, driverError('read', 'ECONNRESET'))],
  ])('classes %s as transient', (_name, error) => {
    expect(isTransientPostgresError(error)).toBe(true)
  })

  it.each([
    ['23505 unique_violation', driverError('duplicate key value', '23505')],
    ['42P07 duplicate_table', driverError('relation "items" already exists', '42P07')],
    ['22P02 invalid_text_representation', driverError('invalid input syntax', '22P02')],
    ['28P01 invalid_password', driverError('password authentication failed', '28P01')],
    ['42601 syntax_error', driverError('syntax error at or near', '42601')],
    ['57014 query_canceled', driverError('canceling statement due to user request', '57014')],
    ['ENOTFOUND', driverError('getaddrinfo ENOTFOUND db', 'ENOTFOUND')],
    ['a code that only starts like class 08', driverError('odd', '08')],
    ['an error without a code', new Error('Connection terminated')],
    ['a string', 'ECONNRESET'],
    ['null', null],
    ['undefined', undefined],
  ])('classes %s as terminal', (_name, error) => {
    expect(isTransientPostgresError(error)).toBe(false)
  })

  it('stops following a cause chain that loops', () => {
    const error = driverError('outer')
    ;(error as { cause?: unknown }).cause = error
    expect(isTransientPostgresError(error)).toBe(false)
  })
})
