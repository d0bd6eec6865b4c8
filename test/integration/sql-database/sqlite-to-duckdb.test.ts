/**
 * SQLite → DuckDB through `sqlDatabase` / `sqlTable`: declared types map as SQLAlchemy reflects
 * them (so as dlt does), values stored the way SQLAlchemy stores them (date-times as text,
 * booleans as 0/1, JSON as text) arrive typed, integers beyond 2^53 exactly, and an incremental
 * merge over three runs reads only the new range.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dlt from '../../../src/index.js'
import {
  type SqlSelect,
  SqlTableNotFoundError,
  sqlDatabase,
  sqlTable,
} from '../../../src/sources/sql-database/index.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'

describe('sql_database: SQLite → DuckDB', () => {
  let temp: TempPipelineDir
  let file: string
  let url: string

  beforeAll(() => {
    temp = createTempPipelineDir('dlt-ts-sqlsrc-')
    file = join(temp.dir, 'source.db')
    url = `sqlite:///${file}`
    const db = new Database(file)
    db.exec(`
      CREATE TABLE all_types (
        id INTEGER PRIMARY KEY, big BIGINT, small SMALLINT NOT NULL, amount NUMERIC(10, 2),
        ratio REAL, name TEXT NOT NULL, code VARCHAR(20), flag BOOLEAN, at DATETIME, day DATE,
        clock TIME, doc JSON, raw BLOB, anything);
      INSERT INTO all_types VALUES
        (1, 9007199254740993, 7, 12.5, 1.25, 'it''s "x"', 'abc', 1, '2024-03-01 10:11:12.123456',
         '2024-02-29', '23:59:59.999999', '{"a": [1, 2]}', X'00FF10', 'loose'),
        (2, NULL, -3, NULL, NULL, 'second', NULL, 0, NULL, NULL, NULL, NULL, NULL, 42);
      CREATE TABLE events (id INTEGER PRIMARY KEY, note TEXT, at DATETIME NOT NULL);
      INSERT INTO events VALUES (1, 'a', '2024-01-01 00:00:00.000000'), (2, 'b', '2024-01-02 00:00:00.000000');
      CREATE VIEW event_notes AS SELECT id, note FROM events;`)
    db.close()
  })

  afterAll(() => temp?.cleanup())

  it('loads every table with SQLAlchemy-reflected dlt types and the same values', async () => {
    const source = await sqlDatabase({ credentials: url })
    expect(Object.keys(source.resources).sort()).toEqual(['all_types', 'events'])
    const pipeline = temp.pipeline('sqlite_types', { datasetName: 'sqlite_types' })
    await pipeline.run(source)
    const columns = pipeline.schemas['sql_database']!.tables['all_types']!.columns
    const types = Object.fromEntries(
      Object.values(columns)
        .filter((c) => !c.name.startsWith('_dlt'))
        .map((c) => [c.name, [c.data_type, c.precision, c.scale, c.nullable, c.primary_key]]),
    )
    expect(types).toEqual({
      id: ['bigint', undefined, undefined, false, true],
      big: ['bigint', undefined, undefined, true, undefined],
      small: ['bigint', undefined, undefined, false, undefined],
      amount: ['decimal', 10, 2, true, undefined],
      ratio: ['double', undefined, undefined, true, undefined],
      name: ['text', undefined, undefined, false, undefined],
      code: ['text', undefined, undefined, true, undefined],
      flag: ['bool', undefined, undefined, true, undefined],
      at: ['timestamp', undefined, undefined, true, undefined],
      day: ['date', undefined, undefined, true, undefined],
      clock: ['time', undefined, undefined, true, undefined],
      doc: ['json', undefined, undefined, true, undefined],
      raw: ['binary', undefined, undefined, true, undefined],
      // no declared type: inferred from the values (text in row 1; 42 then fits as '42')
      anything: ['text', undefined, undefined, true, undefined],
    })
    expect(columns['at']?.timezone).toBe(false)
    const rows = await pipeline.dataset().query(
      `SELECT id, big::text AS big, small, amount::text AS amount, ratio, name, code, flag,
           "at"::text AS "at", day::text AS day, clock::text AS clock, doc, hex(raw) AS raw
         FROM all_types ORDER BY id`,
    )
    expect(rows[0]).toEqual({
      id: 1,
      big: '9007199254740993',
      small: 7,
      amount: '12.50',
      ratio: 1.25,
      name: 'it\'s "x"',
      code: 'abc',
      flag: true,
      at: '2024-03-01 10:11:12.123456',
      day: '2024-02-29',
      clock: '23:59:59.999999',
      doc: { a: [1, 2] },
      raw: '00FF10',
    })
    expect(rows[1]).toMatchObject({ id: 2, small: -3, flag: false, big: null })
  })

  it('names an unknown table and reads a view when named', async () => {
    const error = await sqlTable({ credentials: url, table: 'event' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SqlTableNotFoundError)
    expect((error as Error).message).toContain('Table "event" does not exist in schema "main"')
    expect((error as Error).message).toContain('all_types, event_notes, events')
    const view = await sqlTable({ credentials: url, table: 'event_notes', chunkSize: 1 })
    const info = await temp
      .pipeline('sqlite_view', { datasetName: 'sqlite_view' })
      .run(view.addLimit(1))
    expect(info.rowCounts['event_notes']).toBe(1)
  })

  it('merges over three runs with a DATETIME cursor pushed into the query', async () => {
    const queries: SqlSelect[] = []
    const events = await sqlTable({
      credentials: url,
      table: 'events',
      writeDisposition: 'merge',
      incremental: dlt.incremental({
        cursorPath: 'at',
        initialValue: new Date('2024-01-01T12:00:00Z'),
      }),
      queryAdapterCallback: (select) => {
        queries.push(select)
        return select
      },
    })
    const pipeline = temp.pipeline('sqlite_incremental', { datasetName: 'sqlite_incremental' })
    const dump = () => pipeline.dataset().query('SELECT id, note FROM events ORDER BY id')
    await pipeline.run(events)
    expect(queries[0]!.where).toEqual([`"at" >= '2024-01-01 12:00:00.000'`])
    expect(await dump()).toEqual([{ id: 2, note: 'b' }])

    const db = new Database(file)
    db.exec(`UPDATE events SET note = 'b2', at = '2024-01-03 00:00:00.000000' WHERE id = 2;
      INSERT INTO events VALUES (3, 'c', '2024-01-02 00:00:00.000000')`)
    await pipeline.run(events)
    // a Date initialValue makes the stored cursor a Date (milliseconds): a prefix of the stored text
    expect(queries[1]!.where).toEqual([`"at" >= '2024-01-02 00:00:00.000'`])
    expect(await dump()).toEqual([
      { id: 2, note: 'b2' },
      { id: 3, note: 'c' },
    ])
    db.exec(`UPDATE events SET note = 'c2', at = '2024-01-04 00:00:00.000000' WHERE id = 3`)
    db.close()
    await pipeline.run(events)
    expect(queries[2]!.where).toEqual([`"at" >= '2024-01-03 00:00:00.000'`])
    expect(await dump()).toEqual([
      { id: 2, note: 'b2' },
      { id: 3, note: 'c2' },
    ])
  })
})
