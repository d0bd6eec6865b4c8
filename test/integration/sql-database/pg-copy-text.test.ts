/**
 * PostgreSQL rows read as copy text decode to exactly the items the JSON path (`row_to_json`)
 * gives, for every type and the values that need care: escapes, unsafe integers, NaN, infinities,
 * offsets, bytes, arrays, enums, domains, composites — on a connection whose server settings
 * (date style, bytea output, time zone) differ from what copy text expects.
 */
import { readdirSync } from 'node:fs'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectionStringCredentials } from '../../../src/config/index.js'
import { CopyTextPage } from '../../../src/extract/copy-text-page.js'
import { JsonLines } from '../../../src/extract/json-lines.js'
import * as dlt from '../../../src/index.js'
import { sqlTable } from '../../../src/sources/sql-database/index.js'
import { copyJsonLinesSql, jsonLinePages } from '../../../src/sources/sql-database/pg-json-lines.js'
import { openPgConnection } from '../../../src/sources/sql-database/pg-source-connection.js'
import { renderSelect, type SqlSelect } from '../../../src/sources/sql-database/sql-select.js'
import {
  chunkRows,
  type RowChunk,
  type SqlSourceConnection,
} from '../../../src/sources/sql-database/sql-source-connection.js'
import type { SqlTableSchema } from '../../../src/sources/sql-database/sql-table-schema.js'
import { dumpDataset } from '../../support/dump-dataset.js'
import { createTempPipelineDir } from '../../support/temp-pipeline.js'
import { findPostgres, PG_URL, pgExec, uniqueName } from './sql-test-servers.js'

const unavailable = await findPostgres()
const SCHEMA = uniqueName('copytext')
// server settings unlike the ones copy text expects: the connection must set its own
const OPTIONS = '-c DateStyle=SQL,DMY -c bytea_output=escape -c TimeZone=Asia/Kolkata'
const URL = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(OPTIONS)}`

const COLUMNS = `id int PRIMARY KEY, small smallint, big bigint, ratio double precision, real_value real,
  amount numeric(20,4), free_numeric numeric, name text, code varchar(12), fixed char(3), flag boolean,
  at_tz timestamptz, at_naive timestamp, day date, clock time, clock_tz timetz, span interval,
  doc jsonb, doc_json json, raw bytea, uid uuid, tags text[], counts int[], mood ${SCHEMA}.mood,
  positive ${SCHEMA}.positive, pair ${SCHEMA}.pair`

const ROWS = [
  `(1, -32768, 9007199254740993, 'NaN', 3.14, 1.2300, 'NaN', E'tab\\there\\nline\\r\\\\ "q" \\x01 é 😀',
    'abc', 'a', true, '2024-06-01 12:34:56.789+05:30', '2024-06-01 12:34:56.123456', '2024-02-29',
    '23:59:59.5', '10:11:12+02', '1 day 02:03:04',
    E'{"a": "x\\\\ty\\\\"z", "b": [1, 2.5e10], "c": null}', E'{"n":\\n 1, "s": "\\\\\\\\"}',
    '\\x00ff10', 'c4ca4238-a0b9-2382-0dcc-509a6f75849b', ARRAY['x"y', 'a,b', NULL], ARRAY[1, 2],
    'happy', 7, ROW(1, 'p q'))`,
  `(2, 0, -5, 'Infinity', '-Infinity', 0, 12345678901234567890.123, '\\N', '', 'xyz', false,
    'infinity', '-infinity', 'infinity', '00:00:00', '10:11:12-03:30', '-1 mons +2 days', 'null',
    '[]', '', 'c81e728d-9d4c-2f63-6f06-7f89cc14862c', '{}', '{}', 'sad', 1, ROW(NULL, NULL))`,
  `(3, 1, 9007199254740991, 1e-300, 0.1, -0.5, 0, 'plain', NULL, NULL, NULL,
    '1999-12-31 23:59:59+00', '1999-12-31 23:59:59', '1999-12-31', '12:00:00', '00:00:00+00',
    '0', '{"deep": {"a": [true, false]}}', '"text"', '\\xdeadbeef', NULL, NULL, NULL, NULL, NULL, NULL)`,
  `(5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '0044-03-15 12:00:00.5+00 BC',
    '0044-03-15 12:00:00 BC', '0044-03-15 BC', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL)`,
  `(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
]

async function collect(chunks: AsyncIterable<RowChunk>): Promise<{
  rows: Record<string, unknown>[]
  kinds: Set<string>
}> {
  const rows: Record<string, unknown>[] = []
  const kinds = new Set<string>()
  for await (const chunk of chunks) {
    kinds.add(
      chunk instanceof CopyTextPage ? 'copy-text' : chunk instanceof JsonLines ? 'json' : 'rows',
    )
    rows.push(...chunkRows(chunk))
  }
  return { rows, kinds }
}

/** The rows of `select` as the JSON path reads them: `row_to_json` with its casts, in UTC. */
async function jsonPathRows(select: SqlSelect, table: SqlTableSchema): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: URL })
  await client.connect()
  try {
    await client.query("SET TIME ZONE 'UTC'")
    const stream = client.query(copyTo(copyJsonLinesSql(select, table)))
    const rows: unknown[] = []
    for await (const page of jsonLinePages(stream, 2, 'test')) rows.push(...page.parse())
    return rows
  } finally {
    await client.end()
  }
}

describe.skipIf(unavailable)('sql_database: PostgreSQL rows as copy text', () => {
  let connection: SqlSourceConnection

  beforeAll(async () => {
    await pgExec(
      `CREATE SCHEMA ${SCHEMA}`,
      `CREATE TYPE ${SCHEMA}.mood AS ENUM ('happy', 'sad')`,
      `CREATE DOMAIN ${SCHEMA}.positive AS int CHECK (VALUE > 0)`,
      `CREATE TYPE ${SCHEMA}.pair AS (n int, label text)`,
      `CREATE TABLE ${SCHEMA}.tricky (${COLUMNS})`,
      `INSERT INTO ${SCHEMA}.tricky VALUES ${ROWS.join(', ')}`,
    )
    connection = await openPgConnection(createConnectionStringCredentials(URL))
  })

  afterAll(async () => {
    await connection?.close()
    await pgExec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`)
  })

  /** The reflected test table and the SELECT of all its rows by id. */
  async function trickyTable(): Promise<{ table: SqlTableSchema; select: SqlSelect }> {
    const [table] = await connection.reflect(SCHEMA, ['tricky'])
    const columns = table!.columns.map((column) => column.name)
    const from = `"${SCHEMA}"."tricky"`
    return { table: table!, select: { columns, from, where: [], orderBy: ['"id" ASC'] } }
  }

  it('decodes every type to the items row_to_json gives', async () => {
    const { table, select } = await trickyTable()
    const text = await collect(connection.readRows(select, table, 2))
    const json = await jsonPathRows(select, table)
    expect(text.kinds).toEqual(new Set(['copy-text']))
    expect(text.rows).toEqual(json)
    expect(text.rows).toHaveLength(ROWS.length)
    // spot checks that the comparison covers what it should
    const [first, second] = text.rows
    expect(first!['name']).toBe('tab\there\nline\r\\ "q" \x01 é 😀')
    expect(first!['big']).toBe('9007199254740993')
    expect(first!['at_tz']).toBe('2024-06-01T07:04:56.789+00:00')
    expect(first!['clock_tz']).toBe('10:11:12+02')
    expect(first!['raw']).toBe('0x00ff10')
    expect(first!['doc']).toEqual({ a: 'x\ty"z', b: [1, 2.5e10], c: null })
    expect(first!['pair']).toEqual({ n: 1, label: 'p q' })
    expect(second!['name']).toBe('\\N')
    expect(second!['ratio']).toBe('Infinity')
    expect(text.rows[4]!['at_tz']).toBe('0044-03-15T12:00:00.5+00:00 BC')
    expect(Object.keys(first!)).toEqual(select.columns)
  })

  it('decodes by the types the server returns: SQL text, and columns an adapter retyped', async () => {
    const { table, select } = await trickyTable()
    const expected = await jsonPathRows(select, table)
    // SQL text (a query adapter's): numeric and large bigint stay exact text all the same
    const sql = await collect(
      connection.readRows(`${renderSelect(select, 'postgresql')} -- every row`, table, 3),
    )
    expect(sql.kinds).toEqual(new Set(['copy-text']))
    expect(sql.rows).toEqual(expected)
    // a table adapter that retyped columns changes the dlt types, not what the server sends
    const retyped: SqlTableSchema = {
      ...table,
      columns: table.columns.map((column) =>
        column.name === 'small' || column.name === 'doc'
          ? { ...column, dbType: 'boolean', columnType: 'boolean' }
          : column,
      ),
    }
    expect((await collect(connection.readRows(select, retyped, 3))).rows).toEqual(expected)
    // two result columns of one name cannot be one item: read through row_to_json
    const twice = await collect(
      connection.readRows(`SELECT 1 AS a, 2 AS a FROM "${SCHEMA}"."tricky" LIMIT 1`, table, 3),
    )
    expect(twice.kinds).toEqual(new Set(['json']))
    // a row of one empty text would be an empty line: one column is read through row_to_json
    const one = await collect(connection.readRows(`SELECT '' AS a`, table, 3))
    expect(one).toEqual({ rows: [{ a: '' }], kinds: new Set(['json']) })
  })

  it('loads the same dataset into DuckDB as the JSON path, from copy-text files', async () => {
    const temp = createTempPipelineDir('dlt-ts-copytext-')
    try {
      const textTable = await sqlTable({
        credentials: URL,
        schema: SCHEMA,
        table: 'tricky',
        reflectionLevel: 'full_with_precision',
        // numeric NaN loads into no DuckDB DECIMAL, by either path
        excludedColumns: ['free_numeric'],
      })
      const asText = temp.pipeline('as_text', { datasetName: 'as_text' })
      await asText.extract(textTable)
      const files = readdirSync(temp.dir, { recursive: true, encoding: 'utf8' })
      expect(files.filter((file) => file.endsWith('.copy-text'))).toHaveLength(1)
      await asText.normalize()
      await asText.load()
      // the same rows from row_to_json, as items of a resource with the same hints
      const { table, select } = await trickyTable()
      const columns = table.columns.filter((column) => column.name !== 'free_numeric')
      const items = await jsonPathRows(
        { ...select, columns: columns.map((column) => column.name) },
        { ...table, columns },
      )
      const asJson = temp.pipeline('as_json', { datasetName: 'as_json' })
      await asJson.run(dlt.resource(() => items, { ...textTable.hints, name: 'tricky' } as never))
      const text = await dumpDataset(temp.dbPath, 'as_text')
      expect(text).toEqual(await dumpDataset(temp.dbPath, 'as_json'))
      expect((text.tables['tricky']!.rows as string[]).length).toBe(ROWS.length)
    } finally {
      temp.cleanup()
    }
  })
})
