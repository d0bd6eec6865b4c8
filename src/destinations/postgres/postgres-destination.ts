/**
 * @module `PostgresDestination`: a PostgreSQL database holding one schema per dataset. Creating it
 * connects to nothing but checks that `pg` and `pg-copy-streams` are installed; `pg` is imported
 * and credentials from configuration are resolved when a client first connects.
 */

import { assertPeersInstalled } from '../../util/optional-peers.js'
import type { DestinationCapabilities } from '../capabilities.js'
import type { Destination, DestinationClientConfig } from '../destination.js'
import { PostgresCapabilities } from './postgres-capabilities.js'
import { PostgresClient } from './postgres-client.js'
import {
  type PostgresDestinationConfig,
  type PostgresPoolLike,
  validatePostgresConfig,
} from './postgres-destination-config.js'

/** The PostgreSQL destination. */
export class PostgresDestination implements Destination {
  readonly name = 'postgres'
  readonly config: PostgresDestinationConfig
  #pool: Promise<PostgresPoolLike> | undefined

  constructor(config: PostgresDestinationConfig = {}) {
    this.config = validatePostgresConfig(config)
    // With a pool of your own, pg is yours (or a compatible driver); COPY still needs pg-copy-streams.
    const peers = this.config.pool === undefined ? ['pg', 'pg-copy-streams'] : ['pg-copy-streams']
    assertPeersInstalled('The postgres destination', peers)
  }

  capabilities(): DestinationCapabilities {
    return new PostgresCapabilities()
  }

  createClient(config: DestinationClientConfig): PostgresClient {
    const sharedPool = this.config.pool === undefined ? undefined : () => this.#sharedPool()
    return new PostgresClient(this.config, config, sharedPool)
  }

  /** The pool given in the config; a factory is called once (again only after it failed). */
  #sharedPool(): Promise<PostgresPoolLike> {
    const { pool } = this.config
    this.#pool ??= (typeof pool === 'function' ? pool() : Promise.resolve(pool!)).catch(
      (error: unknown) => {
        this.#pool = undefined
        throw error
      },
    )
    return this.#pool
  }
}
