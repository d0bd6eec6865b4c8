/**
 * Child process for the worker-flags test: extracts ~4 MB of rows and normalizes them on worker
 * threads (`NORMALIZE__WORKERS` from the environment), in a process started with V8 flags.
 * usage: node --import tsx --max-old-space-size=512 worker-flags-run.ts <dir>
 */
import { join } from 'node:path'
import * as dlt from '../../../../src/index.js'

const [dir = '.'] = process.argv.slice(2)
const pipeline = dlt.pipeline({
  pipelineName: 'worker_flags_child',
  pipelinesDir: join(dir, 'pipelines'),
  destination: dlt.destinations.duckdb({ credentials: join(dir, 'child.duckdb') }),
})
await pipeline.extract(
  Array.from({ length: 60_000 }, (_, id) => ({ id, text: `row ${id} ${'x'.repeat(40)}` })),
  { tableName: 'rows' },
)
const normalized = await pipeline.normalize()
process.stdout.write(`${JSON.stringify(normalized)}\n`)
