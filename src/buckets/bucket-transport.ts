/**
 * @module `bucketTransport`: the transport of a `bucketUrl`, one rule for the filesystem source
 * and destination. A path or `file://` URL is a local folder; `s3://` and `s3a://` are S3 (or
 * an S3-compatible store at `endpoint_url`), with credentials from code or from configuration
 * under `<section>.credentials`. Other protocols are refused with what to do instead.
 */
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ConfigProvider } from '../config/index.js'
import { type AwsCredentialsInput, resolveAwsCredentials } from './aws-credentials.js'
import type { ReadableFileTransport } from './file-transport.js'
import { LocalFileTransport } from './local-file-transport.js'
import { isS3Url, S3FileTransport } from './s3-file-transport.js'

/** Options of `bucketTransport`. */
export interface BucketTransportOptions {
  /** Credentials given in code; missing values come from configuration. */
  readonly credentials?: AwsCredentialsInput | undefined
  /** Config sections of the credentials: `['destination', 'filesystem']`. */
  readonly sections: readonly string[]
  readonly pipelineName?: string | undefined
  readonly providers?: readonly ConfigProvider[] | undefined
  /** Where relative local paths resolve. @default process.cwd() */
  readonly workingDirectory?: string | undefined
  /** Names the user of the bucket in messages: `The filesystem source`. */
  readonly purpose: string
}

/** The protocol of a URL (`s3`), or `undefined` for a plain path. */
export function urlProtocol(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase()
}

/** True when dlt-ts reads and writes `url` by itself: a path, `file://`, `s3://`, `s3a://`. */
export function isSupportedBucketUrl(url: string): boolean {
  const protocol = urlProtocol(url)
  return protocol === undefined || protocol === 'file' || isS3Url(url)
}

/** The message for a bucket URL of a protocol dlt-ts does not speak. */
export function unsupportedProtocolMessage(purpose: string, url: string): string {
  return (
    `${purpose} cannot use "${urlProtocol(url)}://" buckets (${url}): dlt-ts reads and writes ` +
    'local folders, file:// URLs and S3-compatible buckets (s3://); for another store pass a ' +
    '`transport` (see FileTransport)'
  )
}

/**
 * The transport of `bucketUrl`.
 * @throws TypeError for an unsupported protocol; MissingPeerDependencyError for `s3://` without
 *   `@aws-sdk/client-s3`; config errors for malformed credentials in configuration.
 */
export function bucketTransport(
  bucketUrl: string,
  options: BucketTransportOptions,
): ReadableFileTransport {
  if (isS3Url(bucketUrl)) {
    const credentials = resolveAwsCredentials(options.credentials, {
      sections: options.sections,
      pipelineName: options.pipelineName,
      providers: options.providers,
    })
    return new S3FileTransport({
      bucketUrl,
      credentials,
      configSection: options.sections.join('.'),
    })
  }
  const protocol = urlProtocol(bucketUrl)
  if (protocol !== undefined && protocol !== 'file') {
    throw new TypeError(unsupportedProtocolMessage(options.purpose, bucketUrl))
  }
  const path = protocol === 'file' ? fileURLToPath(bucketUrl) : bucketUrl
  const root = isAbsolute(path) ? path : resolve(options.workingDirectory ?? process.cwd(), path)
  return new LocalFileTransport(root)
}
