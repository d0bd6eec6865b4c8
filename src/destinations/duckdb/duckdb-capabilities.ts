/**
 * @module What DuckDB can do, after dlt's `duckdb` destination factory (`_raw_capabilities`):
 * transactional DDL, 65,536-character identifiers, DECIMAL(38,9) decimals and DECIMAL(38,0) wei.
 */
import type { LoaderFileFormat, MergeStrategy } from '../../schema/schema-types.js'
import { DestinationCapabilitiesBase } from '../capabilities.js'

/** DuckDB's capabilities. */
export class DuckDbCapabilities extends DestinationCapabilitiesBase {
  /** dlt prefers `insert_values`; dlt-ts loads JSON lines through DuckDB's own JSON reader. */
  override get preferredLoaderFileFormat(): LoaderFileFormat {
    return 'jsonl'
  }
  override get supportedLoaderFileFormats(): readonly LoaderFileFormat[] {
    return ['jsonl']
  }
  override get namingConvention(): string {
    return 'snake_case'
  }
  override get maxIdentifierLength(): number {
    return 65_536
  }
  override get maxColumnIdentifierLength(): number {
    return 65_536
  }
  /** dlt 1.26 lists `delete-insert` and `scd2`; DuckDB ≥ 1.4 has `MERGE`, so `upsert` works too. */
  override get supportedMergeStrategies(): readonly MergeStrategy[] {
    return ['delete-insert', 'upsert', 'scd2']
  }
  override get supportsTransactions(): boolean {
    return true
  }
  override get supportsDdlTransactions(): boolean {
    return true
  }
  override get decimalPrecision(): readonly [number, number] {
    return [38, 9]
  }
  override get weiPrecision(): readonly [number, number] {
    return [38, 0]
  }
  override get timestampPrecision(): number {
    return 6
  }
}
