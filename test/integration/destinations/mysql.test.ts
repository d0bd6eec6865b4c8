/**
 * MySQL/MariaDB destination against a real server (`mysql-test-server.ts`): the conformance suite
 * (`destination-suite.ts`), then MySQL's own cases: type mapping and DDL, awkward values, 64-character
 * identifiers, transactions around DDL, credentials and errors. Every dataset is `test_<random>`
 * and dropped (with its `_staging` twin) in `afterAll`.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { ConfigFieldMissingError, ConnectionStringSchemeError } from '../../../src/config/index.js'
import { DestinationConnectionError } from '../../../src/destinations/destination-errors.js'
import { mysql } from '../../../src/destinations/index.js'
import { isTransientError } from '../../../src/errors/dlt-error.js'
import * as dlt from '../../../src/index.js'
import { dumpMysqlDataset } from '../../support/dump-mysql.js'
import { portableSql } from '../../support/portable-sql.js'
import { describeDestination, notSelected } from './destination-suite.js'
import { createTempDir } from './destination-test-kit.js'
import {
  adminQuery,
  dropDatasets,
  findMysql,
  MYSQL_URL,
  testDatasetName,
} from './mysql-test-server.js'

// No connection attempt when DESTINATIONS leaves MySQL out.
const unavailable = notSelected('mysql') ? undefined : await findMysql()
const datasets = new Set<string>()
const newDataset = (label = '') => {
  const name = testDatasetName(label)
  datasets.add(name)
  return name
}

/** DuckDB's type names (as the vectors record them) → MySQL's `information_schema` names. */
const MYSQL_TYPE_NAMES: Readonly<Record<string, string>> = {
  VARCHAR: 'varchar',
  BIGINT: 'bigint',
  DOUBLE: 'double',
  BOOLEAN: 'tinyint',
  'TIMESTAMP WITH TIME ZONE': 'datetime',
  BLOB: 'blob',
  JSON: 'json',
  DATE: 'date',
  TIME: 'time',
}

describeDestination({
  name: 'mysql',
  unavailable,
  createTarget(label) {
    const datasetName = newDataset(label)
    return {
      destination: mysql({ credentials: MYSQL_URL }),
      datasetName,
      dump: () => dumpMysqlDataset(MYSQL_URL, datasetName),
    }
  },
  columnType: (type) =>
    type.startsWith('DECIMAL') ? 'decimal' : (MYSQL_TYPE_NAMES[type] ?? `unmapped ${type}`),
  textQuery: (sql) => portableSql(sql, 'mysql'),
  cleanup: () => dropDatasets(datasets),
})

describe.skipIf(unavailable !== undefined || notSelected('mysql') !== undefined)(
  'mysql destination',
  () => {
    const temp = createTempDir('dlt-ts-mysql-')
    const env = process.env
    afterAll(async () => {
      temp.cleanup()
      await dropDatasets(datasets)
    })
    afterEach(() => {
      delete env['DESTINATION__MYSQL__CREDENTIALS']
    })
    const pipelineFor = (
      name: string,
      destination: dlt.PipelineConfig['destination'] = mysql({ credentials: MYSQL_URL }),
    ) => {
      const datasetName = newDataset()
      return {
        datasetName,
        pipeline: dlt.pipeline({
          pipelineName: name,
          destination,
          datasetName,
          pipelinesDir: temp.path(name),
        }),
      }
    }
    const columnTypes = async (dataset: string, table: string) =>
      Object.fromEntries(
        (
          await adminQuery(
            'SELECT column_name AS c, column_type AS t FROM information_schema.columns ' +
              'WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
            [dataset, table],
          )
        ).map((row) => [row['c'], row['t']]),
      )

    it("creates dlt's sqlalchemy types for MySQL and reads values back in dataset()", async () => {
      const { pipeline, datasetName } = pipelineFor('mysql_types')
      await pipeline.run(
        [
          {
            id: 2n ** 62n,
            name: 'x',
            score: 0.25,
            ok: true,
            at: '2024-01-01T01:30:00.123456+02:00',
            doc: { a: [1, 2] },
            amount: '1.5',
            day: '2024-02-29',
            clock: '23:59:59.999999',
            bytes: new Uint8Array([1, 2, 255]),
            code: 'abc',
            small: 7,
          },
        ],
        {
          tableName: 'typed',
          columns: {
            doc: { dataType: 'json' },
            amount: { dataType: 'decimal', precision: 10, scale: 2 },
            day: { dataType: 'date' },
            clock: { dataType: 'time' },
            code: { dataType: 'text', precision: 12 },
            small: { dataType: 'bigint', precision: 16 },
          },
        },
      )
      const types = await columnTypes(datasetName, 'typed')
      expect(types).toMatchObject({
        doc: 'longtext',
        amount: 'decimal(10,2)',
        day: 'date',
        clock: 'time(6)',
        code: 'varchar(12)',
        small: 'smallint(6)',
        id: 'bigint(20)',
        name: 'text',
        score: 'double',
        ok: 'tinyint(1)',
        at: 'datetime(6)',
        bytes: 'blob',
        _dlt_load_id: 'text',
        _dlt_id: 'varchar(128)',
      })
      // DATETIME has no time zone: the instant is stored in UTC, microseconds kept
      expect(
        await adminQuery(`SELECT CAST(at AS CHAR) AS at FROM \`${datasetName}\`.typed`),
      ).toEqual([{ at: '2023-12-31 23:30:00.123456' }])
      const [row] = await pipeline.dataset().query('SELECT * FROM typed')
      expect(row).toMatchObject({
        id: (2n ** 62n).toString(),
        name: 'x',
        score: 0.25,
        ok: true,
        at: new Date('2023-12-31T23:30:00.123Z'),
        amount: '1.50',
        day: new Date('2024-02-29T00:00:00Z'),
        clock: '23:59:59.999999',
        code: 'abc',
        small: 7,
      })
      expect(Buffer.from(row!['bytes'] as Uint8Array)).toEqual(Buffer.from([1, 2, 255]))
      const [big] = await pipeline.dataset().query('SELECT id FROM typed', [], { bigint: true })
      expect(big).toEqual({ id: 2n ** 62n })
    })

    it.each([
      ['LOAD DATA LOCAL INFILE', true],
      ['several multi-row INSERTs', false],
    ])(
      'loads awkward values with %s; names over 64 characters are shortened',
      async (_, loadData) => {
        const { pipeline, datasetName } = pipelineFor(
          `mysql_bulk_${loadData}`,
          mysql({ credentials: MYSQL_URL, loadDataLocalInfile: loadData }),
        )
        const awkward =
          'back\\slash \' quote " dq \n nl \r cr \t tab \0 nul \x1a ctrl-z 🙂 ? $1 `tick` \\N , ""'
        const long = 'y'.repeat(2_000)
        const rows = Array.from({ length: 2_200 }, (_, i) => ({
          id: i,
          text: i === 7 ? awkward : i === 8 ? '' : long,
          bytes: i === 7 ? new Uint8Array([0, 10, 13, 34, 92, 255]) : null,
          doc: i === 7 ? { s: awkward, n: [1.5, null] } : null,
        }))
        const longName = `a_table_whose_name_is_much_longer_than_what_mysql_allows_for_identifiers`
        await pipeline.run(rows, { tableName: longName, columns: { doc: { dataType: 'json' } } })
        const tables = await pipeline.dataset().tables()
        const shortened = tables.find((name) => name.startsWith('a_table_whose'))!
        expect(shortened.length).toBeLessThanOrEqual(64)
        expect(shortened).not.toBe(longName)
        expect(
          await adminQuery(
            `SELECT COUNT(*) AS n, SUM(LENGTH(text)) AS chars FROM \`${datasetName}\`.\`${shortened}\``,
          ),
        ).toEqual([{ n: 2_200, chars: String(2_198 * 2_000 + Buffer.byteLength(awkward)) }])
        const [row] = await pipeline
          .dataset()
          .query(`SELECT text, bytes, doc FROM \`${shortened}\` WHERE id = ?`, [7])
        expect(row!['text']).toBe(awkward)
        expect(Buffer.from(row!['bytes'] as Uint8Array)).toEqual(
          Buffer.from([0, 10, 13, 34, 92, 255]),
        )
        expect(row!['doc']).toEqual({ s: awkward, n: [1.5, null] })
        expect(
          await pipeline.dataset().query(`SELECT text, bytes FROM \`${shortened}\` WHERE id = 8`),
        ).toEqual([{ text: '', bytes: null }])
      },
    )

    it('rolls a failed load back while its CREATE TABLE stays (MySQL has no transactional DDL)', async () => {
      const { pipeline, datasetName } = pipelineFor('mysql_ddl_commit')
      const run = pipeline.run([{ id: 1, code: 'too long for three', tags: ['a'] }], {
        tableName: 'users',
        primaryKey: 'id',
        writeDisposition: { disposition: 'merge', strategy: 'upsert' },
        columns: { code: { dataType: 'text', precision: 3 } },
      })
      await expect(run).rejects.toThrow(/Data truncated for column 'code'/)
      const count = async (table: string, dataset = datasetName) =>
        (await adminQuery(`SELECT COUNT(*) AS n FROM \`${dataset}\`.\`${table}\``))[0]!['n']
      expect(await count('users')).toBe(0)
      expect(await count('users__tags')).toBe(0)
      expect(await count('_dlt_loads')).toBe(0)
      expect(await count('users', `${datasetName}_staging`)).toBe(0)
      expect(pipeline.pendingPackages().normalized).toHaveLength(1)
    })

    it('loads one dataset from several pipelines at once: new tables and columns do not collide', async () => {
      const datasetName = newDataset()
      const runs = Array.from({ length: 4 }, (_, i) =>
        dlt
          .pipeline({
            pipelineName: `mysql_concurrent_${i}`,
            destination: mysql({ credentials: MYSQL_URL }),
            datasetName,
            pipelinesDir: temp.path(`mysql_concurrent_${i}`),
          })
          .run([{ id: i, [`extra_${i}`]: 'x', tags: ['a'] }], { tableName: 'shared' }),
      )
      await Promise.all(runs)
      expect(await adminQuery(`SELECT COUNT(*) AS n FROM \`${datasetName}\`.shared__tags`)).toEqual(
        [{ n: 4 }],
      )
      const columns = await columnTypes(datasetName, 'shared')
      for (let i = 0; i < 4; i++) expect(columns).toHaveProperty(`extra_${i}`)
    })

    it('takes credentials from DESTINATION__MYSQL__CREDENTIALS, by name', async () => {
      env['DESTINATION__MYSQL__CREDENTIALS'] = MYSQL_URL
      const { pipeline } = pipelineFor('mysql_config', 'mysql')
      await pipeline.run([{ id: 1 }], { tableName: 'items' })
      expect(await pipeline.dataset().query('SELECT id FROM items')).toEqual([{ id: 1 }])
      delete env['DESTINATION__MYSQL__CREDENTIALS']
      const missing = pipelineFor('mysql_config_missing', 'mysql').pipeline
      const error = await missing.run([{ id: 1 }], { tableName: 'items' }).catch((e: unknown) => e)
      expect(String((error as Error).message) + String((error as Error).cause)).toMatch(
        /DESTINATION__MYSQL__CREDENTIALS/,
      )
      expect(
        ((error as Error).cause as Error | undefined) instanceof ConfigFieldMissingError ||
          error instanceof ConfigFieldMissingError,
      ).toBe(true)
    })

    it('takes credentials as parts (dlt keys), from configuration too', async () => {
      const url = new URL(MYSQL_URL)
      const parts = {
        host: url.hostname,
        port: url.port || '3306',
        username: decodeURIComponent(url.username),
        database: url.pathname.slice(1),
        ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      }
      for (const [key, value] of Object.entries(parts)) {
        env[`DESTINATION__MYSQL__CREDENTIALS__${key.toUpperCase()}`] = value
      }
      try {
        const { pipeline } = pipelineFor('mysql_config_parts', 'mysql')
        await pipeline.run([{ id: 2 }], { tableName: 'items' })
        expect(await pipeline.dataset().query('SELECT id FROM items')).toEqual([{ id: 2 }])
      } finally {
        for (const key of Object.keys(parts)) {
          delete env[`DESTINATION__MYSQL__CREDENTIALS__${key.toUpperCase()}`]
        }
      }
      const { pipeline } = pipelineFor('mysql_code_parts', mysql({ credentials: parts }))
      await pipeline.run([{ id: 3 }], { tableName: 'items' })
      expect(await pipeline.dataset().query('SELECT id FROM items')).toEqual([{ id: 3 }])
    })

    it('refuses other schemes and never shows the password', async () => {
      const password = 'Sup3r-Secret-Passw0rd'
      expect(() => mysql({ credentials: `postgresql://loader:${password}@db/x` })).toThrow(
        ConnectionStringSchemeError,
      )
      try {
        mysql({ credentials: `postgresql://loader:${password}@db/x` })
      } catch (error) {
        expect(String(error)).toContain('postgresql://loader:***@db/x')
        expect(String(error)).not.toContain(password)
      }
      expect(() =>
        mysql({ credentials: 'mariadb+mariadbconnector://root@127.0.0.1/test' }),
      ).not.toThrow()
      const destination = mysql({
        credentials: `mysql://loader:${password}@127.0.0.1:1/test?connect_timeout=2`,
      })
      const client = destination.createClient({ pipelineName: 'p', datasetName: newDataset() })
      const error = (await client.initializeStorage().catch((e: unknown) => e)) as Error
      await client.close()
      expect(error).toBeInstanceOf(DestinationConnectionError)
      expect(isTransientError(error)).toBe(true)
      expect(error.message).toContain('mysql://loader:***@127.0.0.1:1/test')
      expect(
        JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error.cause),
      ).not.toContain(password)
    })
  },
)
