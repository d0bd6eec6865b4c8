/**
 * @module Converts a JSON-lines loader file into a CSV file as dlt's csv writer lays it out: a
 * header row, `,` between fields, `"` quotes only where needed. A null is an empty field and an
 * empty string is `""`, so the two read back apart; `json` values are JSON text and `binary`
 * values base64 (CSV has no bytes). Rows are streamed in batches.
 */
import { open } from 'node:fs/promises'
import type { TableSchema } from '../../schema/schema-types.js'
import { readJsonlBatches } from './read-jsonl-batches.js'

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

/** One CSV field. */
export function csvField(value: unknown, isJson: boolean): string {
  if (value === null || value === undefined) return ''
  const text = isJson || typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (text === '' || NEEDS_QUOTES.test(text)) return `"${text.replaceAll('"', '""')}"`
  return text
}

/**
 * Writes the rows of the JSON-lines file `sourcePath` into a new CSV file `targetPath`, with the
 * complete columns of `table` in schema order. Returns the number of rows.
 */
export async function writeCsvFromJsonl(
  sourcePath: string,
  targetPath: string,
  table: TableSchema,
  batchRows = 10_000,
): Promise<number> {
  const columns = Object.values(table.columns).filter((column) => column.data_type !== undefined)
  const out = await open(targetPath, 'w')
  let rows = 0
  try {
    await out.write(`${columns.map((column) => csvField(column.name, false)).join(',')}\n`)
    for await (const batch of readJsonlBatches(sourcePath, batchRows)) {
      const lines = batch.map(
        (row) => `${columns.map((c) => csvField(row[c.name], c.data_type === 'json')).join(',')}\n`,
      )
      await out.write(lines.join(''))
      rows += batch.length
    }
  } finally {
    await out.close()
  }
  return rows
}
