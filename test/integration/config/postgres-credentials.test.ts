/**
 * A pipeline with `destination: 'postgres'` and wrong or missing credentials fails before it
 * extracts anything, with a message that says what to set (and not 40 keys it tried) and never
 * shows the password. Needs no server: the failure comes before a connection is opened.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'

let dir: string
const saved = { ...process.env }

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlt-ts-pg-credentials-'))
  // no .dlt folder and no credentials in the environment: only what a test sets
  for (const name of Object.keys(process.env)) {
    if (/CREDENTIALS|^DLT_|^PG_/.test(name)) delete process.env[name]
  }
  process.env['DLT_PROJECT_DIR'] = dir
  process.env['DLT_DATA_DIR'] = join(dir, 'global')
})
afterEach(() => {
  process.env = { ...saved }
  rmSync(dir, { recursive: true, force: true })
})

async function runPostgres(): Promise<{ error: Error; pipeline: dlt.Pipeline }> {
  const pipeline = dlt.pipeline({
    pipelineName: 'pg_credentials',
    destination: 'postgres',
    pipelinesDir: join(dir, 'pipelines'),
  })
  const error = await pipeline.run([{ id: 1 }], { tableName: 'items' }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(Error)
  return { error: error as Error, pipeline }
}

describe('destination "postgres" without credentials', () => {
  it('fails before extract with the one or two keys to set, and the full list on demand', async () => {
    const { error, pipeline } = await runPostgres()
    const cause = error.cause as dlt.ConfigFieldMissingError
    expect(cause).toBeInstanceOf(dlt.ConfigFieldMissingError)
    expect(error.message).toContain(
      'Set the environment variable DESTINATION__POSTGRES__CREDENTIALS, or add to .dlt/secrets.toml:\n' +
        '    [destination.postgres]\n' +
        '    credentials = "postgresql://username:password@host:port/database"',
    )
    expect(error.message.split('\n').length).toBeLessThanOrEqual(10)
    expect(error.message).not.toContain('PG_CREDENTIALS__DESTINATION__POSTGRES__CREDENTIALS__HOST')
    expect(cause.lookedUp).toContain('PG_CREDENTIALS__DESTINATION__POSTGRES__CREDENTIALS__HOST')
    expect(cause.describeLookups()).toContain('was looked up in this order')
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
  })

  it('lists every key tried when DLT_TS_DEBUG=1, once', async () => {
    process.env['DLT_TS_DEBUG'] = '1'
    const { error } = await runPostgres()
    const key = 'PG_CREDENTIALS__DESTINATION__POSTGRES__CREDENTIALS__HOST'
    const cause = error.cause as Error
    expect(cause.message.split(key).length - 1).toBe(1)
  })
})

describe('destination "postgres" with a connection string of another scheme', () => {
  it('names the scheme and the accepted ones, with the password masked', async () => {
    process.env['DESTINATION__POSTGRES__CREDENTIALS'] =
      'mysql://loader:Sup3rS3cret@db.local:3306/shop'
    const { error, pipeline } = await runPostgres()
    expect(error.message).toContain('"mysql"')
    expect(error.message).toContain('postgresql://')
    expect(error.message).toContain('postgres://')
    expect(error.message).toContain('mysql://loader:***@db.local:3306/shop')
    expect(error.message).not.toContain('Sup3rS3cret')
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('Sup3rS3cret')
    expect(pipeline.pendingPackages()).toEqual({ extracted: [], normalized: [] })
  })

  it('refuses it in dlt.destinations.postgres() too, when it is created', () => {
    expect(() => dlt.destinations.postgres({ credentials: 'mysql://u:pw12345678@h/db' })).toThrow(
      /scheme "mysql".*postgresql:\/\/ or postgres:\/\//,
    )
  })
})
