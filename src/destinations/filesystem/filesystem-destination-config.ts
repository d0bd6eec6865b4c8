/**
 * @module Configuration of the filesystem destination: where the bucket is (a local folder or a
 * `file://` URL, or any `FileTransport`), the file layout, and the format tables are written in.
 */
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DestinationClientConfig } from '../destination.js'
import { DEFAULT_LAYOUT, type PlaceholderValue, validateLayout } from './file-layout.js'
import type { FileTransport } from './file-transport.js'
import { LocalFileTransport } from './local-file-transport.js'

/** The formats the filesystem destination writes. */
export const FILESYSTEM_FILE_FORMATS = ['jsonl', 'parquet', 'csv'] as const
/** A format the filesystem destination writes. */
export type FilesystemFileFormat = (typeof FILESYSTEM_FILE_FORMATS)[number]

/** What `filesystem()` takes. */
export interface FilesystemDestinationConfig {
  /**
   * The bucket: a local folder (relative paths resolve against the pipeline's working directory,
   * `process.cwd()` unless it says otherwise) or a `file://` URL. Each dataset is a folder in it.
   * Object stores (`s3://`, `gs://`, `az://`) need a `transport`.
   */
  readonly bucketUrl: string
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
  if (typeof bucketUrl !== 'string' || bucketUrl.trim() === '') {
    throw new TypeError(
      'The `bucketUrl` option of the filesystem destination must be a folder path or a file:// URL',
    )
  }
  const protocol = /^([a-z][a-z0-9+.-]*):\/\//i.exec(bucketUrl)?.[1]?.toLowerCase()
  if (protocol && protocol !== 'file' && !transport) {
    throw new TypeError(
      `The \`bucketUrl\` "${protocol}://…" needs a \`transport\` for that protocol: dlt-ts writes ` +
        'local folders and file:// URLs by itself',
    )
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

/** The transport of a client: the configured one, or the local folder of `bucketUrl`. */
export function resolveTransport(
  config: FilesystemDestinationConfig,
  clientConfig: DestinationClientConfig,
): FileTransport {
  if (config.transport) return config.transport
  const url = config.bucketUrl
  const path = /^file:\/\//i.test(url) ? fileURLToPath(url) : url
  const root = isAbsolute(path)
    ? path
    : resolve(clientConfig.workingDirectory ?? process.cwd(), path)
  return new LocalFileTransport(root)
}
