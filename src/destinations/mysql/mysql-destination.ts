/**
 * @module `MysqlDestination`: a MySQL 8 or MariaDB server holding one database per dataset.
 * Creating it connects to nothing but checks that `mysql2` is installed; `mysql2` is imported and
 * credentials from configuration are resolved when a client first connects.
 */

import { assertPeersInstalled } from '../../util/optional-peers.js'
import type { DestinationCapabilities } from '../capabilities.js'
import type { Destination, DestinationClientConfig } from '../destination.js'
import { MysqlCapabilities } from './mysql-capabilities.js'
import { MysqlClient } from './mysql-client.js'
import { type MysqlDestinationConfig, validateMysqlConfig } from './mysql-destination-config.js'

/** The MySQL / MariaDB destination. */
export class MysqlDestination implements Destination {
  readonly name = 'mysql'
  readonly config: MysqlDestinationConfig

  constructor(config: MysqlDestinationConfig = {}) {
    this.config = validateMysqlConfig(config)
    assertPeersInstalled('The mysql destination', ['mysql2'])
  }

  capabilities(): DestinationCapabilities {
    return new MysqlCapabilities()
  }

  createClient(config: DestinationClientConfig): MysqlClient {
    return new MysqlClient(this.config, config)
  }
}
