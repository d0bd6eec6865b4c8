/**
 * @module Configuration of a custom destination (dlt's `@dlt.destination` decorator arguments):
 * the batch size, the file format, the naming convention, whether dlt's own tables and columns
 * reach the function, and the nesting level.
 */
import { createNamingConvention } from '../../schema/naming/index.js'
import type { TableSchema } from '../../schema/schema-types.js'
import {
  FILESYSTEM_FILE_FORMATS,
  type FilesystemFileFormat,
} from '../filesystem/filesystem-destination-config.js'

/** A row as the custom destination function receives it. */
export type CustomDestinationItem = Record<string, unknown>

/**
 * A function that receives the rows of one table in batches: `items` (at most `batchSize` rows)
 * and `table`, the table's schema as dlt stores it (`name`, `columns`, `write_disposition`, …).
 * A batch counts as delivered when the returned promise resolves; a throw stops the load, and
 * the next run resumes at the batch that threw.
 */
export type CustomDestinationFunction = (
  items: CustomDestinationItem[],
  table: TableSchema,
) => unknown

/** With `batchSize: 0`: a function that receives the path of the whole loader file instead. */
export type CustomDestinationFileFunction = (filePath: string, table: TableSchema) => unknown

/** What `destination()` takes besides the function. */
export interface CustomDestinationConfig {
  /**
   * The destination's name, as `LoadInfo` and the pipeline state report it.
   * @default the function's name, else 'destination'
   */
  readonly name?: string
  /**
   * Rows per call of the function; `0` calls it once per loader file with the file's path.
   * @default 10
   */
  readonly batchSize?: number
  /**
   * The format of the file a `batchSize: 0` function receives (rows are decoded either way).
   * @default 'jsonl'
   */
  readonly loaderFileFormat?: FilesystemFileFormat
  /**
   * The naming convention of tables and columns, as the function sees them. With `direct`, a
   * table name from data reaches the function as it is, even `a/b` or `../x`: the package's job
   * file names percent-encode it, so it never becomes a path.
   * @default 'direct' (names pass through unchanged, as dlt's custom destinations do)
   */
  readonly naming?: string
  /**
   * Keeps dlt's tables (`_dlt_pipeline_state`) and columns (`_dlt_id`, `_dlt_load_id`, …) away
   * from the function.
   * @default true
   */
  readonly skipDltColumnsAndTables?: boolean
  /**
   * Levels of nesting that become nested tables; deeper data reaches the function as objects
   * and arrays. Source and resource hints (`maxTableNesting`) override it.
   * @default 0 (every row arrives whole, nested data included)
   */
  readonly maxTableNesting?: number
}

/** The validated configuration, with defaults filled in. */
export interface ResolvedCustomDestinationConfig {
  readonly name: string
  readonly batchSize: number
  readonly loaderFileFormat: FilesystemFileFormat
  readonly naming: string
  readonly skipDltColumnsAndTables: boolean
  readonly maxTableNesting: number
}

/** Checks the function and `config` at the API boundary; returns the resolved configuration. */
export function resolveCustomDestinationConfig(
  fn: unknown,
  config: CustomDestinationConfig = {},
): ResolvedCustomDestinationConfig {
  if (typeof fn !== 'function') {
    throw new TypeError(
      'The first argument of `destination()` must be a function `(items, table) => …`',
    )
  }
  if (config === null || typeof config !== 'object') {
    throw new TypeError('The second argument of `destination()` must be an options object')
  }
  const {
    batchSize = 10,
    loaderFileFormat = 'jsonl',
    naming = 'direct',
    skipDltColumnsAndTables = true,
    maxTableNesting = 0,
  } = config
  const name = config.name ?? (fn.name || 'destination')
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError('The `name` option of `destination()` must be a non-empty string')
  }
  if (!Number.isInteger(batchSize) || batchSize < 0) {
    throw new RangeError('The `batchSize` option of `destination()` must be a non-negative integer')
  }
  if (!(FILESYSTEM_FILE_FORMATS as readonly string[]).includes(loaderFileFormat)) {
    throw new TypeError(
      `The \`loaderFileFormat\` option of \`destination()\` must be one of ${FILESYSTEM_FILE_FORMATS.join(', ')}; got "${loaderFileFormat}"`,
    )
  }
  // throws a TypeError naming the conventions it knows
  createNamingConvention(naming)
  if (typeof skipDltColumnsAndTables !== 'boolean') {
    throw new TypeError('The `skipDltColumnsAndTables` option of `destination()` must be a boolean')
  }
  if (!Number.isInteger(maxTableNesting) || maxTableNesting < 0) {
    throw new RangeError(
      'The `maxTableNesting` option of `destination()` must be a non-negative integer',
    )
  }
  return Object.freeze({
    name,
    batchSize,
    loaderFileFormat,
    naming,
    skipDltColumnsAndTables,
    maxTableNesting,
  })
}
