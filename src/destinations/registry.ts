/**
 * @module Resolves a destination given by name (`destination: 'duckdb'`) to its factory, importing
 * the destination's module only then, so that optional peers load only when used.
 */
import type { Destination } from './destination.js'

/** Names `resolveDestination` accepts, with their lazily imported factories. */
const DESTINATION_FACTORIES = {
  duckdb: async (): Promise<Destination> => {
    const { DuckDbDestination } = await import('./duckdb/index.js')
    return new DuckDbDestination()
  },
} as const satisfies Record<string, () => Promise<Destination>>

/** A destination name `resolveDestination` knows. */
export type DestinationName = keyof typeof DESTINATION_FACTORIES

/** Returns `input` if it is a destination object, else the destination named by it. */
export async function resolveDestination(
  input: DestinationName | Destination,
): Promise<Destination> {
  if (typeof input === 'string') {
    const factory = (DESTINATION_FACTORIES as Record<string, () => Promise<Destination>>)[input]
    if (!factory) {
      const known = Object.keys(DESTINATION_FACTORIES)
        .map((name) => `"${name}"`)
        .join(', ')
      throw new TypeError(
        `Unknown \`destination\` "${input}": use one of ${known} or a destination object such as dlt.destinations.duckdb()`,
      )
    }
    return factory()
  }
  if (input && typeof input === 'object' && typeof input.createClient === 'function') return input
  throw new TypeError(
    'The `destination` option must be a destination name ("duckdb") or a destination object',
  )
}
