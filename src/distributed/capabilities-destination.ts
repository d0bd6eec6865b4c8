/**
 * @module The destination a worker's pipeline sees: the real destination's name and capabilities
 * (naming convention, identifier lengths, nesting), which extract and normalize need, and no
 * client. Workers never connect to the destination; only the run's single loader does.
 */
import type { DestinationCapabilities } from '../destinations/capabilities.js'
import type { Destination, DestinationClient } from '../destinations/destination.js'
import { TerminalError } from '../errors/dlt-error.js'

/** A destination that only states `capabilities`. */
export function capabilitiesDestination(
  name: string,
  capabilities: DestinationCapabilities,
): Destination {
  return {
    name,
    capabilities: () => capabilities,
    createClient(): DestinationClient {
      throw new TerminalError(
        `A distributed-run worker tried to connect to the ${name} destination; workers only extract and normalize, the run's loader loads. This is a bug in dlt-ts: please report it.`,
      )
    },
  }
}

/**
 * `capabilities` as plain JSON data for the run's manifest: every property, own or a getter of
 * its class (`DestinationCapabilitiesBase` defines its defaults as getters).
 */
export function plainCapabilities(capabilities: DestinationCapabilities): DestinationCapabilities {
  const plain: Record<string, unknown> = {}
  for (
    let proto: object | null = capabilities;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || key in plain) continue
      const value = (capabilities as unknown as Record<string, unknown>)[key]
      if (typeof value !== 'function') plain[key] = value
    }
  }
  return plain as unknown as DestinationCapabilities
}
