/**
 * @module The filesystem destination: tables as files in a local folder or, through a
 * `FileTransport`, any bucket.
 */
export type { PlaceholderValue } from './file-layout.js'
export type { FileTransport } from './file-transport.js'
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
