/**
 * @module `DuckDbDestination`: the embedded default destination. Creating it loads nothing (it
 * checks that `@duckdb/node-api` is installed); the driver is imported when a client first opens
 * its database.
 */

import { assertPeersInstalled } from '../../util/optional-peers.js'
import type { DestinationCapabilities } from '../capabilities.js'
import type { Destination, DestinationClientConfig } from '../destination.js'
import { DuckDbCapabilities } from './duckdb-capabilities.js'
import { DuckDbClient } from './duckdb-client.js'
import { type DuckDbDestinationConfig, validateDuckDbConfig } from './duckdb-destination-config.js'

/** The DuckDB destination: a database file (or `:memory:`) holding one schema per dataset. */
export class DuckDbDestination implements Destination {
  readonly name = 'duckdb'
  readonly config: DuckDbDestinationConfig

  constructor(config: DuckDbDestinationConfig = {}) {
    this.config = validateDuckDbConfig(config)
    assertPeersInstalled('The duckdb destination', ['@duckdb/node-api'])
  }

  capabilities(): DestinationCapabilities {
    return new DuckDbCapabilities()
  }

  createClient(config: DestinationClientConfig): DuckDbClient {
    return new DuckDbClient(this.config, config)
  }
}
