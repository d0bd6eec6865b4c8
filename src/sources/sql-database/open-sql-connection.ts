/**
 * @module Opens a connection to the source database with the driver its dialect needs, imported
 * on first use (`pg` + `pg-copy-streams`, `mysql2` or `better-sqlite3`).
 */
import type { SqlCredentials } from './resolve-sql-settings.js'
import type { SqlSourceConnection } from './sql-source-connection.js'

/** Opens a connection for `credentials`; the caller closes it. */
export async function openSqlConnection({
  credentials,
  dialect,
}: SqlCredentials): Promise<SqlSourceConnection> {
  if (dialect === 'sqlite') {
    const { openSqliteConnection } = await import('./sqlite-source-connection.js')
    return openSqliteConnection(credentials)
  }
  if (dialect === 'mysql') {
    const { openMysqlConnection } = await import('./mysql-source-connection.js')
    return openMysqlConnection(credentials)
  }
  const { openPgConnection } = await import('./pg-source-connection.js')
  return openPgConnection(credentials)
}

/** Runs `fn` on a new connection and closes it, also when `fn` throws. */
export async function withSqlConnection<T>(
  credentials: SqlCredentials,
  fn: (connection: SqlSourceConnection) => Promise<T>,
): Promise<T> {
  const connection = await openSqlConnection(credentials)
  try {
    return await fn(connection)
  } finally {
    await connection.close()
  }
}
