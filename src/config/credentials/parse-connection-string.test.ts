import { describe, expect, it } from 'vitest'
import { InvalidConnectionStringError } from '../config-errors.js'
import { parseConnectionString, renderConnectionString } from './parse-connection-string.js'

describe('parseConnectionString', () => {
  const cases: readonly [string, object][] = [
    [
      'postgresql://loader:pass@localhost:5432/dlt_data',
      {
        drivername: 'postgresql',
        username: 'loader',
        password: 'pass',
        host: 'localhost',
        port: 5432,
        database: 'dlt_data',
      },
    ],
    [
      'postgresql+psycopg2://u:p%40ss%2Fword@db.example.com/db?sslmode=require&options=a&options=b',
      {
        drivername: 'postgresql+psycopg2',
        username: 'u',
        password: 'p@ss/word',
        host: 'db.example.com',
        database: 'db',
        query: { sslmode: 'require', options: ['a', 'b'] },
      },
    ],
    [
      'mysql://u:p@ss@host/db',
      { drivername: 'mysql', username: 'u', password: 'p@ss', host: 'host', database: 'db' },
    ],
    [
      'postgresql://[::1]:5433/db',
      { drivername: 'postgresql', host: '::1', port: 5433, database: 'db' },
    ],
    ['duckdb:///data/x.duckdb', { drivername: 'duckdb', database: 'data/x.duckdb' }],
    [
      'snowflake://user@account/db',
      { drivername: 'snowflake', username: 'user', host: 'account', database: 'db' },
    ],
    [
      'postgresql://u:@host/db',
      { drivername: 'postgresql', username: 'u', password: '', host: 'host', database: 'db' },
    ],
  ]
  for (const [text, want] of cases) {
    it(text, () => expect(parseConnectionString(text)).toEqual(want))
  }

  const bad = [
    'localhost:5432/db',
    'postgresql://h:99999/db',
    'postgresql://[::1/db',
    'postgresql://u:%E0%A4%A@h/db',
  ]
  for (const text of bad) {
    it(`refuses ${text}`, () =>
      expect(() => parseConnectionString(text)).toThrow(InvalidConnectionStringError))
  }
})

describe('renderConnectionString', () => {
  it('round-trips and hides the password on request', () => {
    const text = 'postgresql://u%40x:p%2Fw@[::1]:5432/db?a=1&b=x%20y'
    const parts = parseConnectionString(text)
    expect(renderConnectionString(parts, true)).toBe(text)
    expect(renderConnectionString(parts, false)).toBe(
      'postgresql://u%40x:***@[::1]:5432/db?a=1&b=x%20y',
    )
  })
})
