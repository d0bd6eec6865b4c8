/**
 * @module Test helper: a pipeline on a DuckDB file in a fresh temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Pipeline, PipelineConfig } from '../../src/index.js'
import * as dlt from '../../src/index.js'

/** A temp dir with a DuckDB file path and a pipelines dir; `cleanup()` removes it. */
export interface TempPipelineDir {
  readonly dir: string
  readonly dbPath: string
  readonly pipelinesDir: string
  pipeline(name: string, config?: Partial<PipelineConfig>): Pipeline
  cleanup(): void
}

/** Creates a temp dir for pipelines writing to `<dir>/test.duckdb`. */
export function createTempPipelineDir(prefix = 'dlt-ts-test-'): TempPipelineDir {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const dbPath = join(dir, 'test.duckdb')
  const pipelinesDir = join(dir, 'pipelines')
  return {
    dir,
    dbPath,
    pipelinesDir,
    pipeline: (name, config = {}) =>
      dlt.pipeline({
        pipelineName: name,
        destination: dlt.destinations.duckdb({ credentials: dbPath }),
        datasetName: 'data',
        pipelinesDir,
        ...config,
      }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** The number of rows of `table` in the pipeline's dataset. */
export async function countRows(pipeline: Pipeline, table: string): Promise<number> {
  const [row] = await pipeline.dataset().query(`select count(*) as n from ${table}`)
  return Number(row?.['n'])
}
