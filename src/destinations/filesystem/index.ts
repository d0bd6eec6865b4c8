/**
 * @module The filesystem destination: tables as files in a local folder, an S3-compatible bucket
 * or, through a `FileTransport`, any bucket.
 */
export type { AwsCredentials, AwsCredentialsInput, DltAwsCredentials } from './aws-credentials.js'
export { BucketAccessDeniedError, BucketNotFoundError } from './bucket-errors.js'
export type { PlaceholderValue } from './file-layout.js'
export type { FileEntry, FileTransport, ReadableFileTransport } from './file-transport.js'
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
export { LocalFileTransport } from './local-file-transport.js'
export { S3FileTransport, type S3FileTransportOptions } from './s3-file-transport.js'
