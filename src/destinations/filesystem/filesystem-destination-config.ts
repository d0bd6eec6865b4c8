/**
 * @module Configuration of the filesystem destination: where the bucket is (a local folder, a
 * `file://` URL, an S3-compatible bucket `s3://…` with its credentials, or any `FileTransport`),
 * the file layout, and the format tables are written in.
 */

import { type AwsCredentialsInput, normalizeAwsCredentials } from '../../buckets/aws-credentials.js'
import {
  bucketTransport,
  isSupportedBucketUrl,
  unsupportedProtocolMessage,
} from '../../buckets/bucket-transport.js'
import type { FileTransport } from '../../buckets/file-transport.js'
import type { DestinationClientConfig } from '../destination.js'
import { DEFAULT_LAYOUT, type PlaceholderValue, validateLayout } from './file-layout.js'

/** The formats the filesystem destination writes. */
export const FILESYSTEM_FILE_FORMATS = ['jsonl', 'parquet', 'csv'] as const
/** A format the filesystem destination writes. */
export type FilesystemFileFormat = (typeof FILESYSTEM_FILE_FORMATS)[number]

/** What `filesystem()` takes. */
export interface FilesystemDestinationConfig {
  /**
   * The bucket: a local folder (relative paths resolve against the pipeline's working directory,
   * `process.cwd()` unless it says otherwise), a `file://` URL, or an S3-compatible bucket
   * `s3://bucket/path` (needs the optional peer `@aws-sdk/client-s3`). Each dataset is a folder
   * in it. Other object stores (`gs://`, `az://`) need a `transport`.
   */
  readonly bucketUrl: string
  /**
   * Credentials of an `s3://` bucket, with dlt's keys (`aws_access_key_id`,
   * `aws_secret_access_key`, `aws_session_token`, `region_name`, `endpoint_url`) or their
   * camelCase forms. Values not given here come from `destination.filesystem.credentials` in
   * configuration, then from the AWS SDK's own chain (`AWS_ACCESS_KEY_ID`, `~/.aws`).
   * @default from configuration
   */
  readonly credentials?: AwsCredentialsInput
  /**
   * Where a table's files go inside the dataset folder, with dlt's placeholders.
   * @default '{table_name}/{load_id}.{file_id}.{ext}'
   */
  readonly layout?: string
  /** Extra placeholders for `layout`: fixed text or a function of the file. @default {} */
  readonly extraPlaceholders?: Readonly<Record<string, PlaceholderValue>>
  /**
   * The clock of the date placeholders (`{YYYY}`, `{timestamp}`, …).
   * @default the time of the load package (its load id), so a retried job writes the same path
   */
  readonly currentDatetime?: Date | (() => Date)
  /**
   * The format of tables without a `loaderFileFormat` hint of their own.
   * @default 'jsonl'
   */
  readonly loaderFileFormat?: FilesystemFileFormat
  /**
   * State files kept per pipeline in `_dlt_pipeline_state/`; older ones are deleted. `0` keeps all.
   * @default 100
   */
  readonly maxStateFiles?: number
  /**
   * The file operations to use instead of the local folder of `bucketUrl` (for an object store,
   * see `FileTransport`). `bucketUrl` then only names the bucket in messages and in the state.
   */
  readonly transport?: FileTransport
}

/** Checks `config` at the API boundary and returns a frozen copy. */
export function validateFilesystemConfig(
  config: FilesystemDestinationConfig,
): FilesystemDestinationConfig {
  if (config === null || typeof config !== 'object') {
    throw new TypeError(
      'The filesystem destination takes an options object, e.g. `filesystem({ bucketUrl: "data/bucket" })`',
    )
  }
  const { bucketUrl, layout, loaderFileFormat, maxStateFiles, transport } = config
  normalizeAwsCredentials(config.credentials)
  if (typeof bucketUrl !== 'string' || bucketUrl.trim() === '') {
    throw new TypeError(
      'The `bucketUrl` option of the filesystem destination must be a folder path or a file:// URL',
    )
  }
  if (!isSupportedBucketUrl(bucketUrl) && !transport) {
    throw new TypeError(unsupportedProtocolMessage('The filesystem destination', bucketUrl))
  }
  if (layout !== undefined && typeof layout !== 'string') {
    throw new TypeError('The `layout` option of the filesystem destination must be a string')
  }
  validateLayout(layout ?? DEFAULT_LAYOUT, config.extraPlaceholders)
  if (
    loaderFileFormat !== undefined &&
    !(FILESYSTEM_FILE_FORMATS as readonly string[]).includes(loaderFileFormat)
  ) {
    throw new TypeError(
      `The \`loaderFileFormat\` option of the filesystem destination must be one of ${FILESYSTEM_FILE_FORMATS.join(', ')}; got "${loaderFileFormat}"`,
    )
  }
  if (maxStateFiles !== undefined && (!Number.isInteger(maxStateFiles) || maxStateFiles < 0)) {
    throw new RangeError('The `maxStateFiles` option must be a non-negative integer')
  }
  return Object.freeze({ ...config })
}

/**
 * The transport of a client: the configured one, else the bucket of `bucketUrl` (a local folder,
 * or S3 with credentials from the config and `destination.filesystem.credentials`).
 */
export function resolveTransport(
  config: FilesystemDestinationConfig,
  clientConfig: DestinationClientConfig,
): FileTransport {
  if (config.transport) return config.transport
  return bucketTransport(config.bucketUrl, {
    credentials: config.credentials,
    sections: ['destination', 'filesystem'],
    pipelineName: clientConfig.pipelineName,
    workingDirectory: clientConfig.workingDirectory,
    purpose: 'The filesystem destination',
  })
}
