/**
 * @module Names of job files inside a package: `{table_name}.{file_id}.{retry_count}.{format}`,
 * dlt's layout, so a table's files are found by prefix and the format by extension.
 *
 * The table part is percent-encoded (`encodePathSegment`): with `direct` naming (custom
 * destinations) a table name from data may hold `/`, `\`, `%`, NUL or be `..`, and its file must
 * still be one file in the package's jobs folder. `snake_case` names have none of these
 * characters, so their file names are dlt's unchanged. `parseJobFileName` decodes the table name.
 */
import { randomBytes } from 'node:crypto'
import { decodePathSegment, encodePathSegment, pathSegmentProblem } from '../util/path-segment.js'

/** The parts of a job file name. */
export interface JobFileName {
  readonly tableName: string
  readonly fileId: string
  readonly retryCount: number
  readonly format: string
}

/**
 * Formats a job file name; `fileId` defaults to a short random id. The table name is encoded, so
 * any table name gives a single file name that `parseJobFileName` turns back into it.
 * @throws RangeError when `fileId` or `format` is not a plain name (empty, or with a dot, a
 *   separator or a control character), which would break the name or its parsing.
 */
export function formatJobFileName(
  tableName: string,
  format: string,
  fileId: string = randomBytes(5).toString('hex'),
  retryCount = 0,
): string {
  for (const [option, value] of [
    ['fileId', fileId],
    ['format', format],
  ] as const) {
    const problem = value.includes('.') ? 'it contains "."' : pathSegmentProblem(value)
    if (problem) {
      throw new RangeError(
        `The job file's \`${option}\` ${JSON.stringify(value)} is not a plain name: ${problem}`,
      )
    }
  }
  if (!Number.isInteger(retryCount) || retryCount < 0) {
    throw new RangeError(`The job file's \`retryCount\` must be a non-negative integer`)
  }
  return `${encodePathSegment(tableName)}.${fileId}.${retryCount}.${format}`
}

/** Base-36 digits of an ordered file id: 36^6 (2 billion) files before the order wraps. */
const ORDER_DIGITS = 6

/**
 * A source of file ids, 10 characters like the random ones, that sort in the order they were
 * made: six base-36 digits of a counter, then four random hex digits. Normalize reads a package's
 * files in name order, so a table's files written by one extract are read in the order they were
 * opened, and the first item of a table decides its columns' types as it did in the source.
 */
export function orderedFileIds(): () => string {
  let next = 0
  return () => {
    const order = (next++ % 36 ** ORDER_DIGITS).toString(36).padStart(ORDER_DIGITS, '0')
    return order + randomBytes(2).toString('hex')
  }
}

/**
 * Parses a job file name, decoding the table name. The name is split from the right, so a table
 * name may contain dots (`direct` naming keeps them).
 */
export function parseJobFileName(fileName: string): JobFileName {
  const parts = fileName.split('.')
  if (parts.length < 4) throw new TypeError(`Not a job file name: "${fileName}"`)
  const format = parts.pop()!
  const retryCount = Number(parts.pop())
  const fileId = parts.pop()!
  return { tableName: decodePathSegment(parts.join('.')), fileId, retryCount, format }
}
