import { describe, expect, it } from 'vitest'
import { ConnectionStringSchemeError } from '../../config/index.js'
import { validatePostgresConfig } from './postgres-destination-config.js'

describe('postgres credentials schemes', () => {
  const accepted = [
    'postgresql://loader:pw@localhost:5432/dlt_data',
    'postgres://loader:pw@localhost/dlt_data',
    'postgresql+psycopg2://loader:pw@localhost/dlt_data',
    'POSTGRESQL://loader@localhost/dlt_data',
  ]
  for (const url of accepted) {
    it(`accepts ${url}`, () => {
      expect(validatePostgresConfig({ credentials: url }).credentials).toBeDefined()
    })
  }

  const refused: readonly [string | { drivername: string; host: string }, string, string][] = [
    ['mysql://loader:Secret123@db:3306/shop', 'mysql', 'mysql://loader:***@db:3306/shop'],
    ['mysql+pymysql://loader:Secret123@db/shop', 'mysql+pymysql', 'mysql+pymysql://loader:***@db'],
    ['redshift://loader:Secret123@cluster/dev', 'redshift', 'redshift://loader:***@cluster/dev'],
    ['duckdb:///data/x.duckdb', 'duckdb', 'duckdb:///data/x.duckdb'],
    [{ drivername: 'mssql', host: 'db' }, 'mssql', 'mssql://db'],
  ]
  for (const [credentials, scheme, shown] of refused) {
    it(`refuses ${JSON.stringify(credentials)}, naming "${scheme}"`, () => {
      let error: unknown
      try {
        validatePostgresConfig({ credentials })
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ConnectionStringSchemeError)
      const { message } = error as Error
      expect(message).toContain(`scheme "${scheme}"`)
      expect(message).toContain(shown)
      expect(message).toContain('it accepts postgresql:// or postgres://')
      expect(message).not.toContain('Secret123')
      expect((error as ConnectionStringSchemeError).accepted).toEqual(['postgresql', 'postgres'])
    })
  }
})
