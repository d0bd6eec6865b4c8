/**
 * @module JSON rows: typed JSON lines whose rows of known columns are JSON arrays — the values of
 * the columns a file's first line names, in that order — instead of objects that repeat every key
 * on every line. Readers that serialize rows themselves (`readCsv`, `readParquet`) write them so:
 * the lines are ~40 % shorter, and normalize copies an array line whose values fit their columns
 * into its loader line (`normalize/json-rows-copier.ts`) or else parses it and builds its object
 * (`objectBuilder`), faster than it parses the object. A row missing a column's value stays an object line (an array cannot leave a
 * key out), so lines of both shapes share a file. Decoded, an array line is exactly the object
 * its object line would have been: the same keys in the same order, the same values.
 */

import { objectBuilder } from '../util/object-builder.js'
import { DAMAGED_PACKAGE, headerField } from './header-line.js'

/** The extracted file format of JSON rows (the job file's extension). */
export const JSON_ROWS_FORMAT = 'json-rows'

/** The first line of a JSON rows file: the columns of its array lines. */
export function jsonRowsHeader(columns: readonly string[]): string {
  return JSON.stringify({ rows: columns })
}

/**
 * The columns a JSON rows file's first line names.
 * @throws SyntaxError when the line is not such a header.
 */
export function parseJsonRowsHeader(line: string, file: string): string[] {
  const columns = headerField(line, 'rows')
  if (
    !Array.isArray(columns) ||
    !columns.every((name) => typeof name === 'string' && name !== '__proto__') ||
    new Set(columns).size !== columns.length
  ) {
    throw new SyntaxError(
      `${file}: the first line of a ${JSON_ROWS_FORMAT} file must name its columns; ${DAMAGED_PACKAGE}`,
    )
  }
  return columns as string[]
}

/**
 * The item of a decoded line of a file with `columns`: an array becomes the object of those keys
 * (in that order), anything else is the item itself. `where` names the file or page in errors.
 */
export function jsonRowsItem(
  columns: readonly string[],
  where: string,
): (value: unknown) => unknown {
  const count = columns.length
  const build = objectBuilder(columns)
  return (value) => {
    if (!Array.isArray(value)) return value
    if (value.length !== count) {
      throw new SyntaxError(
        `${where}: a row has ${value.length} values where its header names ${count} columns; ${DAMAGED_PACKAGE}`,
      )
    }
    return build(value)
  }
}
