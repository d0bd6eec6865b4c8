/**
 * The sources of the partition and refresh tests, exported for the workers, configured by the
 * environment (set before this module is imported): `files`, the CSV files of the folder
 * `DLT_TEST_BUCKET`, two per page, incremental on `modification_date` (a task per page); and
 * `tables`, every table of the PostgreSQL schema `DLT_TEST_PG_SCHEMA` (a task per table); and
 * `keyed`, its table `items` in four ranges of `id` (a task per range).
 */

import * as dlt from '../../../../src/index.js'
import { filesystem, readCsv } from '../../../../src/sources/filesystem/index.js'
import { sqlDatabase, sqlTable } from '../../../../src/sources/sql-database/index.js'
import { PG_URL } from '../../sql-database/sql-test-servers.js'

const bucket = process.env['DLT_TEST_BUCKET']
const pgSchema = process.env['DLT_TEST_PG_SCHEMA']

export const files = bucket
  ? dlt.source(
      () => [
        filesystem({
          bucketUrl: bucket,
          fileGlob: '*.csv',
          filesPerPage: 2,
          incremental: dlt.incremental({ cursorPath: 'modification_date' }),
        })
          .pipe(readCsv())
          .withName('orders'),
      ],
      { name: 'files' },
    )
  : undefined

export const tables = pgSchema
  ? await sqlDatabase({ credentials: PG_URL, schema: pgSchema })
  : undefined

const items = pgSchema
  ? await sqlTable({
      credentials: PG_URL,
      schema: pgSchema,
      table: 'items',
      partitions: { column: 'id', count: 4 },
    })
  : undefined

export const keyed = items ? dlt.source(() => [items], { name: 'keyed' }) : undefined
