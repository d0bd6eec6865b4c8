/**
 * @module The topics of the conformance suite beyond its first cases, one file each; every
 * destination's suite runs them all. A topic's case names go into `TOPIC_CASES`.
 */
import { MARKS_AND_HINTS_CASES, marksAndHints } from './marks-and-hints.js'
import { MERGE_STRATEGIES_CASES, mergeStrategies } from './merge-strategies.js'
import { REFRESH_CASES, refresh } from './refresh.js'
import { REPLACE_AND_KEYS_CASES, replaceAndKeys } from './replace-and-keys.js'
import type { ConformanceTopic } from './suite-context.js'
import { SYSTEM_TABLES_CASES, systemTables } from './system-tables.js'

export const TOPIC_CASES = [
  ...REPLACE_AND_KEYS_CASES,
  ...MARKS_AND_HINTS_CASES,
  ...MERGE_STRATEGIES_CASES,
  ...SYSTEM_TABLES_CASES,
  ...REFRESH_CASES,
] as const

export const CONFORMANCE_TOPICS: readonly ConformanceTopic[] = [
  replaceAndKeys,
  marksAndHints,
  mergeStrategies,
  systemTables,
  refresh,
]
