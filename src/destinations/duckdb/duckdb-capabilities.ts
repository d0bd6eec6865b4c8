/**
 * @module What DuckDB can do, after dlt's `duckdb` destination factory (`_raw_capabilities`):
 * transactional DDL, 65,536-character identifiers, DECIMAL(38,9) decimals and DECIMAL(38,0) wei.
 */
import type { MergeStrategy } from '../../schema/schema-types.js'
import { DestinationCapabilitiesBase } from '../capabilities.js'

/** DuckDB's capabilities. */
export class DuckDbCapabilities extends DestinationCapabilitiesBase {
  // jsonl (dlt prefers insert_values: dlt-ts loads JSON lines with DuckDB's own reader),
  // snake_case, 65,536-character identifiers, DECIMAL(38,9) and microsecond timestamps are the
  // base's defaults.
  /** dlt 1.26 lists `delete-insert` and `scd2`; DuckDB ≥ 1.4 has `MERGE`, so `upsert` works too. */
  override get supportedMergeStrategies(): readonly MergeStrategy[] {
    return ['delete-insert', 'upsert', 'scd2', 'insert-only']
  }
  override get supportsTransactions(): boolean {
    return true
  }
  override get supportsDdlTransactions(): boolean {
    return true
  }
  override get weiPrecision(): readonly [number, number] {
    return [38, 0]
  }
}
