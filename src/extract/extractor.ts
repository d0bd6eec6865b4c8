/**
 * @module The extract stage: runs the user's data into an extract package of typed JSON-lines
 * files, one series of files per root table, plus the schema with the table hints.
 */
import type { NamingConvention } from '../schema/naming/naming-convention.js'
import type { WriteDisposition } from '../schema/schema-types.js'
import { formatJobFileName } from '../storage/job-file-name.js'
import type { PackageStorage } from '../storage/package-storage.js'
import { encodeTypedJson } from '../storage/typed-json.js'
import { BufferedLineWriter } from '../storage/writers/buffered-line-writer.js'
import type { DataInput } from './data-items.js'
import { iterateItems } from './data-items.js'
import { validateItem } from './validate-item.js'

/** File extension of extracted items. */
export const EXTRACT_FILE_FORMAT = 'typed-jsonl'

/** One stream of items for one root table. */
export interface ExtractTarget {
  /** The normalized root table name. */
  readonly tableName: string
  readonly writeDisposition: WriteDisposition
  readonly data: DataInput
}

/** Settings of the extract stage. */
export interface ExtractorConfig {
  /** Items per extracted file before rotating. @default 100_000 */
  readonly fileMaxItems?: number
}

/** What extract wrote into one package. */
export interface ExtractResult {
  readonly loadId: string
  /** Items extracted per root table. */
  readonly itemCounts: Record<string, number>
}

/** Writes the items of `targets` into the `extracting` package `loadId`. */
export async function extractItems(
  storage: PackageStorage,
  loadId: string,
  targets: readonly ExtractTarget[],
  config: ExtractorConfig = {},
): Promise<ExtractResult> {
  const itemCounts: Record<string, number> = {}
  const directory = storage.jobsPath('extracting', loadId)
  for (const target of targets) {
    const writer = new BufferedLineWriter({
      directory,
      fileName: () => formatJobFileName(target.tableName, EXTRACT_FILE_FORMAT),
      ...(config.fileMaxItems === undefined ? {} : { fileMaxItems: config.fileMaxItems }),
    })
    try {
      for await (const item of iterateItems(target.data)) {
        const record = isRecord(item) ? item : { value: item }
        validateItem(record, target.tableName)
        writer.write(encodeTypedJson(record))
      }
    } finally {
      writer.close()
    }
    itemCounts[target.tableName] = (itemCounts[target.tableName] ?? 0) + writer.lineCount
  }
  return { loadId, itemCounts }
}

/** Normalizes a user-given table name with the schema's naming convention. */
export function normalizeTableName(name: string, naming: NamingConvention): string {
  return naming.normalizePath(name)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
