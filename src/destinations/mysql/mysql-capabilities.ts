/**
 * @module What MySQL and MariaDB can do, after dlt's `sqlalchemy` destination with its MySQL
 * dialect capabilities: 64-character identifiers (longer names are shortened with dlt's hash tag),
 * NUMERIC(38,9) decimals and NUMERIC(38,0) wei, microsecond timestamps, every merge strategy
 * (`upsert` and `insert-only` without `MERGE`, which neither database has), and DDL that commits by itself.
 */
import type { MergeStrategy } from '../../schema/schema-types.js'
import { DestinationCapabilitiesBase } from '../capabilities.js'

/** MySQL's and MariaDB's capabilities. */
export class MysqlCapabilities extends DestinationCapabilitiesBase {
  /** MySQL's limit for table and column names (dlt: 64, not the dialect's 255 for aliases). */
  override get maxIdentifierLength(): number {
    return 64
  }
  /**
   * dlt's sqlalchemy destination has `delete-insert` and `scd2`; `upsert` and `insert-only` are
   * written without `MERGE` here (`sql/upsert-without-merge-sql.ts`).
   */
  override get supportedMergeStrategies(): readonly MergeStrategy[] {
    return ['delete-insert', 'upsert', 'scd2', 'insert-only']
  }
  override get supportsTransactions(): boolean {
    return true
  }
  /** `CREATE TABLE` and `ALTER TABLE` commit the open transaction in MySQL and MariaDB. */
  override get supportsDdlTransactions(): boolean {
    return false
  }
  /** dlt's sqlalchemy destination: `(DEFAULT_NUMERIC_PRECISION, 0)`. */
  override get weiPrecision(): readonly [number, number] {
    return [38, 0]
  }
}
