/**
 * @module The MySQL or MariaDB server the tests run against: `MYSQL_URL` if set, otherwise the
 * machine's server on 127.0.0.1:3306 (root, empty password, database `test`). `findMysql()`
 * connects with a short retry loop and, when no server answers, says why, so the test file can
 * skip with that reason. Each test file names its datasets `test_<random>` and drops them (and
 * their `_staging` twins) in `afterAll`.
 */
import { randomBytes } from 'node:crypto'
import mysql from 'mysql2/promise'

/** The server to test against. */
export const MYSQL_URL = process.env['MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test'

const ATTEMPTS = 3
const RETRY_DELAY_MS = 200

/** Undefined when the server answers; otherwise why it could not be used. */
export async function findMysql(): Promise<string | undefined> {
  let lastError = ''
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const connection = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 2000 })
      await connection.query('SELECT 1')
      await connection.end()
      return undefined
    } catch (error) {
      lastError = (error as Error).message
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS))
    }
  }
  const where = process.env['MYSQL_URL']
    ? 'MYSQL_URL'
    : '127.0.0.1:3306 (set MYSQL_URL to use another server)'
  return `no MySQL/MariaDB server at ${where}: ${lastError}`
}

/** A fresh dataset name, `test_<random>[_<label>]`, short enough for its `_staging` twin. */
export function testDatasetName(label = ''): string {
  const name = `test_${randomBytes(5).toString('hex')}${label ? `_${label}` : ''}`
  return name.slice(0, 64 - '_staging'.length)
}

/** Runs `sql` on a connection of its own. */
export async function adminQuery(
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const connection = await mysql.createConnection({ uri: MYSQL_URL, timezone: 'Z' })
  try {
    return (await connection.query(sql, params))[0] as Record<string, unknown>[]
  } finally {
    await connection.end()
  }
}

/** Drops the databases of `datasets` and of their staging datasets. */
export async function dropDatasets(datasets: Iterable<string>): Promise<void> {
  for (const name of [...datasets].flatMap((dataset) => [dataset, `${dataset}_staging`])) {
    await adminQuery(`DROP DATABASE IF EXISTS \`${name.replaceAll('`', '``')}\``)
  }
}
