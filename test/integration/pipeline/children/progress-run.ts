/**
 * Child process for the progress test: runs a small pipeline into `<dir>`, with progress and log
 * level taken from the environment only (`PROGRESS`, `RUNTIME__LOG_LEVEL`), so that stderr is what
 * a user of a script sees.
 * usage: node --import tsx progress-run.ts <dir>
 */
import { join } from 'node:path'
import * as dlt from '../../../../src/index.js'

const [dir = '.'] = process.argv.slice(2)
const pipeline = dlt.pipeline({
  pipelineName: 'progress_child',
  pipelinesDir: join(dir, 'pipelines'),
  destination: dlt.destinations.duckdb({ credentials: join(dir, 'child.duckdb') }),
})
const info = await pipeline.run(
  Array.from({ length: 100 }, (_, id) => ({ id })),
  { tableName: 'numbers' },
)
process.stdout.write(`rows ${info.rowCounts['numbers']}\n`)
