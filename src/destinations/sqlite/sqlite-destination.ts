/**
 * @module `SqliteDestination`: SQLite database files, one per dataset, next to a main file.
 * Creating it opens nothing but checks that `better-sqlite3` is installed; the driver is imported
 * and the files are resolved (from configuration too) when a client first connects.
 */

import { assertPeersInstalled } from '../../util/optional-peers.js'
import type { DestinationCapabilities } from '../capabilities.js'
import type { Destination, DestinationClientConfig } from '../destination.js'
import { SqliteCapabilities } from './sqlite-capabilities.js'
import { SqliteClient } from './sqlite-client.js'
import { type SqliteDestinationConfig, validateSqliteConfig } from './sqlite-destination-config.js'

/** The SQLite destination. */
export class SqliteDestination implements Destination {
  readonly name = 'sqlite'
  readonly config: SqliteDestinationConfig

  constructor(config: SqliteDestinationConfig = {}) {
    this.config = validateSqliteConfig(config)
    assertPeersInstalled('The sqlite destination', ['better-sqlite3'])
  }

  capabilities(): DestinationCapabilities {
    return new SqliteCapabilities()
  }

  createClient(config: DestinationClientConfig): SqliteClient {
    return new SqliteClient(this.config, config)
  }
}
