/**
 * @module Reads a JSON-lines loader file as rows, chunk by chunk, for destinations that insert
 * rows themselves (MySQL's multi-row `INSERT`, SQLite's prepared `INSERT`): memory stays flat
 * whatever the file size. Values are in the loader's encoding (`storage/writers/encode-row.ts`).
 */
import { createReadStream } from 'node:fs'
import { TerminalError } from '../../errors/dlt-error.js'

/** The rows of the JSON-lines file at `path`; `fileName` names it in errors. */
export async function* readJsonlRows(
  path: string,
  fileName: string,
): AsyncGenerator<Record<string, unknown>> {
  let lineNumber = 0
  let rest = ''
  const parse = (line: string): Record<string, unknown> => {
    try {
      return JSON.parse(line) as Record<string, unknown>
    } catch (error) {
      throw new TerminalError(`Invalid JSON in loader file ${fileName} at line ${lineNumber}`, {
        cause: error,
      })
    }
  }
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 18 })) {
    const text = rest + (chunk as string)
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      lineNumber++
      if (end > start) yield parse(text.slice(start, end))
      start = end + 1
    }
    rest = text.slice(start)
  }
  lineNumber++
  if (rest.trim()) yield parse(rest)
}
