/**
 * @module The databases the SQL database source reads, by the connection string's scheme.
 */

/**
 * `postgresql` (PostgreSQL, via `pg`), `mysql` (MySQL and MariaDB, via `mysql2`) or `sqlite`
 * (SQLite files, via `better-sqlite3`).
 */
export type SqlDialectName = 'postgresql' | 'mysql' | 'sqlite'

const SCHEMES: Readonly<Record<string, SqlDialectName>> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
}

/**
 * The dialect of a connection string's driver name (`postgresql+psycopg2` and `mysql+pymysql`,
 * as dlt writes them, count too); `undefined` for other databases.
 */
export function dialectOf(drivername: string): SqlDialectName | undefined {
  const [scheme = ''] = drivername.toLowerCase().split('+')
  return SCHEMES[scheme]
}

/** The optional peer packages a dialect's driver needs. */
export function driverPackages(dialect: SqlDialectName): readonly string[] {
  if (dialect === 'sqlite') return ['better-sqlite3']
  return dialect === 'mysql' ? ['mysql2'] : ['pg', 'pg-copy-streams']
}
