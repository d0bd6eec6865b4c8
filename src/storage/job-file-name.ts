/**
 * @module Names of job files inside a package: `{table_name}.{file_id}.{retry_count}.{format}`,
 * dlt's layout, so a table's files are found by prefix and the format by extension.
 */
import { randomBytes } from 'node:crypto'

/** The parts of a job file name. */
export interface JobFileName {
  readonly tableName: string
  readonly fileId: string
  readonly retryCount: number
  readonly format: string
}

/** Formats a job file name; `fileId` defaults to a short random id. */
export function formatJobFileName(
  tableName: string,
  format: string,
  fileId: string = randomBytes(5).toString('hex'),
  retryCount = 0,
): string {
  return `${tableName}.${fileId}.${retryCount}.${format}`
}

/** Parses a job file name; table names never contain dots (the naming conventions remove them). */
export function parseJobFileName(fileName: string): JobFileName {
  const parts = fileName.split('.')
  if (parts.length < 4) throw new TypeError(`Not a job file name: "${fileName}"`)
  const format = parts.pop()!
  const retryCount = Number(parts.pop())
  const fileId = parts.pop()!
  return { tableName: parts.join('.'), fileId, retryCount, format }
}
