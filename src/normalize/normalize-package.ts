/**
 * @module The normalize stage driver: reads an extracted package item by item, runs each item
 * through the `ItemNormalizer`, and writes the rows of each table into JSON-lines loader files of
 * a new load package. Only one item is in memory at a time. `normalizePackageInWorkers`
 * (`parallel-normalize.ts`) spreads the same work over worker threads.
 */

import { statSync } from 'node:fs'
import { basename } from 'node:path'
import type { Schema } from '../schema/schema.js'
import { COPY_TEXT_FORMAT, copyTextDecoder, parseCopyTextHeader } from '../storage/copy-text.js'
import { parseJobFileName } from '../storage/job-file-name.js'
import { JSON_ROWS_FORMAT, jsonRowsItem, parseJsonRowsHeader } from '../storage/json-rows.js'
import type { PackageStorage } from '../storage/package-storage.js'
import { decodeTypedJson } from '../storage/typed-json.js'
import type { FileRotation } from '../storage/writers/buffered-line-writer.js'
import {
  type LineRange,
  readFirstLine,
  readLineChunksSync,
  readLinesSync,
} from '../util/read-lines.js'
import type { EmitRow } from './emitted-row.js'
import type { ItemNormalizerConfig, NormalizeEvents } from './item-normalizer.js'
import { ItemNormalizer } from './item-normalizer.js'
import { RowFileWriters } from './row-file-writers.js'

/**
 * Bytes of an extracted file read at a time: 1 MiB keeps the chunk and its text small in every
 * normalizing thread (4 MiB cost ~6 MB more per thread and was no faster).
 */
const READ_CHUNK_BYTES = 1 << 20
const NEWLINE = 0x0a

/** Settings of the normalize stage. */
export interface NormalizePackageConfig extends ItemNormalizerConfig {
  /** When a loader file is complete. @default 100_000 rows */
  readonly rotation?: FileRotation
}

/** What normalize produced. */
export interface NormalizePackageResult {
  /** Rows written per table. */
  readonly rowCounts: Record<string, number>
  readonly events: NormalizeEvents
  /** With `normalize.workers` > 1: pieces of work, and how many the worker threads did. */
  readonly tasks?: {
    readonly total: number
    readonly inWorkers: number
    /** Of those in worker threads, the files done ahead, while extract ran. */
    readonly ahead?: number
  }
}

/** One piece of normalize work: the items of an extracted file (or of a range of its lines). */
export interface NormalizeTask {
  readonly path: string
  readonly tableName: string
  readonly range?: LineRange
}

/** Normalizes the items of `task` into rows for `emit`. */
export function normalizeTask(
  normalizer: ItemNormalizer,
  task: NormalizeTask,
  emit: EmitRow,
): void {
  const { path, tableName } = task
  const { decode, range, columns } = lineDecoder(task)
  const copier = columns && normalizer.jsonRowsCopier(tableName, columns)
  if (!copier) {
    readLinesSync(
      path,
      (line) => normalizer.normalize(decode(line), tableName, emit),
      READ_CHUNK_BYTES,
      range,
    )
    return
  }
  // JSON rows: array lines the copier takes become loader lines from their bytes; the rest are
  // decoded and normalized
  readLineChunksSync(
    path,
    (buffer, length) => {
      let at = 0
      while (at < length) {
        const next = copier.copyLine(buffer, at, length, emit)
        if (next >= 0) {
          at = next
          continue
        }
        let end = buffer.indexOf(NEWLINE, at)
        if (end < 0 || end > length) end = length
        if (end > at)
          normalizer.normalize(decode(buffer.toString('utf8', at, end)), tableName, emit)
        at = end + 1
      }
    },
    READ_CHUNK_BYTES,
    range,
  )
}

/**
 * How the lines of `task`'s file become items, and the range to read: typed JSON lines; JSON rows,
 * whose array lines are rows of the `columns` the file's first line names; or copy text decoded
 * with the columns of its first line. No range reads a first line as an item.
 */
function lineDecoder(task: NormalizeTask): {
  decode: (line: string) => unknown
  range: LineRange | undefined
  columns?: readonly string[]
} {
  const { format } = parseJobFileName(basename(task.path))
  if (format !== COPY_TEXT_FORMAT && format !== JSON_ROWS_FORMAT) {
    return { decode: (line) => decodeLine(line, task), range: task.range }
  }
  const header = readFirstLine(task.path)
  const start = Math.max(task.range?.start ?? 0, header.bytes)
  const end = task.range?.end ?? statSync(task.path).size
  const range = { start, end: Math.max(start, end) }
  const where = `Table "${task.tableName}", ${task.path}`
  if (format === COPY_TEXT_FORMAT) {
    return { decode: copyTextDecoder(parseCopyTextHeader(header.line, task.path), where), range }
  }
  const columns = parseJsonRowsHeader(header.line, task.path)
  const item = jsonRowsItem(columns, where)
  return { decode: (line) => item(decodeLine(line, task)), range, columns }
}

function decodeLine(line: string, task: NormalizeTask): unknown {
  try {
    return decodeTypedJson(line)
  } catch (error) {
    // extract copies pages of JSON lines unparsed (`readJsonl`): a broken line surfaces here
    throw new SyntaxError(
      `Table "${task.tableName}": an extracted item is not valid JSON (${(error as Error).message}) ` +
        `in ${task.path}; fix the line in the source data`,
      { cause: error },
    )
  }
}

/** The extracted files of package `loadId`, in processing order, as whole-file tasks. */
export function extractedTasks(storage: PackageStorage, loadId: string): NormalizeTask[] {
  const folder = storage.jobsPath('extracted', loadId)
  return storage.listJobs('extracted', loadId).map((fileName) => ({
    path: `${folder}/${fileName}`,
    tableName: parseJobFileName(fileName).tableName,
  }))
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
  const normalizer = new ItemNormalizer(schema, config)
  const writers = new RowFileWriters({
    directory: storage.jobsPath('normalizing', config.loadId),
    ...(config.rotation ? { rotation: config.rotation } : {}),
  })
  try {
    for (const task of extractedTasks(storage, config.loadId)) {
      normalizeTask(normalizer, task, writers.emit)
    }
    normalizer.finish()
  } finally {
    writers.close()
  }
  return { rowCounts: writers.rowCounts(), events: normalizer.events }
}
