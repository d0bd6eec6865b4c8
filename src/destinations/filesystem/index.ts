/**
 * @module The filesystem destination: tables as files in a local folder, an S3-compatible bucket
 * or, through a `FileTransport`, any bucket.
 */
export type {
  AwsCredentials,
  AwsCredentialsInput,
  DltAwsCredentials,
} from '../../buckets/aws-credentials.js'
export { BucketAccessDeniedError, BucketNotFoundError } from '../../buckets/bucket-errors.js'
export type {
  FileEntry,
  FileTransport,
  ReadableFileTransport,
} from '../../buckets/file-transport.js'
export { LocalFileTransport } from '../../buckets/local-file-transport.js'
export { S3FileTransport, type S3FileTransportOptions } from '../../buckets/s3-file-transport.js'
export type { PlaceholderValue } from './file-layout.js'
export { FilesystemDestination, filesystem } from './filesystem-destination.js'
export type {
  FilesystemDestinationConfig,
  FilesystemFileFormat,
} from './filesystem-destination-config.js'
export {
  UnsafePathNameError,
  UnsupportedFileFormatError,
  UnsupportedWriteDispositionError,
} from './filesystem-errors.js'
