/**
 * @module `FilesystemDestination` and its factory `filesystem()`: tables as jsonl, parquet or
 * csv files in a local folder or an S3-compatible bucket, laid out as dlt's filesystem
 * destination lays them out.
 */

import { isS3Url } from '../../buckets/s3-file-transport.js'
import { assertPeersInstalled } from '../../util/optional-peers.js'
import type { DestinationCapabilities } from '../capabilities.js'
import type { Destination, DestinationClientConfig } from '../destination.js'
import { FilesystemCapabilities } from './filesystem-capabilities.js'
import { FilesystemClient } from './filesystem-client.js'
import {
  type FilesystemDestinationConfig,
  validateFilesystemConfig,
} from './filesystem-destination-config.js'

/** The filesystem destination: one folder per dataset in a bucket. */
export class FilesystemDestination implements Destination {
  readonly name = 'filesystem'
  readonly config: FilesystemDestinationConfig

  constructor(config: FilesystemDestinationConfig) {
    this.config = validateFilesystemConfig(config)
    // Tables with a parquet hint of their own are checked when their file is written.
    if (this.config.loaderFileFormat === 'parquet') {
      assertPeersInstalled('Writing parquet files', ['hyparquet-writer'])
    }
    if (isS3Url(this.config.bucketUrl) && !this.config.transport) {
      assertPeersInstalled(`The filesystem destination on ${this.config.bucketUrl}`, [
        '@aws-sdk/client-s3',
      ])
    }
  }

  capabilities(): DestinationCapabilities {
    return new FilesystemCapabilities(this.config.loaderFileFormat)
  }

  createClient(config: DestinationClientConfig): FilesystemClient {
    return new FilesystemClient(this.config, config)
  }
}

/**
 * The filesystem destination: writes each table as files into `<bucketUrl>/<datasetName>/`,
 * `{table_name}/{load_id}.{file_id}.{ext}` by default, with dlt's `_dlt_loads`, `_dlt_version`
 * and `_dlt_pipeline_state` next to them so that state restores from the bucket. Tables are
 * `jsonl` unless the destination's or the table's `loaderFileFormat` says `parquet` (typed
 * columns; needs the optional peer `hyparquet-writer`) or `csv`. `append` and `replace` work;
 * `merge` is refused. `pipeline.dataset()` reads the files through DuckDB (`@duckdb/node-api`).
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 *
 * const pipeline = dlt.pipeline({
 *   pipelineName: 'github',
 *   destination: dlt.destinations.filesystem({ bucketUrl: 'data/bucket', loaderFileFormat: 'parquet' }),
 *   datasetName: 'github_data',
 * })
 * await pipeline.run([{ id: 1, title: 'bug' }], { tableName: 'issues' })
 * // data/bucket/github_data/issues/<load_id>.<file_id>.parquet
 * ```
 */
export function filesystem(config: FilesystemDestinationConfig): FilesystemDestination {
  return new FilesystemDestination(config)
}
