/**
 * The destinations `pipeline.dataset()` is tested on — DuckDB, PostgreSQL (skipped with the reason
 * when no server answers) and the filesystem destination (jsonl and parquet) — shared by the
 * dataset tests.
 */
import { join } from 'node:path'
import type { Destination } from '../../../src/destinations/destination.js'
import { duckdb, filesystem, postgres } from '../../../src/destinations/index.js'
import { notSelected } from '../destinations/destination-suite.js'
import { findPostgres, PG_CONNECTION_STRING } from '../destinations/postgres-test-server.js'

/** A destination to read back from, in a temp dir. */
export interface DatasetTarget {
  readonly name: string
  /** Why the target is skipped, if it is. */
  readonly skip?: string | undefined
  destination(dir: string): Destination
}

/** Why PostgreSQL targets are skipped, or undefined. */
export const pgSkip = notSelected('postgres') ?? (await findPostgres())

export const DATASET_TARGETS: readonly DatasetTarget[] = [
  { name: 'duckdb', destination: (dir) => duckdb({ credentials: join(dir, 'data.duckdb') }) },
  {
    name: 'postgres',
    skip: pgSkip,
    destination: () => postgres({ credentials: PG_CONNECTION_STRING }),
  },
  {
    name: 'filesystem (jsonl)',
    destination: (dir) => filesystem({ bucketUrl: join(dir, 'bucket') }),
  },
  {
    name: 'filesystem (parquet)',
    destination: (dir) =>
      filesystem({ bucketUrl: join(dir, 'bucket'), loaderFileFormat: 'parquet' }),
  },
]
