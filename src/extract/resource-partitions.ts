/**
 * @module Partitions a resource declares: parts of its data that extract independently (the
 * files of a bucket in pages, id or date ranges, the shards of a table), found when a run is
 * planned. A distributed run (`dlt-ts/distributed`) makes a task of each partition, so one large
 * resource spreads over many workers; a single-process run ignores them and runs the resource
 * function as it is. All partitions share the resource's name, table and state: a distributed run
 * combines their incremental cursors (the furthest last value wins, as `lastValueFunc` orders
 * them).
 */
import type { ResourceData } from './chunks.js'
import type { ResourceContext, Yielded } from './resource.js'

/**
 * How a resource splits into partitions (the `partitions` option of `dlt.resource()`).
 *
 * ```ts
 * const events = dlt.resource(() => api.events({ from: 0, to: Infinity }), {
 *   name: 'events',
 *   partitions: {
 *     list: async () => (await api.dayRange()).map((day) => ({ day })),
 *     extract: ({ day }) => api.events({ day }),
 *   },
 * })
 * ```
 */
export interface ResourcePartitions<T = unknown, P = unknown> {
  /**
   * The partitions, listed once when a distributed run is planned (by the process submitting
   * it). Each must survive `JSON.stringify`: it travels to a worker in the task.
   */
  list(): readonly P[] | Promise<readonly P[]>
  /**
   * Extracts one partition: what the resource function yields, restricted to `partition`. The
   * resource's steps, hints and incremental apply to it as to the whole resource.
   */
  extract(
    partition: P,
    context: ResourceContext,
  ): ResourceData<Yielded<T>> | Promise<ResourceData<Yielded<T>>>
}
