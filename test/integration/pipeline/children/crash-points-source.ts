/**
 * The source of the crash-point test: batch `b` of three resources, one per way of loading —
 * `incremental_events` (append, incremental on `id`; the "API" returns ids 1 … b·N, so a lost
 * cursor shows as duplicates), `merged_events` (merge on `id`; ids 1 … N with `batch = b`) and
 * `appended_events` (append; N new ids tagged with `b`).
 */
import { join } from 'node:path'
import * as dlt from '../../../../src/index.js'

export const ROWS = 40

export function crashPointsPipeline(dir: string): dlt.Pipeline {
  return dlt.pipeline({
    pipelineName: 'crash_points',
    destination: dlt.destinations.duckdb({ credentials: join(dir, 'crash.duckdb') }),
    datasetName: 'data',
    pipelinesDir: join(dir, 'pipelines'),
  })
}

export function crashPointsSource(batch: number) {
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i)
  const incremental = dlt.resource(
    function* ({ incremental }) {
      const since = Number(incremental?.lastValue ?? 0)
      for (const id of range(1, batch * ROWS)) {
        if (id >= since) yield { id, tags: ['a', 'b'] }
      }
    },
    {
      name: 'incremental_events',
      incremental: dlt.incremental({ cursorPath: 'id', initialValue: 0 }),
    },
  )
  const merged = dlt.resource(() => range(1, ROWS).map((id) => ({ id, batch, tags: [batch] })), {
    name: 'merged_events',
    primaryKey: 'id',
    writeDisposition: 'merge',
  })
  const appended = dlt.resource(() => range(batch * ROWS, ROWS).map((id) => ({ id, batch })), {
    name: 'appended_events',
  })
  return dlt.source(() => [incremental, merged, appended], { name: 'crash_points' })
}
