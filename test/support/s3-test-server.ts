/**
 * @module Test helper: a local S3-compatible server (`s3rver`) on 127.0.0.1 and a free port, its
 * objects in a temp folder, with the buckets a test asks for. Nothing reaches the internet. The
 * server knows one access key id, `S3RVER` (secret `S3RVER`); other key ids are refused.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver'

/** A running server; `close()` stops it and removes its folder. */
export interface S3TestServer {
  /** `http://127.0.0.1:<port>`: the `endpoint_url`. */
  readonly endpointUrl: string
  /** Credentials the server accepts, with dlt's keys. */
  readonly credentials: {
    readonly aws_access_key_id: string
    readonly aws_secret_access_key: string
    readonly endpoint_url: string
    readonly region_name: string
  }
  close(): Promise<void>
}

/** Starts s3rver with `buckets` created. */
export async function startS3TestServer(buckets: readonly string[]): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'dlt-ts-s3rver-'))
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  })
  const { port } = (await server.run()) as { port: number }
  const endpointUrl = `http://127.0.0.1:${port}`
  return {
    endpointUrl,
    credentials: {
      aws_access_key_id: 'S3RVER',
      aws_secret_access_key: 'S3RVER',
      endpoint_url: endpointUrl,
      region_name: 'us-east-1',
    },
    close: async () => {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
