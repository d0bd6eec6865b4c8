/**
 * @module `CustomDestination` and its factory `destination()`: dlt's `@dlt.destination`, a user
 * function that receives the rows of each table in batches — reverse ETL into an API, a
 * spreadsheet or a queue in a few lines.
 */
import type { DestinationCapabilities } from '../capabilities.js'
import type { Destination, DestinationClientConfig } from '../destination.js'
import { CustomCapabilities } from './custom-capabilities.js'
import { CustomClient } from './custom-client.js'
import {
  type CustomDestinationConfig,
  type CustomDestinationFileFunction,
  type CustomDestinationFunction,
  type ResolvedCustomDestinationConfig,
  resolveCustomDestinationConfig,
} from './custom-destination-config.js'

/** A destination that calls a function with batches of rows. */
export class CustomDestination implements Destination {
  readonly name: string
  readonly config: ResolvedCustomDestinationConfig
  readonly #fn: CustomDestinationFunction | CustomDestinationFileFunction

  constructor(
    fn: CustomDestinationFunction | CustomDestinationFileFunction,
    config: CustomDestinationConfig = {},
  ) {
    this.config = resolveCustomDestinationConfig(fn, config)
    this.name = this.config.name
    this.#fn = fn
  }

  capabilities(): DestinationCapabilities {
    return new CustomCapabilities(this.config)
  }

  createClient(_config: DestinationClientConfig): CustomClient {
    return new CustomClient(this.#fn, this.config)
  }
}

/**
 * A custom destination: `fn` receives the rows of each table in batches of `batchSize` (10) and
 * the table's schema. Names pass through unchanged (`direct` naming), nested data arrives as
 * objects (`maxTableNesting: 0`), and dlt's `_dlt_*` tables and columns are left out. Progress is
 * kept per batch: when `fn` throws on batch 7, the next run resumes at batch 7, and batches that
 * succeeded are never sent again.
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 *
 * const toApi = dlt.destination(
 *   async (items, table) => {
 *     await fetch(`https://api.example.com/${table.name}`, { method: 'POST', body: JSON.stringify(items) })
 *   },
 *   { name: 'example_api', batchSize: 100 },
 * )
 * const pipeline = dlt.pipeline({ pipelineName: 'reverse_etl', destination: toApi })
 * await pipeline.run([{ id: 1, email: 'ann@example.com' }], { tableName: 'contacts' })
 * ```
 *
 * With `batchSize: 0`, `fn` is called once per loader file with the file's path (in
 * `loaderFileFormat`) instead of rows.
 */
export function destination(
  fn: CustomDestinationFileFunction,
  config: CustomDestinationConfig & { readonly batchSize: 0 },
): CustomDestination
export function destination(
  fn: CustomDestinationFunction,
  config?: CustomDestinationConfig,
): CustomDestination
export function destination(
  fn: CustomDestinationFunction | CustomDestinationFileFunction,
  config: CustomDestinationConfig = {},
): CustomDestination {
  return new CustomDestination(fn, config)
}
