/**
 * @module The PostgreSQL server the tests run against: `PG_CONNECTION_STRING` if set, otherwise
 * the machine's server on 127.0.0.1:5432 (user `postgres`, trust auth, database `postgres`).
 * `findPostgres()` connects with a short retry loop and, when no server answers, says why, so the
 * test file can skip with that reason. Each test file names its datasets `test_<random>` and drops
 * them (and their `_staging` twins) in `afterAll`.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The server to test against. */
export const PG_CONNECTION_STRING =
  process.env['PG_CONNECTION_STRING'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

const ATTEMPTS = 5
const RETRY_DELAY_MS = 200

/** Undefined when the server answers; otherwise why it could not be used. */
export async function findPostgres(): Promise<string | undefined> {
  let lastError = ''
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const client = new pg.Client({
      connectionString: PG_CONNECTION_STRING,
      connectionTimeoutMillis: 2000,
    })
    try {
      await client.connect()
      await client.query('SELECT 1')
      return undefined
    } catch (error) {
      lastError = (error as Error).message
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS))
    } finally {
      await client.end().catch(() => {
        // never connected: nothing to close
      })
    }
  }
  const where = process.env['PG_CONNECTION_STRING']
    ? 'PG_CONNECTION_STRING'
    : '127.0.0.1:5432 (set PG_CONNECTION_STRING to use another server)'
  return `no PostgreSQL server at ${where}: ${lastError}`
}

/** A fresh dataset name, `test_<random>[_<label>]`, short enough for its `_staging` twin. */
export function testDatasetName(label = ''): string {
  const name = `test_${randomBytes(5).toString('hex')}${label ? `_${label}` : ''}`
  return name.slice(0, 63 - '_staging'.length)
}

/** Runs `sql` on a connection of its own. */
export async function adminQuery(
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: PG_CONNECTION_STRING })
  await client.connect()
  try {
    return (await client.query(sql, params)).rows
  } finally {
    await client.end()
  }
}

/** Drops the schemas of `datasets` and of their staging datasets. */
export async function dropDatasets(datasets: Iterable<string>): Promise<void> {
  const names = [...datasets].flatMap((name) => [name, `${name}_staging`])
  if (names.length === 0) return
  const list = names.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ')
  await adminQuery(`DROP SCHEMA IF EXISTS ${list} CASCADE`)
}
