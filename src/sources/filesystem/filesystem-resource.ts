/**
 * @module `filesystem()`: dlt's `filesystem` resource. Lists the files of a bucket (a local
 * folder, `file://` or `s3://`) that match `fileGlob`, sorted by relative path, and yields them as
 * pages of `filesPerPage` file items; readers (`readCsv`, `readJsonl`, `readParquet`) piped after
 * it turn each file into rows. With `incremental` on `modification_date`, only files new or
 * changed since the last run are yielded (files with the same time are told apart by
 * `file_url`, the resource's primary key, as in dlt).
 *
 * `bucketUrl` and the credentials come from code or from configuration: `sources.filesystem.
 * bucket_url` and `[sources.filesystem.credentials]` (dlt's sections for the resource).
 */

import type { AwsCredentialsInput } from '../../buckets/aws-credentials.js'
import { normalizeAwsCredentials } from '../../buckets/aws-credentials.js'
import { bucketTransport } from '../../buckets/bucket-transport.js'
import type { FileEntry, ReadableFileTransport } from '../../buckets/file-transport.js'
import type { ConfigProvider } from '../../config/index.js'
import { config, defineConfig, resolveConfig } from '../../config/index.js'
import { compareCursorValues } from '../../extract/incremental/cursor-compare.js'
import type { IncrementalSpec } from '../../extract/incremental/index.js'
import { type Resource, resource } from '../../extract/resource.js'
import { createFileItem, type FileItemDict } from './file-item.js'
import { compileGlob, type GlobPattern } from './glob-pattern.js'

/** Options of `filesystem()`. */
export interface FilesystemOptions {
  /**
   * The folder or bucket to list: a local path (relative to the current directory), a `file://`
   * URL, or `s3://bucket/path` (needs the optional peer `@aws-sdk/client-s3`).
   * @default `sources.filesystem.bucket_url` from configuration
   */
  readonly bucketUrl?: string
  /**
   * Which files, relative to `bucketUrl`: `*` (the folder itself), `**\/*.csv` (any depth),
   * `2024/*\/orders_??.csv.gz`, `*.{csv,tsv}`.
   * @default '*'
   */
  readonly fileGlob?: string
  /** File items per page the resource yields (and readers receive). @default 100 */
  readonly filesPerPage?: number
  /** Puts each file's bytes in `file_content` (small files only: they travel with the item). @default false */
  readonly extractContent?: boolean
  /**
   * Incremental loading on a file field, usually
   * `dlt.incremental({ cursorPath: 'modification_date' })`: only files written since the last
   * run are yielded. With `rowOrder`, files are sorted by the cursor instead of their path.
   */
  readonly incremental?: IncrementalSpec<FileItemDict>
  /**
   * Credentials of an `s3://` bucket with dlt's keys (`aws_access_key_id`,
   * `aws_secret_access_key`, `aws_session_token`, `region_name`, `endpoint_url`) or their
   * camelCase forms; missing values come from `[sources.filesystem.credentials]`, then the AWS
   * SDK's own chain.
   * @default from configuration
   */
  readonly credentials?: AwsCredentialsInput
  /** The resource's name: its table when loaded directly, and its key in the state. @default 'filesystem' */
  readonly name?: string
  /** The files to list instead of the bucket of `bucketUrl` (another object store, a test double). */
  readonly transport?: ReadableFileTransport
  /** Where configuration comes from. @default environment, `.dlt/secrets.toml`, `.dlt/config.toml` */
  readonly providers?: readonly ConfigProvider[]
}

/** dlt's default `files_per_page`. */
const DEFAULT_FILES_PER_PAGE = 100

const FILESYSTEM_SETTINGS = defineConfig(
  { bucketUrl: config.string() },
  { name: 'FilesystemSource' },
)

/**
 * The `filesystem` resource: the files of a bucket matching `fileGlob`, as pages of file items.
 * Pipe it into a reader to load the files' rows, or load the items themselves as a file list.
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 * import { filesystem, readCsv } from 'dlt-ts/filesystem'
 *
 * const files = filesystem({
 *   bucketUrl: 's3://exports/orders',
 *   fileGlob: '**\/*.csv.gz',
 *   incremental: dlt.incremental({ cursorPath: 'modification_date' }),
 * })
 * await pipeline.run(files.pipe(readCsv()).withName('orders'))
 * ```
 * @throws TypeError for a malformed option; ConfigFieldMissingError when `bucketUrl` is nowhere.
 */
export function filesystem(options: FilesystemOptions = {}): Resource<FileItemDict> {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('filesystem() takes an options object, e.g. { bucketUrl: "data/exports" }')
  }
  const name = options.name ?? 'filesystem'
  const sections = ['sources', 'filesystem', ...(name === 'filesystem' ? [] : [name])]
  const fileGlob = options.fileGlob ?? '*'
  const glob = compileGlob(fileGlob)
  const filesPerPage = options.filesPerPage ?? DEFAULT_FILES_PER_PAGE
  if (!Number.isInteger(filesPerPage) || filesPerPage < 1) {
    throw new RangeError('filesystem(): `filesPerPage` must be an integer >= 1')
  }
  normalizeAwsCredentials(options.credentials)
  const providers = options.providers ? { providers: options.providers } : {}
  const { bucketUrl } = resolveConfig(FILESYSTEM_SETTINGS, {
    sections,
    explicit: { bucketUrl: options.bucketUrl },
    ...providers,
  })
  const transport =
    options.transport ??
    bucketTransport(bucketUrl, {
      credentials: options.credentials,
      sections,
      providers: options.providers,
      purpose: 'The filesystem source',
    })
  const order = sortOrder(options.incremental)
  const sortedFiles = async () => (await matchingFiles(transport, glob)).sort(order)
  async function* pagesOf(items: FileItemDict[]): AsyncGenerator<FileItemDict[]> {
    for (let start = 0; start < items.length; start += filesPerPage) {
      const page = items.slice(start, start + filesPerPage)
      if (options.extractContent) {
        for (const item of page) {
          Object.assign(item, { file_content: await item.readBytes() })
        }
      }
      yield page
    }
  }
  return resource<FileItemDict>(
    async function* listFiles() {
      yield* pagesOf(await sortedFiles())
    },
    {
      name,
      primaryKey: 'file_url',
      ...(options.incremental ? { incremental: options.incremental } : {}),
      // a distributed run: a task per page of files, listed when the run is planned
      partitions: {
        list: async () => {
          const files = (await sortedFiles()).map(toListed)
          const pages: PageOfFiles[] = []
          for (let start = 0; start < files.length; start += filesPerPage) {
            pages.push(files.slice(start, start + filesPerPage))
          }
          return pages
        },
        extract: (page: PageOfFiles) =>
          pagesOf(page.map((file) => createFileItem(transport, fromListed(file), file.key))),
      },
    },
  )
}

/** A page of files as a partition: the listing's entries, as JSON. */
type PageOfFiles = readonly ListedFile[]
interface ListedFile {
  readonly key: string
  readonly size: number
  readonly modified: string
}

function toListed(item: FileItemDict): ListedFile {
  return {
    key: item.relative_path,
    size: item.size_in_bytes,
    modified: item.modification_date.toISOString(),
  }
}

function fromListed(file: ListedFile): FileEntry {
  return { key: file.key, size: file.size, modified: new Date(file.modified) }
}

/** The files below the glob's base folder that match it, as file items. */
async function matchingFiles(
  transport: ReadableFileTransport,
  glob: GlobPattern,
): Promise<FileItemDict[]> {
  await transport.assertBucket()
  const entries: FileEntry[] = await transport.listEntries(glob.baseFolder)
  const items: FileItemDict[] = []
  for (const entry of entries) {
    if (glob.matches(entry.key)) items.push(createFileItem(transport, entry, entry.key))
  }
  return items
}

type Order = (a: FileItemDict, b: FileItemDict) => number

/**
 * By relative path; with an incremental `rowOrder`, by the cursor as dlt sorts: ascending for
 * `asc` with `max` (and `desc` with `min`), descending otherwise.
 */
function sortOrder(incremental: IncrementalSpec<FileItemDict> | undefined): Order {
  const byPath: Order = (a, b) =>
    a.relative_path < b.relative_path ? -1 : a.relative_path > b.relative_path ? 1 : 0
  const rowOrder = incremental?.config.rowOrder
  if (!incremental || !rowOrder) return byPath
  const field = incremental.config.cursorPath as keyof FileItemDict
  const min = incremental.config.lastValueFunc === 'min'
  const descending = (rowOrder === 'desc') !== min
  return (a, b) => {
    const compared = compareCursorValues(a[field], b[field]) * (descending ? -1 : 1)
    return compared !== 0 ? compared : byPath(a, b)
  }
}
