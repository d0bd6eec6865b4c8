/**
 * @module Fully qualified names of a dataset, its staging dataset (`<dataset>_staging`, dlt's
 * default layout) and their tables.
 *
 * Names are always qualified with the catalog when the database has one: DuckDB resolves a
 * two-part name `a.b` as catalog.schema *or* schema.table, so a database file named like its
 * dataset makes `"data"."items"` ambiguous (a known dlt bug, "Ambiguous reference to catalog or
 * schema"). Three parts never are.
 */
import type { SqlDialect } from './sql-dialect.js'

/** dlt's default `staging_dataset_name_layout`. */
export const STAGING_DATASET_SUFFIX = '_staging'

/** Qualified SQL names for one dataset and its staging dataset. */
export class QualifiedNames {
  readonly #dialect: SqlDialect
  /** The catalog (database) name, if tables are qualified with one. */
  readonly catalog: string | undefined
  readonly dataset: string
  readonly stagingDataset: string

  constructor(dialect: SqlDialect, dataset: string, catalog?: string) {
    this.#dialect = dialect
    this.catalog = catalog
    this.dataset = dataset
    this.stagingDataset = `${dataset}${STAGING_DATASET_SUFFIX}`
  }

  /** The dataset's (or staging dataset's) name without quoting. */
  datasetName(staging = false): string {
    return staging ? this.stagingDataset : this.dataset
  }

  /** The quoted, catalog-qualified dataset, e.g. `"db"."data"`. */
  qualifiedDataset(staging = false): string {
    const schema = this.#dialect.quoteIdentifier(this.datasetName(staging))
    return this.catalog === undefined
      ? schema
      : `${this.#dialect.quoteIdentifier(this.catalog)}.${schema}`
  }

  /** `name` quoted as an identifier (a column or alias). */
  quote(name: string): string {
    return this.#dialect.quoteIdentifier(name)
  }

  /** The quoted, fully qualified table, e.g. `"db"."data"."items"`. */
  table(name: string, staging = false): string {
    return `${this.qualifiedDataset(staging)}.${this.#dialect.quoteIdentifier(name)}`
  }
}
