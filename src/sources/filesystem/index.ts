/**
 * @module `dlt-ts/filesystem`: dlt's filesystem source. `filesystem()` lists the files of a local
 * folder or an S3-compatible bucket as file items; the readers `readCsv`, `readJsonl` and
 * `readParquet` are transformers that turn those files into rows.
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 * import { filesystem, readCsv } from 'dlt-ts/filesystem'
 *
 * const files = filesystem({ bucketUrl: 's3://exports/orders', fileGlob: '**\/*.csv.gz',
 *   incremental: dlt.incremental({ cursorPath: 'modification_date' }) })
 * await pipeline.run(files.pipe(readCsv()).withName('orders'))
 * ```
 */
export type {
  AwsCredentials,
  AwsCredentialsInput,
  DltAwsCredentials,
} from '../../buckets/aws-credentials.js'
export {
  BucketAccessDeniedError,
  BucketNotFoundError,
} from '../../buckets/bucket-errors.js'
export type {
  FileEntry,
  ReadableFileTransport,
} from '../../buckets/file-transport.js'
export type { Compression, FileItem, FileItemDict } from './file-item.js'
export { type FilesystemOptions, filesystem } from './filesystem-resource.js'
export { type FilePosition, FileReadError } from './filesystem-source-errors.js'
export { type ReadCsvOptions, readCsv } from './readers/read-csv.js'
export { type ReadJsonlOptions, readJsonl } from './readers/read-jsonl.js'
export { type ReadParquetOptions, readParquet } from './readers/read-parquet.js'
