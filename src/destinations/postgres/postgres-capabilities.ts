/**
 * @module What PostgreSQL can do, after dlt's `postgres` destination factory
 * (`_raw_capabilities`): transactional DDL, 63-character identifiers (longer names are shortened
 * with dlt's hash tag), NUMERIC(38,9) decimals and NUMERIC(156,78) wei.
 */
import type { MergeStrategy } from '../../schema/schema-types.js'
import { DestinationCapabilitiesBase } from '../capabilities.js'

/** PostgreSQL's capabilities. */
export class PostgresCapabilities extends DestinationCapabilitiesBase {
  // jsonl (dlt prefers insert_values: dlt-ts streams JSON lines into `COPY … FROM STDIN`),
  // NUMERIC(38,9) and column names as long as table names are the base's defaults.
  /** PostgreSQL's `NAMEDATALEN - 1`. */
  override get maxIdentifierLength(): number {
    return 63
  }
  /** `upsert` uses `MERGE`, which needs PostgreSQL 15 or later. */
  override get supportedMergeStrategies(): readonly MergeStrategy[] {
    return ['delete-insert', 'upsert', 'scd2', 'insert-only']
  }
  override get supportsTransactions(): boolean {
    return true
  }
  override get supportsDdlTransactions(): boolean {
    return true
  }
  /** dlt: twice `EVM_DECIMAL_PRECISION` (78) digits, 78 of them after the point. */
  override get weiPrecision(): readonly [number, number] {
    return [156, 78]
  }
}
