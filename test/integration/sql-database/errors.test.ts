/**
 * What the SQL database source says when something is wrong: an unknown table (named, with the
 * schema's tables listed), a table the user may not read, a connection lost mid-read (transient;
 * nothing loaded; the next run loads everything), missing or unsupported credentials, a cursor
 * column the table lacks — never with the password in the message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigFieldMissingError, createEnvProvider } from '../../../src/config/index.js'
import { isTransientError } from '../../../src/errors/dlt-error.js'
import * as dlt from '../../../src/index.js'
import {
  SqlConnectError,
  SqlConnectionLostError,
  SqlCursorColumnError,
  SqlPermissionError,
  SqlTableNotFoundError,
  sqlDatabase,
  sqlTable,
  UnsupportedSqlDatabaseError,
} from '../../../src/sources/sql-database/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'
import {
  findMysql,
  findPostgres,
  mysqlExec,
  mysqlUrl,
  PG_URL,
  pgExec,
  uniqueName,
} from './sql-test-servers.js'

const skipped = await findPostgres()
const describePg = skipped ? describe.skip : describe
const SCHEMA = uniqueName('errors')
const ROLE = uniqueName('noperm')
const PASSWORD = 'Sup3rSecretPassw0rd'

/** PG_URL with a password (trust authentication ignores it) and optionally another user. */
function urlWith(user?: string): string {
  const url = new URL(PG_URL)
  if (user) url.username = user
  url.password = PASSWORD
  return url.toString()
}

/** The first error of `error`'s cause chain that is a `type`. */
function findCause<T>(error: unknown, type: new (...args: any[]) => T): T | undefined {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (current instanceof type) return current
  }
  return undefined
}

describePg(`sql_database errors${skipped ? ` — skipped: ${skipped}` : ''}`, () => {
  let temp: TempPipelineDir

  beforeAll(async () => {
    temp = createTempPipelineDir('dlt-ts-sqlsrc-')
    await pgExec(
      `CREATE SCHEMA ${SCHEMA}`,
      `CREATE TABLE ${SCHEMA}.customers (id int PRIMARY KEY, name text)`,
      `CREATE TABLE ${SCHEMA}.orders (id int PRIMARY KEY, note text)`,
      `INSERT INTO ${SCHEMA}.orders SELECT g, 'order ' || g FROM generate_series(1, 200) g`,
      `CREATE ROLE ${ROLE} LOGIN`,
      `GRANT USAGE ON SCHEMA ${SCHEMA} TO ${ROLE}`,
    )
  })

  afterAll(async () => {
    temp?.cleanup()
    await pgExec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`, `DROP ROLE IF EXISTS ${ROLE}`)
  })

  it('names an unknown table and lists the tables the schema has', async () => {
    const error = await sqlDatabase({
      credentials: urlWith(),
      schema: SCHEMA,
      tableNames: ['orders', 'ordres'],
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SqlTableNotFoundError)
    const message = (error as Error).message
    expect(message).toContain('Table "ordres" does not exist')
    expect(message).toContain(`schema "${SCHEMA}"`)
    expect(message).toContain('customers, orders')
    expect(message).toContain(':***@')
    expect(message).not.toContain(PASSWORD)
    expect((error as SqlTableNotFoundError).missing).toEqual(['ordres'])
  })

  it('says permission denied, naming the table, when the user may not read it', async () => {
    const orders = await sqlTable({ credentials: urlWith(ROLE), schema: SCHEMA, table: 'orders' })
    const error = await temp
      .pipeline('perm', { datasetName: 'perm' })
      .run(orders)
      .catch((e: unknown) => e)
    const denied = findCause(error, SqlPermissionError)
    expect(denied, String(error)).toBeDefined()
    expect(denied!.message).toContain(`table "${SCHEMA}.orders"`)
    expect(denied!.message).toContain('Grant the user SELECT')
    expect(String((error as Error).message)).not.toContain(PASSWORD)
  })

  it('says when the server cannot be reached (transient) or refuses the login', async () => {
    const unreachable = await sqlDatabase({
      credentials: `postgresql://loader:${PASSWORD}@127.0.0.1:1/shop`,
    }).catch((e: unknown) => e)
    expect(unreachable).toBeInstanceOf(SqlConnectError)
    expect(isTransientError(unreachable)).toBe(true)
    expect((unreachable as Error).message).toContain(
      'Could not connect to postgresql://loader:***@127.0.0.1:1/shop',
    )
    expect((unreachable as Error).message).not.toContain(PASSWORD)

    const refused = await sqlDatabase({ credentials: urlWith(uniqueName('nobody')) }).catch(
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(SqlPermissionError)
    expect((refused as Error).message).toMatch(
      /^Login refused by postgresql:\/\/sqlsrc_nobody_\w+:\*\*\*@/,
    )
    expect((refused as Error).message).toContain('Check the username and password')
  })

  it('reports a connection lost mid-read as transient, loads nothing, and the next run loads all', async () => {
    const marker = uniqueName('kill')
    const killer: { timer?: NodeJS.Timeout } = {}
    const slowOrders = await sqlTable({
      credentials: PG_URL,
      schema: SCHEMA,
      table: 'orders',
      chunkSize: 10,
      queryAdapterCallback: (select) => {
        killer.timer = setTimeout(() => {
          void pgExec(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE query LIKE '%${marker}%' AND pid <> pg_backend_pid()`,
          )
        }, 400)
        // rows after the 20th take 20 ms each: the read is still running when the backend is ended
        return {
          ...select,
          where: [`'${marker}' <> '' AND (id <= 20 OR (SELECT true FROM pg_sleep(0.02 + id * 0)))`],
        }
      },
    })
    const pipeline = temp.pipeline('lost', { datasetName: 'lost' })
    const error = await pipeline.run(slowOrders).catch((e: unknown) => e)
    clearTimeout(killer.timer)
    const lost = findCause(error, SqlConnectionLostError)
    expect(lost, String(error)).toBeDefined()
    expect(isTransientError(lost)).toBe(true)
    expect(lost!.message).toContain(`table "${SCHEMA}.orders"`)
    expect(lost!.message).toContain('run the pipeline again')
    // nothing half-loaded: no table at the destination, no package waiting
    await expect(pipeline.dataset().query('SELECT count(*) FROM orders')).rejects.toThrow()

    const orders = await sqlTable({
      credentials: PG_URL,
      schema: SCHEMA,
      table: 'orders',
      chunkSize: 10,
    })
    const info = await pipeline.run(orders)
    expect(info.resumedLoadIds ?? []).toEqual([])
    expect(await pipeline.dataset().query('SELECT count(*) AS n FROM orders')).toEqual([{ n: 200 }])
  })

  it('resolves credentials from sources.sql_database.credentials and says what to set when missing', async () => {
    const env = { SOURCES__SQL_DATABASE__CREDENTIALS: PG_URL }
    const source = await sqlDatabase({ schema: SCHEMA, providers: [createEnvProvider(env)] })
    expect(Object.keys(source.resources).sort()).toEqual(['customers', 'orders'])
    // sql_table looks under sources.sql_database.<table> first, then sources.sql_database
    const table = await sqlTable({
      schema: SCHEMA,
      table: 'customers',
      providers: [createEnvProvider(env)],
    })
    expect(table.hints.primaryKey).toEqual(['id'])

    // dlt's other config values: schema, table_names, chunk_size, reflection_level
    const configured = await sqlDatabase({
      providers: [
        createEnvProvider({
          ...env,
          SOURCES__SQL_DATABASE__SCHEMA: SCHEMA,
          SOURCES__SQL_DATABASE__TABLE_NAMES: '["customers"]',
          SOURCES__SQL_DATABASE__REFLECTION_LEVEL: 'minimal',
        }),
      ],
    })
    expect(Object.keys(configured.resources)).toEqual(['customers'])
    expect(configured.resources['customers']!.hints.columns?.['name']).toEqual({ nullable: true })
    expect(() =>
      sqlDatabase({
        providers: [createEnvProvider({ ...env, SOURCES__SQL_DATABASE__CHUNK_SIZE: '0' })],
      }),
    ).toThrow(/`chunkSize` must be an integer >= 1/)

    let error: unknown
    try {
      await sqlDatabase({ schema: SCHEMA, providers: [createEnvProvider({})] })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigFieldMissingError)
    expect((error as Error).message).toContain('SOURCES__SQL_DATABASE__SQL_DATABASE__CREDENTIALS')
  })

  it('refuses other databases and bad options at once, password masked', () => {
    expect(() =>
      sqlDatabase({ credentials: `mssql://sa:${PASSWORD}@db.example.com/shop` }),
    ).toThrow(UnsupportedSqlDatabaseError)
    try {
      sqlDatabase({ credentials: `mssql://sa:${PASSWORD}@db.example.com/shop` })
    } catch (error) {
      expect((error as Error).message).toContain('mssql://sa:***@db.example.com/shop')
      expect((error as Error).message).not.toContain(PASSWORD)
    }
    expect(() => sqlTable({ credentials: PG_URL, table: 'orders', chunkSize: 0 })).toThrow(
      /`chunkSize`/,
    )
    expect(() =>
      sqlTable({ credentials: PG_URL, table: 'orders', reflectionLevel: 'all' as never }),
    ).toThrow(/`reflectionLevel`/)
    expect(() => sqlDatabase({ credentials: PG_URL, deferTableReflect: true })).toThrow(
      /tableNames/,
    )
  })

  it('names a cursor column the table does not have, and a type the adapter made up', async () => {
    const orders = await sqlTable({
      credentials: PG_URL,
      schema: SCHEMA,
      table: 'orders',
      incremental: dlt.incremental({ cursorPath: 'updated_at' }),
    })
    const error = await temp
      .pipeline('cursor', { datasetName: 'cursor' })
      .run(orders)
      .catch((e: unknown) => e)
    const cursor = findCause(error, SqlCursorColumnError)
    expect(cursor?.message).toContain(
      'Cursor column "updated_at" does not exist in table "orders"; its columns are id, note',
    )

    await expect(
      sqlTable({
        credentials: PG_URL,
        schema: SCHEMA,
        table: 'orders',
        typeAdapterCallback: () => 'varchar' as never,
      }),
    ).rejects.toThrow(/typeAdapterCallback returned "varchar" for column "id" of table "orders"/)
  })
})

const mysqlSkipped = await findMysql()

describe.skipIf(mysqlSkipped)(
  `sql_database errors on MariaDB${mysqlSkipped ? ` — skipped: ${mysqlSkipped}` : ''}`,
  () => {
    const DATABASE = uniqueName('errors')
    let temp: TempPipelineDir
    beforeAll(async () => {
      temp = createTempPipelineDir('dlt-ts-sqlsrc-')
      await mysqlExec(
        `CREATE DATABASE ${DATABASE}`,
        `CREATE TABLE ${DATABASE}.orders (id INT PRIMARY KEY, note TEXT)`,
        `INSERT INTO ${DATABASE}.orders SELECT seq, CONCAT('order ', seq) FROM seq_1_to_200`,
      )
    })
    afterAll(async () => {
      temp?.cleanup()
      await mysqlExec(`DROP DATABASE IF EXISTS ${DATABASE}`)
    })

    it('says the login was refused for a wrong password, without the password', async () => {
      const url = new URL(mysqlUrl(DATABASE))
      url.password = 'Wr0ngPasswordForRoot'
      const error = await sqlTable({ credentials: url.toString(), table: 'orders' }).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(SqlPermissionError)
      expect((error as Error).message).toContain('Login refused by mysql://root:***@')
      expect((error as Error).message).not.toContain('Wr0ngPasswordForRoot')
    })

    it('names an unknown table with the tables the database has', async () => {
      const error = await sqlTable({ credentials: mysqlUrl(DATABASE), table: 'order' }).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(SqlTableNotFoundError)
      expect((error as Error).message).toContain(
        `Table "order" does not exist in schema "${DATABASE}"`,
      )
      expect((error as Error).message).toContain('has: orders')
    })

    it('reports a killed connection mid-read as transient and loads nothing', async () => {
      const marker = uniqueName('kill')
      const killer: { timer?: NodeJS.Timeout } = {}
      const slowOrders = await sqlTable({
        credentials: mysqlUrl(DATABASE),
        table: 'orders',
        chunkSize: 10,
        queryAdapterCallback: (select) => {
          killer.timer = setTimeout(async () => {
            const [row] = await mysqlExec(
              `SELECT ID AS id FROM information_schema.PROCESSLIST WHERE INFO LIKE '%${marker}%' AND ID <> CONNECTION_ID()`,
            )
            if (row) await mysqlExec(`KILL ${Number(row['id'])}`)
          }, 400)
          return { ...select, where: [`'${marker}' <> '' AND (id <= 20 OR SLEEP(0.02) = 0)`] }
        },
      })
      const pipeline = temp.pipeline('maria_lost', { datasetName: 'maria_lost' })
      const error = await pipeline.run(slowOrders).catch((e: unknown) => e)
      clearTimeout(killer.timer)
      const lost = findCause(error, SqlConnectionLostError)
      expect(lost, String(error)).toBeDefined()
      expect(isTransientError(lost)).toBe(true)
      await expect(pipeline.dataset().query('SELECT count(*) FROM orders')).rejects.toThrow()
    })
  },
)
