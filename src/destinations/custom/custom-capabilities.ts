/**
 * @module What a custom destination can do, after dlt's `destination` factory: the naming
 * convention, file format and nesting level come from its configuration (`direct`, jsonl and 0
 * by default); every write disposition is accepted because the rows are simply handed over.
 */
import type { LoaderFileFormat, MergeStrategy } from '../../schema/schema-types.js'
import { DestinationCapabilitiesBase } from '../capabilities.js'
import { FILESYSTEM_FILE_FORMATS } from '../filesystem/filesystem-destination-config.js'
import type { ResolvedCustomDestinationConfig } from './custom-destination-config.js'

/** A custom destination's capabilities. */
export class CustomCapabilities extends DestinationCapabilitiesBase {
  readonly #config: ResolvedCustomDestinationConfig

  constructor(config: ResolvedCustomDestinationConfig) {
    super()
    this.#config = config
  }

  override get preferredLoaderFileFormat(): LoaderFileFormat {
    return this.#config.loaderFileFormat
  }
  override get supportedLoaderFileFormats(): readonly LoaderFileFormat[] {
    return FILESYSTEM_FILE_FORMATS
  }
  override get namingConvention(): string {
    return this.#config.naming
  }
  /** Rows are passed on whatever the disposition; the function decides what `merge` means. */
  override get supportedMergeStrategies(): readonly MergeStrategy[] {
    return ['delete-insert', 'upsert', 'scd2']
  }
  override get maxTableNesting(): number | undefined {
    return this.#config.maxTableNesting
  }
}
