/**
 * @module BullMQ, an optional peer dependency (with `ioredis`, which it needs at run time): loaded
 * on first use, after checking that both are installed, so `dlt-ts` itself never requires them.
 */
import { assertPeersInstalled } from '../util/optional-peers.js'

type BullMq = typeof import('bullmq')

let loaded: Promise<BullMq> | undefined

/** The `bullmq` module; throws `MissingPeerDependencyError` when it or `ioredis` is missing. */
export function loadBullMq(): Promise<BullMq> {
  assertPeersInstalled('A distributed run (dlt-ts/distributed)', ['bullmq', 'ioredis'])
  loaded ??= import('bullmq')
  return loaded
}
