/**
 * @module What SQLite can do, after dlt's `sqlalchemy` destination on SQLite: transactional DDL,
 * NUMERIC(38,9) decimals and NUMERIC(38,0) wei (stored by SQLite as REAL or INTEGER: 15
 * significant digits), SQLAlchemy's 9,999-character identifiers, and every merge strategy
 * (`upsert` and `insert-only` without `MERGE`, which SQLite lacks).
 */
import type { MergeStrategy } from '../../schema/schema-types.js'
import { DestinationCapabilitiesBase } from '../capabilities.js'

/** SQLite's capabilities. */
export class SqliteCapabilities extends DestinationCapabilitiesBase {
  /** SQLAlchemy's default `max_identifier_length`, which dlt takes for SQLite. */
  override get maxIdentifierLength(): number {
    return 9_999
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
  override get supportsDdlTransactions(): boolean {
    return true
  }
  /** dlt's sqlalchemy destination: `(DEFAULT_NUMERIC_PRECISION, 0)`. */
  override get weiPrecision(): readonly [number, number] {
    return [38, 0]
  }
}
