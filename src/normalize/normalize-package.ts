/**
 * @module The normalize stage driver: reads an extracted package item by item, runs each item
 * through the `ItemNormalizer`, and writes the rows of each table into JSON-lines loader files of
 * a new load package. Only one item is in memory at a time.
 */
import type { Schema } from '../schema/schema.js'
import { formatJobFileName, parseJobFileName } from '../storage/job-file-name.js'
import type { PackageStorage } from '../storage/package-storage.js'
import { decodeTypedJson } from '../storage/typed-json.js'
import { BufferedLineWriter } from '../storage/writers/buffered-line-writer.js'
import { encodeRow } from '../storage/writers/encode-row.js'
import { readLinesSync } from '../util/read-lines.js'
import type { ItemNormalizerConfig, NormalizeEvents } from './item-normalizer.js'
import { ItemNormalizer } from './item-normalizer.js'

/** Settings of the normalize stage. */
export interface NormalizePackageConfig extends ItemNormalizerConfig {
  /** Rows per loader file before rotating. @default 100_000 */
  readonly fileMaxItems?: number
}

/** What normalize produced. */
export interface NormalizePackageResult {
  /** Rows written per table. */
  readonly rowCounts: Record<string, number>
  readonly events: NormalizeEvents
}

/**
 * Normalizes the extracted package `loadId` into the `normalizing` package of the same id,
 * evolving `schema` in place.
 */
export function normalizePackage(
  storage: PackageStorage,
  schema: Schema,
  config: NormalizePackageConfig,
): NormalizePackageResult {
  const { loadId } = config
  const normalizer = new ItemNormalizer(schema, config)
  const target = storage.jobsPath('normalizing', loadId)
  const writers = new Map<string, BufferedLineWriter>()
  const writerFor = (table: string): BufferedLineWriter => {
    let writer = writers.get(table)
    if (!writer) {
      writer = new BufferedLineWriter({
        directory: target,
        fileName: () => formatJobFileName(table, 'jsonl'),
        ...(config.fileMaxItems === undefined ? {} : { fileMaxItems: config.fileMaxItems }),
      })
      writers.set(table, writer)
    }
    return writer
  }
  const emit = (table: string, row: Record<string, unknown>): void => {
    writerFor(table).write(encodeRow(row))
  }
  try {
    for (const fileName of storage.listJobs('extracted', loadId)) {
      const { tableName } = parseJobFileName(fileName)
      const path = `${storage.jobsPath('extracted', loadId)}/${fileName}`
      readLinesSync(path, (line) => normalizer.normalize(decodeTypedJson(line), tableName, emit))
    }
    normalizer.finish()
  } finally {
    for (const writer of writers.values()) writer.close()
  }
  const rowCounts: Record<string, number> = {}
  for (const [table, writer] of writers) rowCounts[table] = writer.lineCount
  return { rowCounts, events: normalizer.events }
}
