/**
 * @module What `dlt.pipeline()` and `pipeline.run()` take.
 */

import { join } from 'node:path'
import { dltDataDir } from '../config/index.js'
import type { Destination } from '../destinations/destination.js'
import type { DestinationName } from '../destinations/registry.js'
import type { StandardSchemaV1 } from '../extract/standard-schema/standard-schema.js'
import type { TableHints } from '../schema/hints.js'
import type { ProgressSetting } from './progress/progress.js'
import type { RefreshMode } from './refresh.js'

/** Configuration of a pipeline. */
export interface PipelineConfig {
  /** Name of the pipeline: names its working directory, its default schema and state. */
  readonly pipelineName: string
  /**
   * Where data goes: a destination name — `'duckdb'` (a `<pipelineName>.duckdb` file in the current
   * directory unless `destination.duckdb.credentials` is configured), `'postgres'`
   * (`destination.postgres.credentials`), `'filesystem'` (`destination.filesystem.bucket_url`),
   * `'mysql'` (`destination.mysql.credentials`), `'sqlite'` (`destination.sqlite.credentials`) — or
   * a destination object such as `dlt.destinations.duckdb({ credentials: 'path/to/file.duckdb' })`.
   * @default 'duckdb'
   */
  readonly destination?: DestinationName | Destination
  /** Dataset (schema) at the destination. @default `${pipelineName}_dataset` */
  readonly datasetName?: string
  /**
   * Folder holding the pipelines' working directories.
   * @default `~/.dlt/pipelines`, or `$DLT_DATA_DIR/pipelines` when `DLT_DATA_DIR` is set
   */
  readonly pipelinesDir?: string
  /**
   * What the pipeline shows while it runs (dlt's `progress`): `'log'` prints each step's figures
   * (items per resource, rows, files, rows/s, MB, ETA where known) to stderr every 5 s and when
   * the step ends, plus a line per package; `'bar'` draws live bars on a terminal and prints
   * like `'log'` elsewhere; `false` shows nothing (messages then go to the log, at `INFO` of
   * `runtime.log_level`). `true` means `'log'`; `{ mode, stream, intervalMs }` sets the details.
   * @default the `progress` config key (`PROGRESS=log`), else false
   */
  readonly progress?: ProgressSetting
  /**
   * dlt's `dev_mode`: every pipeline instance starts from an empty working directory, restores
   * nothing from the destination and loads into a dataset of its own, `<datasetName>_<YYYYMMDDhhmmss>`.
   * @default false
   */
  readonly devMode?: boolean
  /**
   * Resets sources before every run of this pipeline instance (see `RunOptions.refresh`).
   * @default undefined (no reset)
   */
  readonly refresh?: RefreshMode
}

/** Options of `pipeline.extract()`: those of a run, and the new package's load id. */
export interface ExtractOptions extends RunOptions {
  /**
   * The load id of the new package instead of a fresh one (dlt's format, Unix seconds with
   * microseconds: `'1732461234.512345'`); it must be newer than the pipeline's last load id.
   * Distributed runs give every task's package the run's load id, so the loader commits the
   * whole run as one package. @default a new load id
   */
  readonly loadId?: string
}

/** Per-run options: where the data goes and how it is written. */
export interface RunOptions extends Omit<TableHints, 'columns'> {
  /**
   * Column hints for every resource run, or a Standard Schema (zod, valibot, arktype, …) that
   * gives the columns and validates every item: see docs/typing.md.
   */
  readonly columns?: TableHints['columns'] | StandardSchemaV1
  /**
   * The table to load into, normalized with the naming convention (`'GitHub Issues'` →
   * `git_hub_issues`). @default the name of the generator function passed as data
   */
  readonly tableName?: string
  /**
   * Resets what this run loads before loading it, as dlt's `refresh`: `'drop_sources'` drops every
   * table of the source and wipes its schema and state; `'drop_resources'` drops the tables of the
   * resources being run and wipes their state; `'drop_data'` empties those tables and wipes the
   * resources' state (cursors start from `initialValue` again), keeping the schema. The drop
   * happens in the load's transaction. `false`: none, even when the pipeline has a `refresh`.
   * @default the pipeline's `refresh`
   */
  readonly refresh?: RefreshMode | false
}

/** The default pipelines folder, as dlt computes it. */
export function defaultPipelinesDir(): string {
  return join(dltDataDir(), 'pipelines')
}
