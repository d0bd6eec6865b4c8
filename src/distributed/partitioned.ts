/**
 * @module Partitions of one resource (files, tables, id or date ranges) as resources of their
 * own: in a distributed run each is a task, so one large resource spreads over many workers. Each
 * partition keeps its own state (an incremental cursor per file, per range), merged back into the
 * pipeline state like any resource's; all partitions write one table. The same source runs
 * unchanged in one process (`pipeline.run`).
 */
import type { AnyResource } from '../extract/resource.js'

/**
 * `make(partition, index)` for every partition, as resources named `<name>_<index>` that write
 * the table `name` (unless `make` gives them a table name of their own).
 *
 * ```ts
 * export const shop = dlt.source(
 *   () => partitioned('orders', ['2024', '2025', '2026'], (year) =>
 *     dlt.resource(() => api.orders({ year }), { name: 'orders', primaryKey: 'id' })),
 *   { name: 'shop' },
 * )
 * ```
 */
export function partitioned<P>(
  name: string,
  partitions: readonly P[],
  make: (partition: P, index: number) => AnyResource,
): AnyResource[] {
  return partitions.map((partition, index) => {
    const resource = make(partition, index).withName(`${name}_${index}`)
    return resource.hints.tableName === undefined
      ? resource.applyHints({ tableName: name })
      : resource
  })
}
