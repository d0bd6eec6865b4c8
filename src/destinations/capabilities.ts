/**
 * @module Static facts about a destination, with safe defaults in `DestinationCapabilitiesBase`
 * so that adding a capability never breaks an existing destination.
 */
import type { LoaderFileFormat, MergeStrategy, WriteDisposition } from '../schema/schema-types.js'

/** What a destination can do; pure data. */
export interface DestinationCapabilities {
  readonly preferredLoaderFileFormat: LoaderFileFormat
  readonly supportedLoaderFileFormats: readonly LoaderFileFormat[]
  /** The naming convention's module name, as dlt stores it: 'snake_case', 'direct', … */
  readonly namingConvention: string
  /** Longest table/column identifier; longer names are shortened with a hash tag. */
  readonly maxIdentifierLength: number
  readonly maxColumnIdentifierLength: number
  readonly supportedWriteDispositions: readonly WriteDisposition[]
  readonly supportedMergeStrategies: readonly MergeStrategy[]
  readonly supportsTransactions: boolean
  readonly supportsDdlTransactions: boolean
  /** [precision, scale] used for `decimal` columns without hints. */
  readonly decimalPrecision: readonly [number, number]
  /** [precision, scale] used for `wei` columns. */
  readonly weiPrecision: readonly [number, number]
  /** Fractional-second digits of `timestamp` columns. */
  readonly timestampPrecision: number
  /**
   * The nesting level the destination wants by default (dlt's `max_table_nesting` capability):
   * when set, it becomes the schema's `normalizers.json.config.max_nesting`, which source and
   * resource hints still override. `undefined` leaves dlt's default (1000).
   */
  readonly maxTableNesting?: number | undefined
}

/** Defaults for every capability; destinations override what differs. */
export abstract class DestinationCapabilitiesBase implements DestinationCapabilities {
  get preferredLoaderFileFormat(): LoaderFileFormat {
    return 'jsonl'
  }
  get supportedLoaderFileFormats(): readonly LoaderFileFormat[] {
    return ['jsonl']
  }
  get namingConvention(): string {
    return 'snake_case'
  }
  get maxIdentifierLength(): number {
    return 65_536
  }
  get maxColumnIdentifierLength(): number {
    return this.maxIdentifierLength
  }
  get supportedWriteDispositions(): readonly WriteDisposition[] {
    return ['append', 'replace', 'merge', 'skip']
  }
  get supportedMergeStrategies(): readonly MergeStrategy[] {
    return ['delete-insert']
  }
  get supportsTransactions(): boolean {
    return false
  }
  get supportsDdlTransactions(): boolean {
    return false
  }
  get decimalPrecision(): readonly [number, number] {
    return [38, 9]
  }
  get weiPrecision(): readonly [number, number] {
    return [76, 0]
  }
  get timestampPrecision(): number {
    return 6
  }
  get maxTableNesting(): number | undefined {
    return undefined
  }
}
