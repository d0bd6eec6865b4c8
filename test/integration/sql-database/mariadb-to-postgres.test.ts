/**
 * MariaDB → PostgreSQL through `sqlDatabase`: every mapped MariaDB type arrives in PostgreSQL with
 * the right dlt type and column type, and the same values (TINYINT(1) as bool, MariaDB's JSON
 * alias as json, DATETIME naive, TIMESTAMP in UTC, DECIMAL exact, BIGINT beyond 2^53 exact).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import { sqlDatabase } from '../../../src/sources/sql-database/index.js'
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

const skipped = (await findMysql()) ?? (await findPostgres())
const describeBoth = skipped ? describe.skip : describe

const DATABASE = uniqueName('maria')
const DATASET = uniqueName('mariapg')

describeBoth(`sql_database: MariaDB → PostgreSQL${skipped ? ` — skipped: ${skipped}` : ''}`, () => {
  let temp: TempPipelineDir

  beforeAll(async () => {
    temp = createTempPipelineDir('dlt-ts-sqlsrc-')
    await mysqlExec(
      `CREATE DATABASE ${DATABASE}`,
      `CREATE TABLE ${DATABASE}.all_types (
         id BIGINT PRIMARY KEY, tiny TINYINT, flag TINYINT(1), small SMALLINT NOT NULL, medium MEDIUMINT,
         regular INT, big BIGINT UNSIGNED, signed_big BIGINT, amount DECIMAL(20,4), ratio DOUBLE, f FLOAT,
         name VARCHAR(40) NOT NULL, fixed CHAR(3), body TEXT, kind ENUM('a','b'),
         raw VARBINARY(16), blob_value BLOB, day DATE, at_naive DATETIME(6), at_tz TIMESTAMP(3) NULL,
         clock TIME(6), doc JSON, year_value YEAR)`,
      `INSERT INTO ${DATABASE}.all_types VALUES
         (1, -5, 1, 7, 8388607, 2147483647, 18446744073709551615, 9007199254740993, 1234567890123456.1234,
          1.5, 0.25, 'it''s "quoted" \\\\ back', 'xyz', 'long text', 'b', X'00FF10', X'CAFE',
          '2024-02-29', '2024-03-01 10:11:12.123456', '2024-03-01 10:11:12.5', '23:59:59.999999',
          '{"a": {"b": [1, 2]}, "s": "é"}', 2024),
         (2, NULL, 0, -32768, NULL, NULL, NULL, -1, -0.0001, NULL, NULL, 'second', NULL, NULL, NULL,
          NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
    )
  })

  afterAll(async () => {
    temp?.cleanup()
    await mysqlExec(`DROP DATABASE IF EXISTS ${DATABASE}`)
    await pgExec(
      `DROP SCHEMA IF EXISTS ${DATASET} CASCADE`,
      `DROP SCHEMA IF EXISTS ${DATASET}_staging CASCADE`,
    )
  })

  it('loads every column with its dlt type and the same values', async () => {
    const source = await sqlDatabase({ credentials: mysqlUrl(DATABASE) })
    const pipeline = dlt.pipeline({
      pipelineName: 'maria_to_pg',
      destination: dlt.destinations.postgres({ credentials: PG_URL }),
      datasetName: DATASET,
      pipelinesDir: temp.pipelinesDir,
    })
    await pipeline.run(source)

    const columns = pipeline.schemas['sql_database']!.tables['all_types']!.columns
    const types = Object.fromEntries(
      Object.values(columns)
        .filter((c) => !c.name.startsWith('_dlt'))
        .map((c) => [c.name, [c.data_type, c.precision, c.scale, c.timezone, c.nullable]]),
    )
    expect(types).toEqual({
      id: ['bigint', undefined, undefined, undefined, false],
      tiny: ['bigint', undefined, undefined, undefined, true],
      flag: ['bool', undefined, undefined, undefined, true],
      small: ['bigint', undefined, undefined, undefined, false],
      medium: ['bigint', undefined, undefined, undefined, true],
      regular: ['bigint', undefined, undefined, undefined, true],
      big: ['bigint', undefined, undefined, undefined, true],
      // beyond dlt's 64-bit bigint: a variant column, as for any value that does not fit
      big__v_text: ['text', undefined, undefined, undefined, true],
      signed_big: ['bigint', undefined, undefined, undefined, true],
      amount: ['decimal', 20, 4, undefined, true],
      ratio: ['double', undefined, undefined, undefined, true],
      f: ['double', undefined, undefined, undefined, true],
      name: ['text', undefined, undefined, undefined, false],
      fixed: ['text', undefined, undefined, undefined, true],
      body: ['text', undefined, undefined, undefined, true],
      kind: ['text', undefined, undefined, undefined, true],
      raw: ['binary', undefined, undefined, undefined, true],
      blob_value: ['binary', undefined, undefined, undefined, true],
      day: ['date', undefined, undefined, undefined, true],
      at_naive: ['timestamp', undefined, undefined, false, true],
      at_tz: ['timestamp', undefined, undefined, true, true],
      clock: ['time', undefined, undefined, undefined, true],
      doc: ['json', undefined, undefined, undefined, true],
      year_value: ['bigint', undefined, undefined, undefined, true],
    })

    const pgTypes = await pgExec(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = '${DATASET}' AND table_name = 'all_types' ORDER BY ordinal_position`,
    )
    expect(
      Object.fromEntries(pgTypes.map((r) => [r['column_name'], r['data_type']])),
    ).toMatchObject({
      flag: 'boolean',
      amount: 'numeric',
      at_naive: 'timestamp without time zone',
      at_tz: 'timestamp with time zone',
      day: 'date',
      clock: 'time without time zone',
      doc: 'jsonb',
      raw: 'bytea',
    })

    const rows = await pgExec(
      `SELECT id, tiny, flag, small, medium, regular, big::text AS big, big__v_text, signed_big::text AS signed_big,
         amount::text AS amount, ratio, f, name, fixed, body, kind, encode(raw, 'hex') AS raw,
         encode(blob_value, 'hex') AS blob_value, day::text AS day, at_naive::text AS at_naive,
         to_char(at_tz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS at_tz, clock::text AS clock,
         doc, year_value FROM ${DATASET}.all_types ORDER BY id`,
    )
    expect(rows[0]).toEqual({
      id: '1',
      tiny: '-5',
      flag: true,
      small: '7',
      medium: '8388607',
      regular: '2147483647',
      // BIGINT UNSIGNED beyond 2^63 does not fit PostgreSQL's bigint: dlt's bigint is 64-bit signed
      big: null,
      big__v_text: '18446744073709551615',
      signed_big: '9007199254740993',
      amount: '1234567890123456.1234',
      ratio: 1.5,
      f: 0.25,
      name: 'it\'s "quoted" \\ back',
      fixed: 'xyz',
      body: 'long text',
      kind: 'b',
      raw: '00ff10',
      blob_value: 'cafe',
      day: '2024-02-29',
      at_naive: '2024-03-01 10:11:12.123456',
      at_tz: '2024-03-01 10:11:12.500',
      clock: '23:59:59.999999',
      doc: { a: { b: [1, 2] }, s: 'é' },
      year_value: '2024',
    })
    expect(rows[1]).toMatchObject({
      id: '2',
      flag: false,
      small: '-32768',
      signed_big: '-1',
      amount: '-0.0001',
    })
  })

  it('streams pages of chunkSize rows', async () => {
    const source = await sqlDatabase({ credentials: mysqlUrl(DATABASE), chunkSize: 1 })
    const pipeline = temp.pipeline('maria_pages', { datasetName: 'maria_pages' })
    const info = await pipeline.run(
      source.updateResource('all_types', (resource) => resource.addLimit(1)),
    )
    expect(info.rowCounts['all_types']).toBe(1)
  })
})
