/**
 * Child process for the crash tests: loads batch `<batch>` (ids batch*N … batch*N+N-1) with an
 * append pipeline, printing progress to stderr so the parent can kill it at a chosen step.
 * usage: node --import tsx load-batch.ts <dir> <batch|resume> <rows>
 */
import { join } from 'node:path'
import * as dlt from '../../../../src/index.js'

const [dir = '.', batch = 'resume', rows = '1000'] = process.argv.slice(2)
const pipeline = dlt.pipeline({
  pipelineName: 'crash_test',
  destination: dlt.destinations.duckdb({ credentials: join(dir, 'crash.duckdb') }),
  datasetName: 'data',
  pipelinesDir: join(dir, 'pipelines'),
  progress: true,
})

function* batchRows(index: number, count: number) {
  for (let i = 0; i < count; i++) {
    yield { id: index * count + i, batch: index, payload: { text: `row ${i}`, tags: ['a', 'b'] } }
  }
}

if (batch === 'resume') {
  await pipeline.run()
} else {
  await pipeline.run(batchRows(Number(batch), Number(rows)), { tableName: 'events' })
}
process.stderr.write('[child] done\n')
