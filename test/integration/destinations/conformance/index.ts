/**
 * @module The topics of the conformance suite beyond its first cases, one file each; every
 * destination's suite runs them all. A topic's case names go into `TOPIC_CASES`.
 */
import type { ConformanceTopic } from './suite-context.js'

export const TOPIC_CASES = [] as const

export const CONFORMANCE_TOPICS: readonly ConformanceTopic[] = []
