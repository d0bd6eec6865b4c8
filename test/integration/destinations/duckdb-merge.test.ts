/**
 * The merge strategies on DuckDB files: `delete-insert`, `upsert` and `scd2`, each checked as
 * generated SQL and executed through a real load (staging dataset, follow-up, commit).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MergeFollowUpSpec } from '../../../src/destinations/destination.js'
import { MergeDispositionError } from '../../../src/destinations/destination-errors.js'
import type { DuckDbClient } from '../../../src/destinations/duckdb/duckdb-client.js'
import { duckdb } from '../../../src/destinations/index.js'
import { loadIdToIsoTimestamp } from '../../../src/destinations/sql/scd2-sql.js'
import type { Schema } from '../../../src/schema/schema.js'
import type { TableSchema } from '../../../src/schema/schema-types.js'
import {
  createSchema,
  createTempDir,
  loadTables,
  nestedTable,
  rootTable,
  type TempDir,
} from './destination-test-kit.js'

type Row = Record<string, unknown>

let temp: TempDir
const clients: DuckDbClient[] = []
const tempTableName = (root: string, operation: string) => `${root}_${operation}`

beforeAll(() => {
  temp = createTempDir('dlt-ts-merge-')
})
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close()
})
afterAll(() => temp.cleanup())

/** A client on `<name>.duckdb` whose merge temp tables have deterministic names. */
function openClient(name: string): DuckDbClient {
  const client = duckdb({ credentials: temp.path(`${name}.duckdb`) }).createClient({
    pipelineName: name,
    datasetName: 'data',
  }) as DuckDbClient
  client.mergeOptions = { tempTableName }
  clients.push(client)
  return client
}

async function mergeSqlOf(client: DuckDbClient, schema: Schema, root: string, loadId = '1') {
  const chain = schema.getTableChain(root)
  const spec: MergeFollowUpSpec = {
    loadId,
    tableChain: chain,
    strategy: chain[0]!['x-merge-strategy'] ?? 'delete-insert',
  }
  return client.generator.mergeSql(await client.qualifiedNames(), spec, { tempTableName })
}

function rootRows(
  loadId: string,
  rows: readonly Row[],
  id = (row: Row) => `${loadId}-${row['id']}`,
) {
  return rows.map((row, index) => ({
    ...row,
    _dlt_load_id: loadId,
    _dlt_id: `${id(row)}-${index}`,
  }))
}

/** Root rows with a nested list `items`: both tables' rows, ids derived like dlt (root id + idx). */
function withItems(
  loadId: string,
  rows: readonly (Row & { items?: string[] })[],
  rootId?: (row: Row) => string,
) {
  const roots: Row[] = []
  const nested: Row[] = []
  rows.forEach(({ items = [], ...row }, index) => {
    const dltId = rootId ? rootId(row) : `${loadId}-${row['id']}-${index}`
    roots.push({ ...row, _dlt_load_id: loadId, _dlt_id: dltId })
    items.forEach((value, idx) => {
      nested.push({
        value,
        _dlt_root_id: dltId,
        _dlt_parent_id: dltId,
        _dlt_list_idx: idx,
        _dlt_id: `${dltId}-${idx}`,
      })
    })
  })
  return { roots, nested }
}

const select = (client: DuckDbClient, sql: string) => client.query(sql, [], { bigint: true })

describe('delete-insert', () => {
  const table = (name: string, extra: TableSchema['columns'] = {}) => {
    const t = rootTable(
      name,
      {
        id: { data_type: 'bigint', nullable: false, primary_key: true },
        name: { data_type: 'text' },
      },
      { writeDisposition: 'merge', strategy: 'delete-insert' },
    )
    Object.assign(t.columns, extra)
    return t
  }

  it('replaces rows by primary key and keeps one row per key within a load', async () => {
    const client = openClient('di_dedup')
    const schema = createSchema('di', [table('items')])
    expect(await mergeSqlOf(client, schema, 'items')).toEqual([
      'DELETE FROM "di_dedup"."data"."items" AS d WHERE EXISTS (SELECT 1 FROM "di_dedup"."data_staging"."items" AS s WHERE d."id" = s."id")',
      'INSERT INTO "di_dedup"."data"."items" ("id", "name", "_dlt_load_id", "_dlt_id") SELECT "id", "name", "_dlt_load_id", "_dlt_id" FROM (SELECT ROW_NUMBER() OVER (PARTITION BY "id" ORDER BY rowid DESC) AS _dlt_dedup_rn, "id", "name", "_dlt_load_id", "_dlt_id" FROM "di_dedup"."data_staging"."items") AS _dlt_dedup_numbered WHERE _dlt_dedup_rn = 1 AND (1 = 1)',
    ])
    const load = (loadId: string, rows: Row[]) =>
      loadTables(client, schema, temp.dir, { loadId, rows: { items: rootRows(loadId, rows) } })
    await load('1700000001.0', [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ])
    await load('1700000002.0', [
      { id: 1, name: 'a2' },
      { id: 3, name: 'c' },
      { id: 1, name: 'a3' },
    ])
    expect(
      await select(client, 'SELECT id, name FROM "di_dedup"."data"."items" ORDER BY id'),
    ).toEqual([
      { id: 1n, name: 'a3' },
      { id: 2n, name: 'b' },
      { id: 3n, name: 'c' },
    ])
  })

  it('orders duplicates by dedup_sort (desc keeps the highest, asc the lowest)', async () => {
    const client = openClient('di_sort')
    const desc = table('desc_items', {
      seq: { name: 'seq', data_type: 'bigint', dedup_sort: 'desc' },
    })
    const asc = table('asc_items', { seq: { name: 'seq', data_type: 'bigint', dedup_sort: 'asc' } })
    const schema = createSchema('di', [desc, asc])
    expect((await mergeSqlOf(client, schema, 'desc_items'))[1]).toContain('ORDER BY "seq" DESC')
    const rows = [
      { id: 1, name: 'five', seq: 5 },
      { id: 1, name: 'nine', seq: 9 },
      { id: 1, name: 'seven', seq: 7 },
    ]
    const loadId = '1700000003.0'
    await loadTables(client, schema, temp.dir, {
      loadId,
      rows: { desc_items: rootRows(loadId, rows), asc_items: rootRows(loadId, rows) },
    })
    expect(await select(client, 'SELECT name FROM "di_sort"."data"."desc_items"')).toEqual([
      { name: 'nine' },
    ])
    expect(await select(client, 'SELECT name FROM "di_sort"."data"."asc_items"')).toEqual([
      { name: 'five' },
    ])
  })

  it('deletes rows flagged by hard_delete and does not insert them (bool and non-bool flags)', async () => {
    const client = openClient('di_hard')
    const flagged = table('flagged', {
      deleted: { name: 'deleted', data_type: 'bool', hard_delete: true },
    })
    const stamped = table('stamped', {
      deleted_at: { name: 'deleted_at', data_type: 'timestamp', hard_delete: true },
    })
    const schema = createSchema('di', [flagged, stamped])
    expect((await mergeSqlOf(client, schema, 'flagged'))[1]).toContain(
      'WHERE _dlt_dedup_rn = 1 AND ("deleted" IS NULL OR "deleted" = FALSE)',
    )
    expect((await mergeSqlOf(client, schema, 'stamped'))[1]).toContain('AND ("deleted_at" IS NULL)')
    const first = '1700000004.0'
    const second = '1700000005.0'
    const initial = [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: 'c' },
    ]
    await loadTables(client, schema, temp.dir, {
      loadId: first,
      rows: { flagged: rootRows(first, initial), stamped: rootRows(first, initial) },
    })
    await loadTables(client, schema, temp.dir, {
      loadId: second,
      rows: {
        flagged: rootRows(second, [
          { id: 1, name: 'a2', deleted: false },
          { id: 2, deleted: true },
          { id: 4, name: 'new but deleted', deleted: true },
        ]),
        stamped: rootRows(second, [
          { id: 1, name: 'a2' },
          { id: 2, deleted_at: '2024-01-01T00:00:00Z' },
          { id: 4, deleted_at: '2024-01-01T00:00:00Z' },
        ]),
      },
    })
    const expected = [
      { id: 1n, name: 'a2' },
      { id: 3n, name: 'c' },
    ]
    expect(
      await select(client, 'SELECT id, name FROM "di_hard"."data"."flagged" ORDER BY id'),
    ).toEqual(expected)
    expect(
      await select(client, 'SELECT id, name FROM "di_hard"."data"."stamped" ORDER BY id'),
    ).toEqual(expected)
  })

  it('replaces nested rows of merged roots and skips nested rows of deleted or duplicate roots', async () => {
    const client = openClient('di_nested')
    const root = table('orders', {
      deleted: { name: 'deleted', data_type: 'bool', hard_delete: true },
    })
    const items = nestedTable('orders__items', 'orders', { value: { data_type: 'text' } })
    const schema = createSchema('di', [root, items])
    const o = '"di_nested"."data"."orders"'
    const oi = '"di_nested"."data"."orders__items"'
    const so = '"di_nested"."data_staging"."orders"'
    const soi = '"di_nested"."data_staging"."orders__items"'
    expect(await mergeSqlOf(client, schema, 'orders')).toEqual([
      `CREATE TEMPORARY TABLE "orders_delete" AS SELECT d."_dlt_id" FROM ${o} AS d WHERE EXISTS (SELECT 1 FROM ${so} AS s WHERE d."id" = s."id")`,
      `DELETE FROM ${oi} WHERE "_dlt_root_id" IN (SELECT * FROM "orders_delete")`,
      `DELETE FROM ${o} WHERE "_dlt_id" IN (SELECT * FROM "orders_delete")`,
      `CREATE TEMPORARY TABLE "orders_insert" AS SELECT "_dlt_id" FROM (SELECT ROW_NUMBER() OVER (PARTITION BY "id" ORDER BY rowid DESC) AS _dlt_dedup_rn, "_dlt_id", "deleted" FROM ${so}) AS _dlt_dedup_numbered WHERE _dlt_dedup_rn = 1 AND ("deleted" IS NULL OR "deleted" = FALSE)`,
      `INSERT INTO ${o} ("id", "name", "_dlt_load_id", "_dlt_id", "deleted") SELECT "id", "name", "_dlt_load_id", "_dlt_id", "deleted" FROM ${so} WHERE "_dlt_id" IN (SELECT * FROM "orders_insert")`,
      `INSERT INTO ${oi} ("value", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id") SELECT "value", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id" FROM ${soi} WHERE "_dlt_root_id" IN (SELECT * FROM "orders_insert")`,
      'DROP TABLE IF EXISTS "orders_delete"',
      'DROP TABLE IF EXISTS "orders_insert"',
    ])
    const load = async (loadId: string, rows: (Row & { items?: string[] })[]) => {
      const { roots, nested } = withItems(loadId, rows)
      await loadTables(client, schema, temp.dir, {
        loadId,
        rows: { orders: roots, orders__items: nested },
      })
    }
    await load('1700000006.0', [
      { id: 1, name: 'a', items: ['x', 'y'] },
      { id: 2, name: 'b', items: ['z'] },
      { id: 3, name: 'c', items: ['q'] },
    ])
    await load('1700000007.0', [
      { id: 1, name: 'a-old', items: ['stale'] },
      { id: 1, name: 'a2', items: ['w'] },
      { id: 3, deleted: true, items: ['gone'] },
    ])
    expect(
      await select(
        client,
        `SELECT r.id, r.name, list(n.value ORDER BY n.value) AS items FROM ${o} r LEFT JOIN ${oi} n ON n._dlt_root_id = r._dlt_id GROUP BY ALL ORDER BY r.id`,
      ),
    ).toEqual([
      { id: 1n, name: 'a2', items: ['w'] },
      { id: 2n, name: 'b', items: ['z'] },
    ])
    expect(await select(client, `SELECT count(*) AS n FROM ${oi}`)).toEqual([{ n: 2n }])
  })

  it('deletes by merge key without a primary key and inserts every staging row', async () => {
    const client = openClient('di_merge_key')
    const days = rootTable(
      'events',
      { day: { data_type: 'text', merge_key: true }, value: { data_type: 'bigint' } },
      { writeDisposition: 'merge' },
    )
    const schema = createSchema('di', [days])
    const sql = await mergeSqlOf(client, schema, 'events')
    expect(sql[0]).toContain('WHERE d."day" = s."day")')
    expect(sql[1]).toBe(
      'INSERT INTO "di_merge_key"."data"."events" ("day", "value", "_dlt_load_id", "_dlt_id") SELECT "day", "value", "_dlt_load_id", "_dlt_id" FROM "di_merge_key"."data_staging"."events" WHERE 1 = 1',
    )
    const load = (loadId: string, rows: Row[]) =>
      loadTables(client, schema, temp.dir, { loadId, rows: { events: rootRows(loadId, rows) } })
    await load('1700000008.0', [
      { day: 'mon', value: 1 },
      { day: 'mon', value: 2 },
      { day: 'tue', value: 3 },
    ])
    await load('1700000009.0', [
      { day: 'mon', value: 10 },
      { day: 'mon', value: 20 },
    ])
    expect(
      await select(client, 'SELECT day, value FROM "di_merge_key"."data"."events" ORDER BY value'),
    ).toEqual([
      { day: 'tue', value: 3n },
      { day: 'mon', value: 10n },
      { day: 'mon', value: 20n },
    ])
  })

  it('refuses a nested table without a root key', async () => {
    const client = openClient('di_refuse')
    const child = nestedTable('p__c__d', 'p__c', { value: { data_type: 'text' } })
    delete child.columns['_dlt_root_id']
    const schema = createSchema('di', [table('p'), nestedTable('p__c', 'p', {}), child])
    await expect(mergeSqlOf(client, schema, 'p')).rejects.toThrow(MergeDispositionError)
  })
})

describe('upsert', () => {
  const users = rootTable(
    'users',
    {
      id: { data_type: 'bigint', nullable: false, primary_key: true },
      name: { data_type: 'text' },
      deleted: { data_type: 'bool', hard_delete: true },
    },
    { writeDisposition: 'merge', strategy: 'upsert' },
  )
  const tags = nestedTable('users__tags', 'users', { value: { data_type: 'text' } })
  const userId = (row: Row) => `user-${row['id']}`

  it('updates or inserts roots by primary key and replaces nested rows by root', async () => {
    const client = openClient('upsert')
    const schema = createSchema('up', [users, tags])
    const u = '"upsert"."data"."users"'
    const ut = '"upsert"."data"."users__tags"'
    const su = '"upsert"."data_staging"."users"'
    const sut = '"upsert"."data_staging"."users__tags"'
    const cols = ['"id"', '"name"', '"deleted"', '"_dlt_load_id"', '"_dlt_id"']
    const tagCols = [
      '"value"',
      '"_dlt_root_id"',
      '"_dlt_parent_id"',
      '"_dlt_list_idx"',
      '"_dlt_id"',
    ]
    const set = (c: string[]) => c.map((name) => `${name} = s.${name}`).join(', ')
    const values = (c: string[]) => c.map((name) => `s.${name}`).join(', ')
    expect(await mergeSqlOf(client, schema, 'users')).toEqual([
      `MERGE INTO ${u} AS d USING ${su} AS s ON d."id" = s."id" WHEN MATCHED AND s."deleted" = TRUE THEN DELETE WHEN MATCHED THEN UPDATE SET ${set(cols)} WHEN NOT MATCHED THEN INSERT (${cols.join(', ')}) VALUES (${values(cols)})`,
      `DELETE FROM ${ut} WHERE "_dlt_root_id" IN (SELECT "_dlt_id" FROM ${su}) AND "_dlt_id" NOT IN (SELECT "_dlt_id" FROM ${sut})`,
      `MERGE INTO ${ut} AS d USING ${sut} AS s ON d."_dlt_id" = s."_dlt_id" WHEN MATCHED THEN UPDATE SET ${set(tagCols)} WHEN NOT MATCHED THEN INSERT (${tagCols.join(', ')}) VALUES (${values(tagCols)})`,
      `DELETE FROM ${ut} WHERE "_dlt_root_id" IN (SELECT "_dlt_id" FROM ${su} WHERE "deleted" = TRUE)`,
    ])
    const load = async (loadId: string, rows: (Row & { items?: string[] })[]) => {
      const { roots, nested } = withItems(loadId, rows, userId)
      await loadTables(client, schema, temp.dir, {
        loadId,
        rows: { users: roots, users__tags: nested },
      })
    }
    await load('1700000010.0', [
      { id: 1, name: 'ann', items: ['a', 'b'] },
      { id: 2, name: 'bob', items: ['c'] },
      { id: 3, name: 'cid', items: ['d'] },
    ])
    await load('1700000011.0', [
      { id: 1, name: 'ann2', items: ['a2'] },
      { id: 4, name: 'dan', items: ['e'] },
      { id: 3, deleted: true },
      { id: 5, name: 'eve', deleted: true },
    ])
    const rows = await select(
      client,
      `SELECT r.id, r.name, r._dlt_load_id, list(n.value ORDER BY n._dlt_list_idx) FILTER (WHERE n.value IS NOT NULL) AS tags FROM ${u} r LEFT JOIN ${ut} n ON n._dlt_root_id = r._dlt_id GROUP BY ALL ORDER BY r.id`,
    )
    expect(rows).toEqual([
      { id: 1n, name: 'ann2', _dlt_load_id: '1700000011.0', tags: ['a2'] },
      { id: 2n, name: 'bob', _dlt_load_id: '1700000010.0', tags: ['c'] },
      { id: 4n, name: 'dan', _dlt_load_id: '1700000011.0', tags: ['e'] },
      // dlt: a new row flagged deleted is inserted by upsert's MERGE (only matches are deleted).
      { id: 5n, name: 'eve', _dlt_load_id: '1700000011.0', tags: null },
    ])
    expect(await select(client, `SELECT count(*) AS n FROM ${ut}`)).toEqual([{ n: 3n }])
  })

  it('needs a primary key', async () => {
    const client = openClient('upsert_refuse')
    const noKey = rootTable(
      't',
      { k: { data_type: 'text', merge_key: true } },
      { writeDisposition: 'merge', strategy: 'upsert' },
    )
    await expect(mergeSqlOf(client, createSchema('up', [noKey]), 't')).rejects.toThrow(
      /needs a primary key/,
    )
  })
})

describe('scd2', () => {
  const dim = (extra: Partial<TableSchema> = {}, mergeKey = false) =>
    rootTable(
      'dim',
      {
        id: { data_type: 'bigint', ...(mergeKey ? { merge_key: true } : {}) },
        name: { data_type: 'text' },
      },
      { writeDisposition: 'merge', strategy: 'scd2', extra },
    )
  const tags = nestedTable('dim__tags', 'dim', { value: { data_type: 'text' } })
  // The normalizer's row hash stands in as `h-<id>-<name>`.
  const rowHash = (row: Row) => `h-${row['id']}-${row['name']}`

  async function load(
    client: DuckDbClient,
    schema: Schema,
    loadId: string,
    rows: (Row & { items?: string[] })[],
  ) {
    const { roots, nested } = withItems(loadId, rows, rowHash)
    await loadTables(client, schema, temp.dir, { loadId, rows: { dim: roots, dim__tags: nested } })
  }

  const versions = (client: DuckDbClient, catalog: string) =>
    select(
      client,
      `SELECT id, name, CAST(_dlt_valid_from AS VARCHAR) AS valid_from, CAST(_dlt_valid_to AS VARCHAR) AS valid_to FROM "${catalog}"."data"."dim" ORDER BY id, valid_from`,
    )

  it('retires changed and absent rows and inserts new versions at the load time', async () => {
    const client = openClient('scd2')
    const schema = createSchema('scd', [dim(), tags])
    const t = '"scd2"."data"."dim"'
    const st = '"scd2"."data_staging"."dim"'
    const boundary = "'2023-11-14T22:16:40.500000+00:00'"
    const sql = await mergeSqlOf(client, schema, 'dim', '1700000200.5')
    expect(sql).toEqual([
      `UPDATE ${t} SET "_dlt_valid_to" = ${boundary} WHERE "_dlt_valid_to" IS NULL AND "_dlt_id" NOT IN (SELECT "_dlt_id" FROM ${st})`,
      `INSERT INTO ${t} ("id", "name", "_dlt_load_id", "_dlt_id", "_dlt_valid_from", "_dlt_valid_to") SELECT "id", "name", "_dlt_load_id", "_dlt_id", ${boundary} AS "_dlt_valid_from", NULL AS "_dlt_valid_to" FROM ${st} AS s WHERE "_dlt_id" NOT IN (SELECT "_dlt_id" FROM ${t} WHERE "_dlt_valid_to" IS NULL)`,
      'INSERT INTO "scd2"."data"."dim__tags" ("value", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id") SELECT "value", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id" FROM "scd2"."data_staging"."dim__tags" WHERE "_dlt_id" NOT IN (SELECT "_dlt_id" FROM "scd2"."data"."dim__tags")',
    ])
    await load(client, schema, '1700000100', [
      { id: 1, name: 'a', items: ['x'] },
      { id: 2, name: 'b', items: ['y'] },
      { id: 3, name: 'c' },
    ])
    await load(client, schema, '1700000200.5', [
      { id: 1, name: 'a', items: ['x'] },
      { id: 2, name: 'b2', items: ['y', 'z'] },
    ])
    const first = '2023-11-14 22:15:00+00'
    const second = '2023-11-14 22:16:40.5+00'
    expect(await versions(client, 'scd2')).toEqual([
      { id: 1n, name: 'a', valid_from: first, valid_to: null },
      { id: 2n, name: 'b', valid_from: first, valid_to: second },
      { id: 2n, name: 'b2', valid_from: second, valid_to: null },
      { id: 3n, name: 'c', valid_from: first, valid_to: second },
    ])
    expect(
      await select(
        client,
        'SELECT _dlt_root_id, value FROM "scd2"."data"."dim__tags" ORDER BY _dlt_id',
      ),
    ).toEqual([
      { _dlt_root_id: 'h-1-a', value: 'x' },
      { _dlt_root_id: 'h-2-b', value: 'y' },
      { _dlt_root_id: 'h-2-b2', value: 'y' },
      { _dlt_root_id: 'h-2-b2', value: 'z' },
    ])
  })

  it('retires only rows whose merge key is in the load, and honours an active record timestamp', async () => {
    const client = openClient('scd2_keyed')
    const keyed = dim({}, true)
    keyed.columns['_dlt_valid_to']!['x-active-record-timestamp'] = '9999-12-31'
    const schema = createSchema('scd', [keyed, tags])
    const [retire] = await mergeSqlOf(client, schema, 'dim', '1700000300')
    expect(retire).toBe(
      `UPDATE "scd2_keyed"."data"."dim" SET "_dlt_valid_to" = '2023-11-14T22:18:20.000000+00:00' WHERE "_dlt_valid_to" = '9999-12-31T00:00:00.000Z' AND "_dlt_id" NOT IN (SELECT "_dlt_id" FROM "scd2_keyed"."data_staging"."dim") AND "id" IN (SELECT "id" FROM "scd2_keyed"."data_staging"."dim")`,
    )
    await load(client, schema, '1700000100', [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ])
    await load(client, schema, '1700000300', [{ id: 2, name: 'b2' }])
    expect(await versions(client, 'scd2_keyed')).toEqual([
      {
        id: 1n,
        name: 'a',
        valid_from: '2023-11-14 22:15:00+00',
        valid_to: '9999-12-31 00:00:00+00',
      },
      {
        id: 2n,
        name: 'b',
        valid_from: '2023-11-14 22:15:00+00',
        valid_to: '2023-11-14 22:18:20+00',
      },
      {
        id: 2n,
        name: 'b2',
        valid_from: '2023-11-14 22:18:20+00',
        valid_to: '9999-12-31 00:00:00+00',
      },
    ])
  })

  it('reads the boundary from the load id with microseconds', () => {
    expect(loadIdToIsoTimestamp('1732461234.512345')).toBe('2024-11-24T15:13:54.512345+00:00')
    expect(loadIdToIsoTimestamp('1732461234')).toBe('2024-11-24T15:13:54.000000+00:00')
  })
})
