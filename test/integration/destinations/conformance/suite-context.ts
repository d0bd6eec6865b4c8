/**
 * @module What a topic of the conformance suite gets from `describeDestination`: fresh pipelines
 * on the destination under test, portable text queries, and `test()`, which skips a case the
 * destination lists in `notSupported`.
 */
import type { Destination } from '../../../../src/destinations/destination.js'
import type * as dlt from '../../../../src/index.js'
import type { DestinationTarget } from '../destination-suite.js'

export interface SuiteContext {
  /** A pipeline on a fresh dataset; `label` is short snake_case, unique in the suite. */
  pipelineFor(
    label: string,
    destination?: Destination,
  ): { target: DestinationTarget; pipeline: dlt.Pipeline }
  /** Rows of a portable query whose selected values are all `CAST(… AS VARCHAR)`. */
  textRows(pipeline: dlt.Pipeline, sql: string): Promise<Record<string, unknown>[]>
  /** A case named `name` (a key of the descriptor's `notSupported`). */
  test(name: string, text: string, fn: () => Promise<void>): void
}

/** A topic: registers its `describe` blocks for one destination. */
export type ConformanceTopic = (context: SuiteContext) => void
