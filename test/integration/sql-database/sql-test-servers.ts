/**
 * @module The source databases the SQL database source tests read: PostgreSQL
 * (`PG_CONNECTION_STRING`, default 127.0.0.1:5432, user postgres, database `test`) and MariaDB
 * (`MYSQL_URL`, default root@127.0.0.1:3306, database `test`). `find*()` says why a server cannot be
 * used, so a test file can skip with that reason. Each test file works in its own schema
 * (PostgreSQL) or database (MariaDB), `sqlsrc_<random>`, and drops it afterwards.
 */
import { randomBytes } from 'node:crypto'
import mysql from 'mysql2/promise'
import pg from 'pg'

/** The PostgreSQL server holding the source tables. */
export const PG_URL =
  process.env['PG_CONNECTION_STRING'] ?? 'postgresql://postgres@127.0.0.1:5432/test'
/** The MariaDB / MySQL server holding the source tables (a URL without database). */
export const MYSQL_URL = process.env['MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test'

/** A fresh schema or database name. */
export function uniqueName(label: string): string {
  return `sqlsrc_${label}_${randomBytes(4).toString('hex')}`
}

/** Runs statements on PostgreSQL, returning the last one's rows. */
export async function pgExec(...statements: string[]): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    let rows: Record<string, unknown>[] = []
    for (const sql of statements) rows = (await client.query(sql)).rows
    return rows
  } finally {
    await client.end()
  }
}

/** Runs statements on MariaDB, returning the last one's rows. */
export async function mysqlExec(...statements: string[]): Promise<Record<string, unknown>[]> {
  const connection = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true })
  try {
    let rows: unknown = []
    for (const sql of statements) [rows] = await connection.query(sql)
    return rows as Record<string, unknown>[]
  } finally {
    await connection.end()
  }
}

/** `MYSQL_URL` with another database. */
export function mysqlUrl(database: string): string {
  const url = new URL(MYSQL_URL)
  url.pathname = `/${database}`
  return url.toString()
}

/** Undefined when PostgreSQL answers; otherwise why not. */
export async function findPostgres(): Promise<string | undefined> {
  try {
    await pgExec('SELECT 1')
    return undefined
  } catch (error) {
    return `no PostgreSQL at ${new URL(PG_URL).host} (set PG_CONNECTION_STRING): ${(error as Error).message}`
  }
}

/** Undefined when MariaDB answers; otherwise why not. */
export async function findMysql(): Promise<string | undefined> {
  try {
    await mysqlExec('SELECT 1')
    return undefined
  } catch (error) {
    return `no MariaDB/MySQL at ${new URL(MYSQL_URL).host} (set MYSQL_URL): ${(error as Error).message}`
  }
}
