/**
 * The filesystem source on an S3-compatible bucket (`s3rver` on 127.0.0.1, started here): file
 * items with `s3://` URLs, gzip CSV, Parquet read through byte ranges, incremental loading, the
 * credentials from configuration (`sources.filesystem.credentials`), and the errors for a missing
 * bucket and refused credentials (secret never shown).
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3FileTransport } from '../../../src/buckets/s3-file-transport.js'
import * as dlt from '../../../src/index.js'
import {
  BucketAccessDeniedError,
  BucketNotFoundError,
  filesystem,
  readCsv,
  readParquet,
} from '../../../src/sources/filesystem/index.js'
import { type S3TestServer, startS3TestServer } from '../../support/s3-test-server.js'
import { createTempPipelineDir, type TempPipelineDir } from '../../support/temp-pipeline.js'

let s3: S3TestServer
let temp: TempPipelineDir
let bucket: S3FileTransport
let count = 0
beforeAll(async () => {
  s3 = await startS3TestServer(['exports'])
  temp = createTempPipelineDir('dlt-ts-fs-s3-source-')
  bucket = new S3FileTransport({
    bucketUrl: 's3://exports',
    credentials: {
      awsAccessKeyId: 'S3RVER',
      awsSecretAccessKey: 'S3RVER',
      endpointUrl: s3.endpointUrl,
    },
    configSection: 'test',
  })
})
afterAll(async () => {
  await bucket?.close()
  await s3?.close()
  temp?.cleanup()
})

const pipeline = () => temp.pipeline(`s3_source_${++count}`, { datasetName: `ds_${count}` })

async function rootCause<T extends Error>(run: Promise<unknown>, type: new (...a: any[]) => T) {
  let error: unknown = await run.then(
    () => undefined,
    (e: unknown) => e,
  )
  const thrown = error
  while (error instanceof Error && !(error instanceof type)) error = error.cause
  expect(error).toBeInstanceOf(type)
  return { thrown: thrown as Error, cause: error as T }
}

describe('filesystem source on s3://', () => {
  it('reads gzip CSV files incrementally with credentials from configuration', async () => {
    await bucket.writeFile('orders/2024/01.csv.gz', gzipSync('id,amount\n1,9.5\n2,3\n'))
    await bucket.writeFile('orders/2024/02.csv', 'id,amount\n3,4.25\n')
    await bucket.writeFile('orders/readme.txt', 'not data')
    const env = {
      SOURCES__FILESYSTEM__CREDENTIALS__AWS_ACCESS_KEY_ID: 'S3RVER',
      SOURCES__FILESYSTEM__CREDENTIALS__AWS_SECRET_ACCESS_KEY: 'S3RVER',
      SOURCES__FILESYSTEM__CREDENTIALS__ENDPOINT_URL: s3.endpointUrl,
    }
    Object.assign(process.env, env)
    try {
      const orders = () =>
        filesystem({
          bucketUrl: 's3://exports/orders',
          fileGlob: '**/*.csv*',
          incremental: dlt.incremental({ cursorPath: 'modification_date' }),
        })
          .pipe(readCsv())
          .withName('orders')
      const p = pipeline()
      expect((await p.run(orders())).rowCounts['orders']).toBe(3)
      expect((await p.run(orders())).rowCounts['orders'] ?? 0).toBe(0)
      // a new file, possibly in the same second as the others: told apart by its file_url
      await bucket.writeFile('orders/2024/03.csv', 'id,amount\n4,1\n')
      expect((await p.run(orders())).rowCounts['orders']).toBe(1)
      const rows = await p.dataset().query('select id, amount from orders order by id')
      expect(rows).toEqual([
        { id: 1, amount: 9.5 },
        { id: 2, amount: 3 },
        { id: 3, amount: 4.25 },
        { id: 4, amount: 1 },
      ])
      const files = pipeline()
      await files.run(filesystem({ bucketUrl: 's3://exports/orders', fileGlob: '**' }))
      expect(
        await files
          .dataset()
          .query('select file_url, relative_path, mime_type from filesystem order by 1'),
      ).toEqual([
        {
          file_url: 's3://exports/orders/2024/01.csv.gz',
          relative_path: '2024/01.csv.gz',
          mime_type: 'text/csv',
        },
        {
          file_url: 's3://exports/orders/2024/02.csv',
          relative_path: '2024/02.csv',
          mime_type: 'text/csv',
        },
        {
          file_url: 's3://exports/orders/2024/03.csv',
          relative_path: '2024/03.csv',
          mime_type: 'text/csv',
        },
        {
          file_url: 's3://exports/orders/readme.txt',
          relative_path: 'readme.txt',
          mime_type: 'text/plain',
        },
      ])
    } finally {
      for (const key of Object.keys(env)) delete process.env[key]
    }
  })

  it('reads Parquet through byte ranges', async () => {
    const file = join(temp.dir, 'events.parquet')
    const instance = await DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    await connection.run(
      `COPY (SELECT i AS id, 'e' || i AS name FROM range(2500) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
    )
    connection.closeSync()
    instance.closeSync()
    await bucket.writeFile('lake/events.parquet', readFileSync(file))
    const p = pipeline()
    const info = await p.run(
      filesystem({
        bucketUrl: 's3://exports/lake',
        fileGlob: '*.parquet',
        credentials: s3.credentials,
      })
        .pipe(readParquet())
        .withName('events'),
    )
    expect(info.rowCounts['events']).toBe(2500)
    expect(await p.dataset().query('select sum(id) as s from events')).toEqual([{ s: 3123750 }])
  })

  it('names a missing bucket, and refused credentials without the secret', async () => {
    const missing = await rootCause(
      pipeline().run(
        filesystem({
          bucketUrl: 's3://nowhere/x',
          fileGlob: '*.csv',
          credentials: s3.credentials,
        }).pipe(readCsv()),
      ),
      BucketNotFoundError,
    )
    expect(missing.cause.message).toMatch(/^Bucket not found: s3:\/\/nowhere\/x does not exist/)
    const secret = 'very-secret-access-key-value-42'
    const refused = await rootCause(
      pipeline().run(
        filesystem({
          bucketUrl: 's3://exports/orders',
          fileGlob: '*.csv',
          credentials: {
            ...s3.credentials,
            aws_access_key_id: 'AKIAWRONGKEY12345',
            aws_secret_access_key: secret,
          },
        }).pipe(readCsv()),
      ),
      BucketAccessDeniedError,
    )
    expect(refused.cause.message).toContain('with access key id AK****45')
    expect(refused.cause.message).toContain('[sources.filesystem.credentials]')
    expect(refused.thrown.message).not.toContain(secret)
    expect(
      JSON.stringify(refused.thrown, Object.getOwnPropertyNames(refused.thrown)),
    ).not.toContain(secret)
  })
})
