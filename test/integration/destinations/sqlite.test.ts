/**
 * SQLite destination on files in a temp dir: the conformance suite (`destination-suite.ts`), then
 * SQLite's own cases: dlt's file per dataset, type mapping, values read back, credentials.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { sqlite } from '../../../src/destinations/index.js'
import * as dlt from '../../../src/index.js'
import { dumpSqliteDataset } from '../../support/dump-sqlite.js'
import { portableSql } from '../../support/portable-sql.js'
import { describeDestination } from './destination-suite.js'
import { createTempDir } from './destination-test-kit.js'

const suiteTemp = createTempDir('dlt-ts-sqlite-suite-')
const temp = createTempDir('dlt-ts-sqlite-')

/** DuckDB's type names (as the vectors record them) → SQLite's declared types. */
const SQLITE_TYPE_NAMES: Readonly<Record<string, string>> = {
  VARCHAR: 'varchar',
  BIGINT: 'bigint',
  DOUBLE: 'double',
  BOOLEAN: 'boolean',
  'TIMESTAMP WITH TIME ZONE': 'datetime',
  BLOB: 'blob',
  JSON: 'json',
  DATE: 'date',
  TIME: 'time',
}

describeDestination({
  name: 'sqlite',
  createTarget(label) {
    const datasetName = `data_${label}`
    const main = join(suiteTemp.dir, `${label}.db`)
    return {
      destination: sqlite({ credentials: main }),
      datasetName,
      dump: async () => dumpSqliteDataset(join(suiteTemp.dir, `${label}__${datasetName}.db`)),
    }
  },
  columnType: (type) =>
    type.startsWith('DECIMAL') ? 'numeric' : (SQLITE_TYPE_NAMES[type] ?? `unmapped ${type}`),
  textQuery: (sql) => portableSql(sql, 'sqlite'),
  cleanup: async () => suiteTemp.cleanup(),
})

describe('sqlite destination', () => {
  const env = process.env
  afterAll(() => temp.cleanup())
  afterEach(() => {
    delete env['DESTINATION__SQLITE__CREDENTIALS']
  })

  it("keeps each dataset in a file of its own, as dlt's sqlalchemy destination", async () => {
    const pipeline = dlt.pipeline({
      pipelineName: 'files',
      destination: sqlite({
        credentials: `sqlite:///${join(temp.dir, 'shop.db')}`.replace('///', '////'),
      }),
      datasetName: 'shop_data',
      pipelinesDir: temp.path('files'),
    })
    await pipeline.run([{ id: 1, tags: ['a'] }], { tableName: 'orders' })
    const file = join(temp.dir, 'shop__shop_data.db')
    expect(existsSync(file)).toBe(true)
    const database = new Database(file, { readonly: true })
    try {
      const tables = database
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
      expect(tables.map((row) => (row as { name: string }).name)).toEqual([
        '_dlt_loads',
        '_dlt_pipeline_state',
        '_dlt_version',
        'orders',
        'orders__tags',
      ])
    } finally {
      database.close()
    }
    expect(await pipeline.dataset().tables()).toContain('orders__tags')
  })

  it("creates dlt's sqlalchemy types for SQLite and reads values back in dataset()", async () => {
    const pipeline = dlt.pipeline({
      pipelineName: 'types',
      destination: sqlite({ credentials: join(temp.dir, 'types.db') }),
      datasetName: 'typed_data',
      pipelinesDir: temp.path('types'),
    })
    await pipeline.run(
      [
        {
          id: 2n ** 62n,
          ok: false,
          at: '2024-01-01T01:30:00.123456+02:00',
          doc: { a: [1, 2] },
          amount: '1.5',
          day: '2024-02-29',
          bytes: new Uint8Array([1, 2, 255]),
          code: 'abc',
        },
      ],
      {
        tableName: 'typed',
        columns: {
          doc: { dataType: 'json' },
          amount: { dataType: 'decimal', precision: 10, scale: 2 },
          day: { dataType: 'date' },
          code: { dataType: 'text', precision: 12 },
        },
      },
    )
    const database = new Database(join(temp.dir, 'types__typed_data.db'), { readonly: true })
    try {
      const types = Object.fromEntries(
        (
          database.prepare("SELECT name, type FROM pragma_table_info('typed')").all() as {
            name: string
            type: string
          }[]
        ).map((row) => [row.name, row.type]),
      )
      expect(types).toEqual({
        doc: 'JSON',
        amount: 'NUMERIC(10,2)',
        day: 'DATE',
        code: 'VARCHAR(12)',
        id: 'BIGINT',
        ok: 'BOOLEAN',
        at: 'DATETIME',
        bytes: 'BLOB',
        _dlt_load_id: 'TEXT',
        _dlt_id: 'VARCHAR(128)',
      })
      expect(database.prepare('SELECT at FROM typed').get()).toEqual({
        at: '2023-12-31 23:30:00.123456',
      })
    } finally {
      database.close()
    }
    const [row] = await pipeline.dataset().query('SELECT * FROM typed')
    expect(row).toMatchObject({
      id: (2n ** 62n).toString(),
      ok: false,
      at: new Date('2023-12-31T23:30:00.123Z'),
      doc: { a: [1, 2] },
      amount: '1.5',
      day: new Date('2024-02-29T00:00:00Z'),
      code: 'abc',
    })
    expect(Buffer.from(row!['bytes'] as Uint8Array)).toEqual(Buffer.from([1, 2, 255]))
  })

  it('takes the file from DESTINATION__SQLITE__CREDENTIALS, by name', async () => {
    env['DESTINATION__SQLITE__CREDENTIALS'] = join(temp.dir, 'configured.db')
    const pipeline = dlt.pipeline({
      pipelineName: 'configured',
      destination: 'sqlite',
      datasetName: 'conf',
      pipelinesDir: temp.path('configured'),
    })
    await pipeline.run([{ id: 1 }], { tableName: 'items' })
    expect(existsSync(join(temp.dir, 'configured__conf.db'))).toBe(true)
    expect(await pipeline.dataset().query('SELECT id FROM items')).toEqual([{ id: 1 }])
    expect(() => sqlite({ credentials: 'sqlite://host/x.db' })).toThrow(/name a host/)
  })
})
