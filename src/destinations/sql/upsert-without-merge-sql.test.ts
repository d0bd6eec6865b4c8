import { describe, expect, it } from 'vitest'
import type { TableSchema } from '../../schema/schema-types.js'
import { DestinationCapabilitiesBase } from '../capabilities.js'
import { mergeSql } from './merge-sql.js'
import { QualifiedNames } from './qualified-names.js'
import { DefaultSqlGenerator } from './sql-generator.js'

class NoMergeDialect extends DefaultSqlGenerator {
  readonly supportsMerge = false
}
class Capabilities extends DestinationCapabilitiesBase {}

const dialect = new NoMergeDialect(new Capabilities())
const names = new QualifiedNames(dialect, 'ds')
const context = { dialect, names, tempTableName: (root: string, op: string) => `${root}_${op}` }

const root: TableSchema = {
  name: 'users',
  columns: {
    id: { name: 'id', data_type: 'bigint', primary_key: true },
    deleted: { name: 'deleted', data_type: 'bool', hard_delete: true },
    _dlt_id: { name: '_dlt_id', data_type: 'text', row_key: true, unique: true },
  },
}
const nested: TableSchema = {
  name: 'users__kids',
  parent: 'users',
  columns: {
    value: { name: 'value', data_type: 'bigint' },
    _dlt_root_id: { name: '_dlt_root_id', data_type: 'text', root_key: true },
    _dlt_id: { name: '_dlt_id', data_type: 'text', row_key: true, unique: true },
  },
}
const spec = (strategy: 'upsert' | 'insert-only') => ({
  loadId: '1',
  tableChain: [root, nested],
  strategy,
})

describe('upsert and insert-only without MERGE', () => {
  it('deletes flagged matched rows, updates the other matched ones, inserts the new ones', () => {
    expect(mergeSql(context, spec('upsert'))).toEqual([
      'CREATE TEMPORARY TABLE "users_delete" AS SELECT s."id" FROM "ds_staging"."users" AS s ' +
        'WHERE (s."deleted" = TRUE) AND EXISTS (SELECT 1 FROM "ds"."users" AS d WHERE d."id" = s."id")',
      'DELETE FROM "ds"."users" AS d WHERE EXISTS (SELECT 1 FROM "users_delete" AS s WHERE d."id" = s."id")',
      'UPDATE "ds"."users" AS d SET "id" = s."id", "deleted" = s."deleted", "_dlt_id" = s."_dlt_id" ' +
        'FROM "ds_staging"."users" AS s WHERE d."id" = s."id"',
      'INSERT INTO "ds"."users" ("id", "deleted", "_dlt_id") SELECT s."id", s."deleted", s."_dlt_id" ' +
        'FROM "ds_staging"."users" AS s WHERE NOT EXISTS (SELECT 1 FROM "ds"."users" AS d WHERE d."id" = s."id") ' +
        'AND (NOT EXISTS (SELECT 1 FROM "users_delete" AS k WHERE k."id" = s."id"))',
      'DROP TABLE IF EXISTS "users_delete"',
      'DELETE FROM "ds"."users__kids" WHERE "_dlt_root_id" IN (SELECT "_dlt_id" FROM "ds_staging"."users") ' +
        'AND "_dlt_id" NOT IN (SELECT "_dlt_id" FROM "ds_staging"."users__kids")',
      'UPDATE "ds"."users__kids" AS d SET "value" = s."value", "_dlt_root_id" = s."_dlt_root_id", ' +
        '"_dlt_id" = s."_dlt_id" FROM "ds_staging"."users__kids" AS s WHERE d."_dlt_id" = s."_dlt_id"',
      'INSERT INTO "ds"."users__kids" ("value", "_dlt_root_id", "_dlt_id") SELECT s."value", ' +
        's."_dlt_root_id", s."_dlt_id" FROM "ds_staging"."users__kids" AS s WHERE NOT EXISTS ' +
        '(SELECT 1 FROM "ds"."users__kids" AS d WHERE d."_dlt_id" = s."_dlt_id")',
      'DELETE FROM "ds"."users__kids" WHERE "_dlt_root_id" IN ' +
        '(SELECT "_dlt_id" FROM "ds_staging"."users" WHERE "deleted" = TRUE)',
    ])
  })

  it('insert-only inserts keys not there yet, minus flagged rows, and nested rows by row key', () => {
    expect(mergeSql(context, spec('insert-only'))).toEqual([
      'INSERT INTO "ds"."users" ("id", "deleted", "_dlt_id") SELECT s."id", s."deleted", s."_dlt_id" ' +
        'FROM "ds_staging"."users" AS s WHERE NOT EXISTS (SELECT 1 FROM "ds"."users" AS d WHERE d."id" = s."id") ' +
        'AND (s."deleted" IS NULL OR s."deleted" = FALSE)',
      'INSERT INTO "ds"."users__kids" ("value", "_dlt_root_id", "_dlt_id") SELECT s."value", ' +
        's."_dlt_root_id", s."_dlt_id" FROM "ds_staging"."users__kids" AS s WHERE NOT EXISTS ' +
        '(SELECT 1 FROM "ds"."users__kids" AS d WHERE d."_dlt_id" = s."_dlt_id")',
    ])
  })
})
