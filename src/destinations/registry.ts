/**
 * @module Resolves a destination given by name (`destination: 'duckdb'`) to its factory, importing
 * the destination's module only then, so that optional peers load only when used.
 */

import { assertPeersInstalled } from '../util/optional-peers.js'
import type { Destination } from './destination.js'

/** The optional peers each named destination imports (filesystem: only for parquet, checked by it). */
export const DESTINATION_PEERS = {
  duckdb: ['@duckdb/node-api'],
  postgres: ['pg', 'pg-copy-streams'],
  mysql: ['mysql2'],
  sqlite: ['better-sqlite3'],
  filesystem: [],
} as const satisfies Record<string, readonly string[]>

/** Names `resolveDestination` accepts, with their lazily imported factories. */
const DESTINATION_FACTORIES = {
  duckdb: async (settings: DestinationSettings): Promise<Destination> => {
    const { DuckDbDestination } = await import('./duckdb/index.js')
    return new DuckDbDestination(
      settings.credentials === undefined ? {} : { credentials: settings.credentials },
    )
  },
  postgres: async (settings: DestinationSettings): Promise<Destination> => {
    const { PostgresDestination } = await import('./postgres/index.js')
    return new PostgresDestination(
      settings.credentials === undefined ? {} : { credentials: settings.credentials },
    )
  },
  mysql: async (settings: DestinationSettings): Promise<Destination> => {
    const { MysqlDestination } = await import('./mysql/index.js')
    return new MysqlDestination(
      settings.credentials === undefined ? {} : { credentials: settings.credentials },
    )
  },
  sqlite: async (settings: DestinationSettings): Promise<Destination> => {
    const { SqliteDestination } = await import('./sqlite/index.js')
    return new SqliteDestination(
      settings.credentials === undefined ? {} : { credentials: settings.credentials },
    )
  },
  filesystem: async (settings: DestinationSettings): Promise<Destination> => {
    const { FilesystemDestination } = await import('./filesystem/index.js')
    if (!settings.bucketUrl) {
      throw new TypeError(
        'The filesystem destination needs a bucket URL: set DESTINATION__FILESYSTEM__BUCKET_URL (or ' +
          '[destination.filesystem] bucket_url in .dlt/config.toml), or pass dlt.destinations.filesystem({ bucketUrl })',
      )
    }
    return new FilesystemDestination({ bucketUrl: settings.bucketUrl })
  },
} as const satisfies Record<string, (settings: DestinationSettings) => Promise<Destination>>

/** Settings of a destination given by name, resolved from configuration by the caller. */
export interface DestinationSettings {
  /**
   * `destination.<name>.credentials`: for DuckDB the database file, for PostgreSQL and MySQL a
   * connection string, for SQLite a file or `sqlite:///` URL (without it, PostgreSQL, MySQL and
   * SQLite look `destination.<name>.credentials` up when they connect).
   */
  readonly credentials?: string | undefined
  /** `destination.filesystem.bucket_url`: where the filesystem destination writes. */
  readonly bucketUrl?: string | undefined
}

/** A destination name `resolveDestination` knows. */
export type DestinationName = keyof typeof DESTINATION_FACTORIES

/** Returns `input` if it is a destination object, else the destination named by it. */
export async function resolveDestination(
  input: DestinationName | Destination,
  settings: DestinationSettings = {},
): Promise<Destination> {
  if (typeof input === 'string') {
    const factory = (
      DESTINATION_FACTORIES as Record<
        string,
        (settings: DestinationSettings) => Promise<Destination>
      >
    )[input]
    if (!factory) {
      const known = Object.keys(DESTINATION_FACTORIES)
        .map((name) => `"${name}"`)
        .join(', ')
      throw new TypeError(
        `Unknown \`destination\` "${input}": use one of ${known} or a destination object such as dlt.destinations.duckdb()`,
      )
    }
    return factory(settings)
  }
  if (input && typeof input === 'object' && typeof input.createClient === 'function') return input
  throw new TypeError(
    'The `destination` option must be a destination name ("duckdb", "postgres", "mysql", "sqlite") or a destination object',
  )
}

/**
 * Throws `MissingPeerDependencyError` when the optional peers of a destination given by name are
 * not installed. A destination object checked its own when it was created; unknown names are left
 * to `resolveDestination`. Synchronous and loads nothing, so a pipeline calls it when a run starts.
 */
export function assertDestinationPeers(input: DestinationName | Destination): void {
  if (typeof input !== 'string' || !Object.hasOwn(DESTINATION_PEERS, input)) return
  assertPeersInstalled(`The ${input} destination`, DESTINATION_PEERS[input])
}
