/**
 * The filesystem destination on an S3-compatible bucket (`s3rver` on 127.0.0.1, started here):
 * the same layout and system files as in a local folder, state restored from the bucket,
 * `dataset()` reading the tables back, credentials from code and from configuration, and the
 * errors for a missing bucket and refused credentials (the secret never shown).
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BucketAccessDeniedError, BucketNotFoundError } from '../../../src/buckets/bucket-errors.js'
import { S3FileTransport } from '../../../src/buckets/s3-file-transport.js'
import { filesystem } from '../../../src/destinations/filesystem/index.js'
import * as dlt from '../../../src/index.js'
import { type S3TestServer, startS3TestServer } from '../../support/s3-test-server.js'
import { createTempDir, type TempDir } from './destination-test-kit.js'

let s3: S3TestServer
let temp: TempDir
beforeAll(async () => {
  s3 = await startS3TestServer(['lake'])
  temp = createTempDir('dlt-ts-fs-s3-')
})
afterAll(async () => {
  await s3?.close()
  temp?.cleanup()
})

function s3Pipeline(name: string, bucketUrl: string, credentials: object = s3.credentials) {
  return dlt.pipeline({
    pipelineName: name,
    destination: filesystem({ bucketUrl, credentials, loaderFileFormat: 'parquet' }),
    datasetName: 'data',
    pipelinesDir: temp.path('pipelines'),
  })
}

async function keysIn(bucketUrl: string): Promise<string[]> {
  const transport = new S3FileTransport({
    bucketUrl,
    credentials: {
      awsAccessKeyId: 'S3RVER',
      awsSecretAccessKey: 'S3RVER',
      endpointUrl: s3.endpointUrl,
    },
    configSection: 'test',
  })
  try {
    return (await transport.listFiles('')).sort()
  } finally {
    await transport.close()
  }
}

describe('filesystem destination on s3://', () => {
  it('writes dlt’s layout and system files under the bucket path, and reads them back', async () => {
    const pipeline = s3Pipeline('s3_layout', 's3://lake/exports')
    const info = await pipeline.run(
      [
        { id: 1, tags: ['a', 'b'] },
        { id: 2, tags: [] },
      ],
      {
        tableName: 'items',
      },
    )
    const loadId = info.loadPackages[0]!.loadId
    const hashHex = Buffer.from(pipeline.schema!.version_hash, 'base64').toString('hex')
    const keys = await keysIn('s3://lake/exports')
    expect(keys).toEqual([
      `data/_dlt_loads/s3_layout__${loadId}.jsonl`,
      `data/_dlt_pipeline_state/s3_layout__${loadId}__${hashHex}.jsonl`,
      expect.stringMatching(
        new RegExp(`^data/_dlt_version/s3_layout__\\d+\\.\\d+__${hashHex}\\.jsonl$`),
      ),
      'data/init',
      expect.stringMatching(
        new RegExp(`^data/items/${loadId.replace('.', '\\.')}\\.[0-9a-f]+\\.parquet$`),
      ),
      expect.stringMatching(
        new RegExp(`^data/items__tags/${loadId.replace('.', '\\.')}\\.[0-9a-f]+\\.parquet$`),
      ),
    ])
    const rows = await pipeline.dataset().query('select id from items order by id')
    expect(rows.map((row) => row['id'])).toEqual([1, 2])
    const tags = await pipeline.dataset().query('select value from items__tags order by value')
    expect(tags.map((row) => row['value'])).toEqual(['a', 'b'])
  })

  it('replaces files and restores state from the bucket when the working directory is gone', async () => {
    const seen: unknown[] = []
    const events = (ids: number[]) =>
      dlt.resource(
        async function* ({ incremental }) {
          seen.push(incremental?.lastValue)
          yield ids.filter((id) => id > Number(incremental?.lastValue ?? 0)).map((id) => ({ id }))
        },
        { name: 'events', incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }) },
      )
    const first = s3Pipeline('s3_restore', 's3://lake/restore')
    await first.run(events([1, 2]))
    rmSync(first.workingDir, { recursive: true, force: true })
    const fresh = s3Pipeline('s3_restore', 's3://lake/restore')
    const info = await fresh.run(events([1, 2, 3]))
    expect(info.firstRun).toBe(false)
    expect(seen).toEqual([0, 2])
    const ids = async () =>
      (await fresh.dataset().query('select id from events order by id')).map((r) => r['id'])
    expect(await ids()).toEqual([1, 2, 3])
    await fresh.run([{ id: 9 }], { tableName: 'events', writeDisposition: 'replace' })
    expect(await ids()).toEqual([9])
    expect(
      (await keysIn('s3://lake/restore')).filter((k) => k.startsWith('data/events/')),
    ).toHaveLength(1)
  })

  it('takes credentials and the bucket from configuration (destination.filesystem)', async () => {
    const env = {
      DESTINATION__FILESYSTEM__BUCKET_URL: 's3://lake/from_config',
      DESTINATION__FILESYSTEM__CREDENTIALS__AWS_ACCESS_KEY_ID: 'S3RVER',
      DESTINATION__FILESYSTEM__CREDENTIALS__AWS_SECRET_ACCESS_KEY: 'S3RVER',
      DESTINATION__FILESYSTEM__CREDENTIALS__ENDPOINT_URL: s3.endpointUrl,
    }
    Object.assign(process.env, env)
    try {
      const pipeline = dlt.pipeline({
        pipelineName: 's3_config',
        destination: 'filesystem',
        datasetName: 'data',
        pipelinesDir: temp.path('pipelines'),
      })
      await pipeline.run([{ id: 1 }], { tableName: 'things' })
      expect(
        (await keysIn('s3://lake/from_config')).some((k) => k.startsWith('data/things/')),
      ).toBe(true)
    } finally {
      for (const key of Object.keys(env)) delete process.env[key]
    }
  })

  it('names a missing bucket, and refused credentials without showing the secret', async () => {
    const missing = s3Pipeline('s3_missing', 's3://no-such-bucket/x')
    const error = await missing.run([{ id: 1 }], { tableName: 't' }).catch((e: unknown) => e)
    expect(findCause(error, BucketNotFoundError)?.message).toMatch(
      /Bucket not found: s3:\/\/no-such-bucket\/x does not exist/,
    )
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const refused = s3Pipeline('s3_refused', 's3://lake/x', {
      ...s3.credentials,
      aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
      aws_secret_access_key: secret,
    })
    const denied = await refused.run([{ id: 1 }], { tableName: 't' }).catch((e: unknown) => e)
    const cause = findCause(denied, BucketAccessDeniedError)
    expect(cause?.message).toMatch(
      /Access to bucket s3:\/\/lake\/x was refused \(InvalidAccessKeyId\) with access key id AK\*\*\*\*LE: check aws_access_key_id and aws_secret_access_key in \[destination\.filesystem\.credentials\]/,
    )
    expect(String((denied as Error).message)).not.toContain(secret)
    expect(JSON.stringify(denied, Object.getOwnPropertyNames(denied))).not.toContain(secret)
  })
})

function findCause<T extends Error>(
  error: unknown,
  type: new (...args: any[]) => T,
): T | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof type) return e
  return undefined
}
