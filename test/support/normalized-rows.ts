/**
 * @module Test helper: the rows of a `normalizing` package's loader files per table, without the
 * random ids and sorted — what stays the same however the package's files were cut and ordered.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseJobFileName } from '../../src/storage/job-file-name.js'
import type { PackageStorage } from '../../src/storage/package-storage.js'

/** Rows per table of the package `loadId` being normalized, as sorted JSON without ids. */
export function normalizedRows(storage: PackageStorage, loadId: string): Record<string, string[]> {
  const rows: Record<string, string[]> = {}
  const folder = storage.jobsPath('normalizing', loadId)
  for (const file of readdirSync(folder)) {
    const { tableName } = parseJobFileName(file)
    for (const line of readFileSync(join(folder, file), 'utf8').split('\n')) {
      if (!line) continue
      const { _dlt_id, _dlt_parent_id, ...row } = JSON.parse(line) as Record<string, unknown>
      const list = rows[tableName] ?? []
      list.push(JSON.stringify(row))
      rows[tableName] = list
    }
  }
  for (const list of Object.values(rows)) list.sort()
  return rows
}
