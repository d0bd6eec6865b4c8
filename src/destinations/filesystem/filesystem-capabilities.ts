/**
 * @module What the filesystem destination can do, after dlt's `filesystem` factory: jsonl (its
 * preferred format), parquet and csv files, `snake_case` names without a length limit, `append`
 * and `replace` but no `merge` (dlt merges only into delta/iceberg tables), no transactions.
 */
import type {
  LoaderFileFormat,
  MergeStrategy,
  WriteDisposition,
} from '../../schema/schema-types.js'
import { DestinationCapabilitiesBase } from '../capabilities.js'
import {
  FILESYSTEM_FILE_FORMATS,
  type FilesystemFileFormat,
} from './filesystem-destination-config.js'

/** The filesystem destination's capabilities. */
export class FilesystemCapabilities extends DestinationCapabilitiesBase {
  readonly #fileFormat: FilesystemFileFormat

  /** @param fileFormat the destination's configured `loaderFileFormat` */
  constructor(fileFormat: FilesystemFileFormat = 'jsonl') {
    super()
    this.#fileFormat = fileFormat
  }

  override get preferredLoaderFileFormat(): LoaderFileFormat {
    return this.#fileFormat
  }
  override get supportedLoaderFileFormats(): readonly LoaderFileFormat[] {
    return FILESYSTEM_FILE_FORMATS
  }
  override get supportedWriteDispositions(): readonly WriteDisposition[] {
    return ['append', 'replace', 'skip']
  }
  override get supportedMergeStrategies(): readonly MergeStrategy[] {
    return []
  }
  /** Parquet decimals that DuckDB (and Arrow's decimal128) read exactly. */
  override get decimalPrecision(): readonly [number, number] {
    return [38, 9]
  }
  override get weiPrecision(): readonly [number, number] {
    return [38, 0]
  }
}
