/**
 * @module `S3FileTransport`: a bucket on S3 or an S3-compatible store (MinIO, R2, Ceph, s3rver),
 * `s3://bucket/prefix`, through the official AWS SDK (`@aws-sdk/client-s3`, an optional peer
 * imported on first use). Keys are relative to the prefix, so the filesystem destination's layout
 * and state files are the same as in a local folder. An object store writes an object whole or
 * not at all, so `writeFile`/`putFile` need no temp objects. With `endpoint_url` the client uses
 * path-style addressing (`http://host/bucket/key`), which every S3-compatible server understands.
 *
 * Errors from the store become `BucketNotFoundError` (no such bucket) and
 * `BucketAccessDeniedError` (unknown key, bad signature, access denied; the key id masked).
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { isDltError, TerminalError, TransientError, toError } from '../errors/dlt-error.js'
import { assertPeersInstalled } from '../util/optional-peers.js'
import { type AwsCredentials, displayAccessKeyId } from './aws-credentials.js'
import { BucketAccessDeniedError, BucketNotFoundError } from './bucket-errors.js'
import type { FileEntry, ReadableFileTransport } from './file-transport.js'

/** The protocols read as S3 buckets (dlt: `S3_PROTOCOLS`). */
export const S3_PROTOCOLS = ['s3', 's3a'] as const

/** True for `s3://…` and `s3a://…` URLs. */
export function isS3Url(url: string): boolean {
  return /^s3a?:\/\//i.test(url)
}

/** Bucket and key prefix of `s3://bucket/prefix/` (the prefix without slashes at its ends). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3a?:\/\/([^/?#]+)\/?([^?#]*)$/i.exec(url)
  if (!match?.[1]) {
    throw new TypeError(`The bucket URL "${url}" is not of the form s3://<bucket>/<path>`)
  }
  return { bucket: match[1], prefix: (match[2] ?? '').replace(/^\/+|\/+$/g, '') }
}

/** Options of `S3FileTransport`. */
export interface S3FileTransportOptions {
  /** `s3://bucket/prefix`. */
  readonly bucketUrl: string
  readonly credentials: AwsCredentials
  /** The config section the credentials come from, for messages: `destination.filesystem`. */
  readonly configSection: string
}

/** The slice of `@aws-sdk/client-s3` used here, so the SDK stays an optional peer. */
interface S3Sdk {
  S3Client: new (config: Record<string, unknown>) => S3ClientLike
  PutObjectCommand: new (input: Record<string, unknown>) => unknown
  GetObjectCommand: new (input: Record<string, unknown>) => unknown
  ListObjectsV2Command: new (input: Record<string, unknown>) => unknown
  DeleteObjectCommand: new (input: Record<string, unknown>) => unknown
  HeadBucketCommand: new (input: Record<string, unknown>) => unknown
}

interface S3ClientLike {
  send(command: unknown): Promise<any>
  destroy(): void
}

interface S3Body {
  transformToString(encoding?: string): Promise<string>
  transformToByteArray(): Promise<Uint8Array>
}

const PEER = '@aws-sdk/client-s3'

/** Network errors a retry may get past. */
const TRANSIENT_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']

/** A bucket on an S3-compatible object store. */
export class S3FileTransport implements ReadableFileTransport {
  readonly bucket: string
  /** Keys of this transport live below this prefix of the bucket (`''`: the bucket root). */
  readonly prefix: string
  /** `region_name`, else `AWS_REGION`, else `us-east-1`. */
  readonly region: string
  readonly #options: S3FileTransportOptions
  #client: Promise<{ sdk: S3Sdk; client: S3ClientLike }> | undefined

  /** @throws MissingPeerDependencyError when `@aws-sdk/client-s3` is not installed. */
  constructor(options: S3FileTransportOptions) {
    assertPeersInstalled(`Reading and writing ${options.bucketUrl}`, [PEER])
    const { bucket, prefix } = parseS3Url(options.bucketUrl)
    this.bucket = bucket
    this.prefix = prefix
    this.region = options.credentials.regionName ?? process.env['AWS_REGION'] ?? 'us-east-1'
    this.#options = options
  }

  get location(): string {
    return `s3://${this.bucket}${this.prefix ? `/${this.prefix}` : ''}`
  }

  async writeFile(key: string, data: string | Uint8Array): Promise<void> {
    await this.#send('PutObjectCommand', { Key: this.#key(key), Body: data })
  }

  async putFile(localPath: string, key: string): Promise<void> {
    // streamed with its length: a large loader file is never held in memory
    const { size } = await stat(localPath)
    await this.#send('PutObjectCommand', {
      Key: this.#key(key),
      Body: createReadStream(localPath),
      ContentLength: size,
    })
  }

  async readText(key: string): Promise<string | undefined> {
    const response = await this.#send('GetObjectCommand', { Key: this.#key(key) }, true)
    if (response === undefined) return undefined
    return (response.Body as S3Body).transformToString('utf-8')
  }

  async listFiles(folderKey: string): Promise<string[]> {
    return (await this.listEntries(folderKey)).map((entry) => entry.key)
  }

  async listEntries(folderKey: string): Promise<FileEntry[]> {
    const folder = this.#key(folderKey)
    const prefix = folder === '' ? '' : `${folder}/`
    const strip = this.prefix === '' ? 0 : this.prefix.length + 1
    const entries: FileEntry[] = []
    let token: string | undefined
    do {
      const page = await this.#send('ListObjectsV2Command', {
        Prefix: prefix,
        ...(token ? { ContinuationToken: token } : {}),
      })
      for (const object of page.Contents ?? []) {
        const key = String(object.Key)
        // "folder" markers some tools create are not files
        if (key.endsWith('/')) continue
        entries.push({
          key: key.slice(strip),
          size: Number(object.Size ?? 0),
          modified: new Date(object.LastModified ?? 0),
        })
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return entries
  }

  async deleteFile(key: string): Promise<void> {
    await this.#send('DeleteObjectCommand', { Key: this.#key(key) })
  }

  /** Object stores have no folders. */
  async makeFolder(_folderKey: string): Promise<void> {}

  readUrl(key: string): string {
    return this.fileUrl(key)
  }

  fileUrl(key: string): string {
    return `s3://${this.bucket}/${this.#key(key)}`
  }

  async openRead(key: string): Promise<Readable> {
    const response = await this.#send('GetObjectCommand', { Key: this.#key(key) })
    const body = response.Body as unknown
    // in Node the SDK's body is an http.IncomingMessage, a Readable
    return body instanceof Readable ? body : Readable.from(body as AsyncIterable<Uint8Array>)
  }

  async readRange(key: string, start: number, end: number): Promise<Uint8Array> {
    if (end <= start) return new Uint8Array(0)
    const response = await this.#send('GetObjectCommand', {
      Key: this.#key(key),
      Range: `bytes=${start}-${end - 1}`,
    })
    return (response.Body as S3Body).transformToByteArray()
  }

  /** Checks that the bucket exists and the credentials may use it. */
  async assertBucket(): Promise<void> {
    await this.#send('HeadBucketCommand', {})
  }

  /** Closes the SDK client's connections. */
  async close(): Promise<void> {
    const opened = this.#client
    this.#client = undefined
    const client = await opened?.catch(() => undefined)
    client?.client.destroy()
  }

  #key(key: string): string {
    if (this.prefix === '') return key
    return key === '' ? this.prefix : `${this.prefix}/${key}`
  }

  #open(): Promise<{ sdk: S3Sdk; client: S3ClientLike }> {
    this.#client ??= (async () => {
      const sdk = (await import(PEER)) as unknown as S3Sdk
      const { credentials } = this.#options
      const config: Record<string, unknown> = {
        region: this.region,
      }
      if (credentials.endpointUrl) {
        config['endpoint'] = credentials.endpointUrl
        config['forcePathStyle'] = true
        // dlt: S3-compatible stores do not all compute the SDK's newer checksums
        config['requestChecksumCalculation'] = 'WHEN_REQUIRED'
        config['responseChecksumValidation'] = 'WHEN_REQUIRED'
      }
      if (credentials.awsAccessKeyId && credentials.awsSecretAccessKey) {
        config['credentials'] = {
          accessKeyId: credentials.awsAccessKeyId,
          secretAccessKey: credentials.awsSecretAccessKey,
          ...(credentials.awsSessionToken ? { sessionToken: credentials.awsSessionToken } : {}),
        }
      }
      return { sdk, client: new sdk.S3Client(config) }
    })()
    return this.#client
  }

  /**
   * Sends one command to the bucket; store errors become dlt-ts errors. With `missingIsUndefined`
   * a missing key resolves to `undefined`.
   */
  async #send(
    command: Exclude<keyof S3Sdk, 'S3Client'>,
    input: Record<string, unknown>,
    missingIsUndefined = false,
  ): Promise<any> {
    const { sdk, client } = await this.#open()
    try {
      return await client.send(new sdk[command]({ Bucket: this.bucket, ...input }))
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name
      const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
        ?.httpStatusCode
      if (missingIsUndefined && (name === 'NoSuchKey' || name === 'NotFound')) return undefined
      throw this.#translate(error, String(name), status, input['Key'])
    }
  }

  #translate(error: unknown, name: string, status: number | undefined, key: unknown): Error {
    if (isDltError(error)) return error
    const cause = toError(error)
    const { credentials, configSection } = this.#options
    if (name === 'NoSuchBucket' || (name === 'NotFound' && key === undefined)) {
      return new BucketNotFoundError(this.location, { cause })
    }
    if (
      ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'Forbidden'].includes(name) ||
      status === 403
    ) {
      return new BucketAccessDeniedError(
        this.location,
        displayAccessKeyId(credentials),
        name,
        configSection,
        { cause },
      )
    }
    const where = typeof key === 'string' ? `s3://${this.bucket}/${key}` : this.location
    if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
      return new TerminalError(
        `S3 request failed for ${where}: the bucket is in another region than ` +
          `"${this.region}"; set region_name in [${configSection}.credentials] ` +
          '(or the `credentials` option)',
        { cause },
      )
    }
    const code = (error as { code?: unknown } | null)?.code
    if (
      (status !== undefined && status >= 500) ||
      name === 'TimeoutError' ||
      (typeof code === 'string' && TRANSIENT_CODES.includes(code))
    ) {
      return new TransientError(`S3 request failed for ${where}: ${name}: ${cause.message}`, {
        cause,
      })
    }
    return new TerminalError(`S3 request failed for ${where}: ${name}: ${cause.message}`, {
      cause,
    })
  }
}
